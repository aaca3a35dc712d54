package in.earlybird.notification.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import in.earlybird.events.NotificationEvent;
import in.earlybird.notification.delivery.DeliveryOutcome;
import in.earlybird.notification.delivery.DeliveryRequest;
import in.earlybird.notification.delivery.NotificationDispatcher;
import in.earlybird.notification.delivery.Trigger;
import in.earlybird.notification.history.IdempotencyKey;
import in.earlybird.notification.history.NotificationHistory;
import in.earlybird.notification.history.NotificationRecord;
import in.earlybird.notification.intake.IntakeProperties;
import in.earlybird.notification.retry.FailureRouter;
import in.earlybird.notification.shared.KafkaPublishing;
import in.earlybird.notification.shared.KafkaPublishing.PublishFailedException;
import in.earlybird.notification.templates.TemplateType;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.http.HttpStatus;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Sends an admin's event now through the same dispatcher as the pipeline (so opt-outs,
 * quiet hours, staleness, idempotency and the rate limit all apply), or publishes it to
 * its Kafka topic to be sent like any other event. A send that fails for now goes round
 * the delay topic exactly like a consumed event would.
 */
@Component
class AdminDispatch {

	private static final Logger logger = LoggerFactory.getLogger(AdminDispatch.class);

	private static final Duration PUBLISH_TIMEOUT = Duration.ofSeconds(10);

	private final NotificationDispatcher dispatcher;

	private final FailureRouter router;

	private final NotificationHistory history;

	private final KafkaTemplate<String, byte[]> kafka;

	private final IntakeProperties intake;

	private final Clock clock;

	AdminDispatch(NotificationDispatcher dispatcher, FailureRouter router, NotificationHistory history,
			KafkaTemplate<String, byte[]> kafka, IntakeProperties intake, Clock clock) {
		this.dispatcher = dispatcher;
		this.router = router;
		this.history = history;
		this.kafka = kafka;
		this.intake = intake;
		this.clock = clock;
	}

	/**
	 * Sends an event now and waits for the outcome.
	 * @param eventId the event's id, the idempotency key
	 * @param event the event
	 * @param trigger {@link Trigger#ADMIN} or {@link Trigger#RESEND}
	 * @param resendOf the notification re-sent, for a resend
	 * @return the notification as recorded afterwards
	 */
	NotificationRecord sendNow(String eventId, NotificationEvent event, Trigger trigger, @Nullable String resendOf) {
		DeliveryRequest request = new DeliveryRequest(eventId, event.eventType().ceType(), event, trigger, 0, null,
				resendOf);
		DeliveryOutcome outcome;
		try {
			outcome = this.dispatcher.dispatch(request, UUID.randomUUID().toString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new AdminProblem(HttpStatus.SERVICE_UNAVAILABLE, "INTERRUPTED",
					"The service is shutting down; the message may not have been sent", java.util.List.of(), null);
		}
		String notificationId = switch (outcome) {
			case DeliveryOutcome.AlreadyHandled handled -> handled.notificationId();
			case DeliveryOutcome.NotSent notSent -> notSent.notificationId();
			case DeliveryOutcome.Answered answered -> {
				// The same hand-off as a consumed event: history, and the delay or
				// dead-letter topic when it goes there.
				this.router.complete(this.router.handoff(consumed(eventId, event), request, answered));
				yield answered.notificationId();
			}
		};
		logger.info("Admin {} of event {} ({}): {}", trigger.value(), eventId, event.eventType().ceType(),
				outcome.getClass().getSimpleName());
		return ((notificationId != null) ? this.history.findById(notificationId)
				: this.history
					.find(new IdempotencyKey(eventId, TemplateType.of(event).key(), event.customer().phone())))
			.orElseThrow(() -> new IllegalStateException("The notification of event " + eventId + " is not recorded"));
	}

	/**
	 * Publishes an event to its configured topic in binary CloudEvents mode and waits for
	 * the broker's acknowledgement.
	 * @param eventId the event's id
	 * @param event the event
	 * @return the topic it went to
	 */
	String publish(String eventId, NotificationEvent event) {
		String topic = this.intake.topicFor(event.eventType());
		try {
			KafkaPublishing.publish(this.kafka,
					CloudEventRecords.toPublish(topic, eventId, this.clock.instant(), event), PUBLISH_TIMEOUT);
		}
		catch (PublishFailedException ex) {
			logger.warn("Could not publish admin event {} to {}: {}", eventId, topic, ex.getMessage());
			throw unavailable();
		}
		logger.info("Admin event {} ({}) queued on {}", eventId, event.eventType().ceType(), topic);
		return topic;
	}

	private static AdminProblem unavailable() {
		return new AdminProblem(HttpStatus.SERVICE_UNAVAILABLE, "KAFKA_UNAVAILABLE",
				"Kafka did not take the event; nothing was queued, try again", java.util.List.of(), null);
	}

	private org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]> consumed(String eventId,
			NotificationEvent event) {
		Instant now = this.clock.instant();
		return CloudEventRecords.asConsumed(this.intake.topicFor(event.eventType()), eventId, now, event);
	}

}
