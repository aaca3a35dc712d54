/**
 * What happens when sending fails: the delay topic ({@code notifications.retry}), the
 * dead-letter topic ({@code notifications.dlt}) with the headers SREs read, and replaying
 * dead-lettered records.
 */
@NullMarked
package in.earlybird.notification.retry;

import org.jspecify.annotations.NullMarked;
