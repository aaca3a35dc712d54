/**
 * The history of every notification in MongoDB ({@code notifications_log}): what was sent
 * to whom, every attempt and its outcome, and the unique key that makes a redelivered or
 * replayed event a no-op.
 */
@NullMarked
package in.earlybird.notification.history;

import org.jspecify.annotations.NullMarked;
