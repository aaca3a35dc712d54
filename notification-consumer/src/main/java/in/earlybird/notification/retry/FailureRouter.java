package in.earlybird.notification.retry;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

import in.earlybird.notification.shared.HeaderValues;
import in.earlybird.notification.shared.Redaction;
import in.earlybird.notification.delivery.DeliveryOutcome;
import in.earlybird.notification.delivery.DeliveryRequest;
import in.earlybird.notification.delivery.NotificationDispatcher;
import in.earlybird.notification.history.NotificationHistory;

/**
 * Hands a failed event to the delay topic or the dead-letter topic, and records that in
 * history, in the order that loses nothing if the process stops half-way:
 * <ul>
 * <li>retry: history first ({@code queued}, so a redelivery may send it), then the delay
 * topic;</li>
 * <li>dead letter: the dead-letter topic first (so it can be replayed), then
 * history.</li>
 * </ul>
 * Publishing waits for the broker's acknowledgement; if it fails, the exception reaches
 * the listener, the record's offset is not committed and it comes back.
 */
@Component
public class FailureRouter {

	private static final Logger logger = LoggerFactory.getLogger(FailureRouter.class);

	private final KafkaTemplate<String, byte[]> kafka;

	private final NotificationHistory history;

	private final NotificationDispatcher dispatcher;

	private final RetryProperties properties;

	private final Clock clock;

	private final MeterRegistry meters;

	FailureRouter(KafkaTemplate<String, byte[]> kafka, NotificationHistory history, NotificationDispatcher dispatcher,
			RetryProperties properties, Clock clock, MeterRegistry meters) {
		this.kafka = kafka;
		this.history = history;
		this.dispatcher = dispatcher;
		this.properties = properties;
		this.clock = clock;
		this.meters = meters;
		// Every series exists from the start, so rates and alerts see a zero, not a gap.
		for (FailureClass failureClass : FailureClass.values()) {
			meters.counter("notification.dead_lettered", "reason", failureClass.name());
		}
		meters.counter("notification.retries.scheduled", "reason", FailureClass.ProviderTransient.name());
		meters.counter("notification.retries.scheduled", "reason", FailureClass.ProviderRateLimited.name());
	}

	/**
	 * Schedules another attempt through the delay topic, or dead-letters the event if its
	 * retries are used up.
	 * @param record the record that failed
	 * @param request what was being sent
	 * @param outcome the failure
	 */
	public void retryOrDeadLetter(ConsumerRecord<String, byte[]> record, DeliveryRequest request,
			DeliveryOutcome.RetryLater outcome) {
		FailureClass failureClass = outcome.countsAgainstBudget() ? FailureClass.ProviderTransient
				: FailureClass.ProviderRateLimited;
		// A "slow down" does not spend the budget: the record goes round again as the
		// same
		// attempt.
		int nextAttempt = outcome.countsAgainstBudget() ? request.topicAttempt() + 1 : request.topicAttempt();
		Instant now = this.clock.instant();
		if (nextAttempt > this.properties.maxTopicAttempts()) {
			Failure failure = new Failure(failureClass, outcome.code(), outcome.reason(), request.eventId(),
					request.eventType(), request.topicAttempt() + 1);
			publish(this.properties.deadLetterTopic(), record, failure, now, null);
			this.history.markFailed(outcome.notificationId(), outcome.code(),
					"gave up after " + failure.attempts() + " attempts: " + outcome.reason(), true, this.dispatcher
						.attempt(request, "dead_lettered", outcome.code(), outcome.reason(), outcome.providerCalls()));
			this.dispatcher.recorded(request);
			this.meters.counter("notification.dead_lettered", "reason", failureClass.name()).increment();
			logger.warn("Event {} ({}) dead-lettered after {} attempts: {}", request.eventId(), request.eventType(),
					failure.attempts(), outcome.code());
			return;
		}
		Instant dueAt = now.plus(this.properties.delay());
		this.history.markRetryScheduled(outcome.notificationId(), dueAt, outcome.code(), outcome.reason(),
				this.dispatcher.attempt(request, outcome.countsAgainstBudget() ? "transient" : "rate_limited",
						outcome.code(), outcome.reason(), outcome.providerCalls()));
		Failure failure = new Failure(failureClass, outcome.code(), outcome.reason(), request.eventId(),
				request.eventType(), request.topicAttempt() + 1);
		RecordHeaders retryHeaders = new RecordHeaders();
		put(retryHeaders, FailureHeaders.RETRY_ATTEMPT, Integer.toString(nextAttempt));
		put(retryHeaders, FailureHeaders.RETRY_DUE_AT, dueAt.toString());
		publish(this.properties.topic(), record, failure, now, retryHeaders);
		this.dispatcher.recorded(request);
		this.meters.counter("notification.retries.scheduled", "reason", failureClass.name()).increment();
		logger.info("Event {} ({}) failed with {}; retry {} of {} due at {}", request.eventId(), request.eventType(),
				outcome.code(), nextAttempt, this.properties.maxTopicAttempts(), dueAt);
	}

