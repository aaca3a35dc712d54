/**
 * The MyOperator webhook, an inbound channel: delivery reports for our sends (sent,
 * delivered, read, failed) applied to history, and customers' STOP and START replies
 * applied to their preferences. It has credentials of its own (Basic or an API key), a
 * security filter chain of its own and its own dedupe log; nothing depends on it.
 */
@NullMarked
package in.earlybird.notification.webhook;

import org.jspecify.annotations.NullMarked;
