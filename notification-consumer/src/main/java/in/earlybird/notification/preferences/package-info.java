/**
 * Customer preferences ({@code notification_settings}): opt-outs per message category,
 * honoured before anything is sent.
 */
@NullMarked
package in.earlybird.notification.preferences;

import org.jspecify.annotations.NullMarked;
