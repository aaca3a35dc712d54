/**
 * Reading events from Kafka: the listeners on the domain topics and the delay topic, and
 * the CloudEvents decoding and schema validation that turn a record into a notification
 * event or a clear reason why it is not one.
 */
@NullMarked
package in.earlybird.notification.intake;

import org.jspecify.annotations.NullMarked;
