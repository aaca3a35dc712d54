/**
 * Sending: the dispatcher that decides whether, what and when to send for one event, its
 * outcomes, the client-side rate limit and the in-process retries. The provider client
 * itself is in {@code delivery.myoperator}.
 */
@NullMarked
package in.earlybird.notification.delivery;

import org.jspecify.annotations.NullMarked;