	/**
	 * Dead-letters an event the provider refused for a reason only an operator can fix.
	 * @param record the record
	 * @param request what was being sent
	 * @param outcome the failure
	 */
	public void deadLetter(ConsumerRecord<String, byte[]> record, DeliveryRequest request,
			DeliveryOutcome.DeadLetter outcome) {
		Failure failure = new Failure(FailureClass.ProviderConfiguration, outcome.code(), outcome.reason(),
				request.eventId(), request.eventType(), request.topicAttempt() + 1);
		publish(this.properties.deadLetterTopic(), record, failure, this.clock.instant(), null);
		this.history.markFailed(outcome.notificationId(), outcome.code(), outcome.reason(), true, this.dispatcher
			.attempt(request, "dead_lettered", outcome.code(), outcome.reason(), outcome.providerCalls()));
		this.dispatcher.recorded(request);
		this.meters.counter("notification.dead_lettered", "reason", failure.failureClass().name()).increment();
		logger.error("Event {} ({}) dead-lettered: MyOperator refused the configuration ({})", request.eventId(),
				request.eventType(), outcome.code());
	}

	/**
	 * Dead-letters a record that is not a valid event, without retrying it.
	 * @param record the record
	 * @param code the problem's code
	 * @param reason the problem, safe to show
	 * @param eventId the event id, if it could be read
	 * @param eventType the event type, if it could be read
	 */
	public void deadLetterPoison(ConsumerRecord<String, byte[]> record, String code, String reason,
			@Nullable String eventId, @Nullable String eventType) {
		publish(this.properties.deadLetterTopic(), record,
				new Failure(FailureClass.PoisonEvent, code, reason, eventId, eventType, 1), this.clock.instant(), null);
		this.meters.counter("notification.dead_lettered", "reason", FailureClass.PoisonEvent.name()).increment();
		logger.warn("Dead-lettered a bad record from {}-{}@{} (event {}): {}", record.topic(), record.partition(),
				record.offset(), eventId, reason);
	}

	/**
	 * Dead-letters a record this service failed on unexpectedly, so that the partition
	 * moves on and the record can be replayed once the fault is fixed.
	 * @param record the record
	 * @param request what was being sent, if the record was decoded
	 * @param error the failure
	 */
	public void deadLetterUnexpected(ConsumerRecord<String, byte[]> record, @Nullable DeliveryRequest request,
			RuntimeException error) {
		String reason = error.getClass().getName() + ": " + Redaction.safe(error.getMessage());
		publish(this.properties.deadLetterTopic(), record,
				new Failure(FailureClass.ProcessingError, "PROCESSING_ERROR", reason,
						(request != null) ? request.eventId() : null, (request != null) ? request.eventType() : null,
						(request != null) ? request.topicAttempt() + 1 : 1),
				this.clock.instant(), null);
		this.meters.counter("notification.dead_lettered", "reason", FailureClass.ProcessingError.name()).increment();
		logger.error("Dead-lettered record {}-{}@{} after an unexpected failure", record.topic(), record.partition(),
				record.offset(), error);
	}

	private void publish(String topic, ConsumerRecord<String, byte[]> record, Failure failure, Instant now,
			@Nullable Headers extra) {
		Headers headers = new RecordHeaders();
		for (Header header : record.headers()) {
			if (!header.key().startsWith(FailureHeaders.PREFIX)) {
				headers.add(header);
			}
		}
		String originalTopic = header(record, FailureHeaders.ORIGINAL_TOPIC, record.topic());
		put(headers, FailureHeaders.ORIGINAL_TOPIC, originalTopic);
		put(headers, FailureHeaders.ORIGINAL_PARTITION,
				header(record, FailureHeaders.ORIGINAL_PARTITION, Integer.toString(record.partition())));
		put(headers, FailureHeaders.ORIGINAL_OFFSET,
				header(record, FailureHeaders.ORIGINAL_OFFSET, Long.toString(record.offset())));
		put(headers, FailureHeaders.ORIGINAL_TIMESTAMP,
				header(record, FailureHeaders.ORIGINAL_TIMESTAMP, Instant.ofEpochMilli(record.timestamp()).toString()));
		if (record.key() != null) {
			put(headers, FailureHeaders.ORIGINAL_KEY, record.key());
		}
		put(headers, FailureHeaders.FIRST_FAILURE_AT, header(record, FailureHeaders.FIRST_FAILURE_AT, now.toString()));
		put(headers, FailureHeaders.LAST_FAILURE_AT, now.toString());
		put(headers, FailureHeaders.ATTEMPTS, Integer.toString(failure.attempts()));
		put(headers, FailureHeaders.EXCEPTION_CLASS, failure.failureClass().name());
		put(headers, FailureHeaders.EXCEPTION_MESSAGE, Redaction.safe(failure.reason()));
		put(headers, FailureHeaders.ERROR_CODE, failure.code());
		if (failure.eventId() != null) {
			put(headers, FailureHeaders.EVENT_ID, failure.eventId());
		}
		if (failure.eventType() != null) {
			put(headers, FailureHeaders.EVENT_TYPE, failure.eventType());
		}
		if (extra != null) {
			extra.forEach(headers::add);
		}
		ProducerRecord<String, byte[]> out = new ProducerRecord<>(topic, null, null, record.key(), record.value(),
				headers);
		try {
			this.kafka.send(out).get(this.properties.publishTimeout().toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new FailureRoutingException("Interrupted while publishing to " + topic, ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new FailureRoutingException("Could not publish to " + topic, ex);
		}
	}

	private static String header(ConsumerRecord<String, byte[]> record, String name, String fallback) {
		String value = HeaderValues.text(record, name);
		return (value != null) ? value : fallback;
	}

	private static void put(Headers headers, String name, String value) {
		headers.remove(name);
		headers.add(name, value.getBytes(StandardCharsets.UTF_8));
	}

	private record Failure(FailureClass failureClass, String code, String reason, @Nullable String eventId,
			@Nullable String eventType, int attempts) {
	}

}
