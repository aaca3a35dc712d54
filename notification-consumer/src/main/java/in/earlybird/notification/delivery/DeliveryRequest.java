package in.earlybird.notification.delivery;

import in.earlybird.events.NotificationEvent;
import in.earlybird.notification.history.KafkaSource;
import org.jspecify.annotations.Nullable;

/**
 * One event to turn into a message.
 *
 * @param eventId the CloudEvents id, the idempotency key
 * @param eventType the CloudEvents type
 * @param event the event
 * @param trigger what started this attempt
 * @param topicAttempt how many times the event has already been through the delay topic
 * @param source where the event was read from, if from Kafka
 * @param resendOf the notification being re-sent, for a resend
 */
public record DeliveryRequest(String eventId, String eventType, NotificationEvent event, Trigger trigger,
		int topicAttempt, @Nullable KafkaSource source, @Nullable String resendOf) {
}
