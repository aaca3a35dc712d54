package in.earlybird.notification.retry;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import in.earlybird.notification.delivery.DeliveryOutcome;
import in.earlybird.notification.delivery.DeliveryRequest;
import in.earlybird.notification.delivery.NotificationDispatcher;
import in.earlybird.notification.history.Attempt;
import in.earlybird.notification.history.AttemptOutcome;
import in.earlybird.notification.history.NotificationHistory;
import in.earlybird.notification.shared.HeaderValues;
import in.earlybird.notification.shared.KafkaPublishing;
import in.earlybird.notification.shared.KafkaPublishing.PublishFailedException;
import in.earlybird.notification.shared.Redaction;
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

/**
 * Makes an answered attempt durable ({@link Handoff}): records it in history and, for
 * another try or a dead letter, hands the record to the delay or dead-letter topic, in
 * the order that loses nothing if the process stops half-way. Also dead-letters records
 * that are not valid events. Publishing waits for the broker's acknowledgement; if it
 * fails, the exception reaches the caller, the record's offset is not committed, and the
 * step is tried again.
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

	private final OversizedValues oversized;

	FailureRouter(KafkaTemplate<String, byte[]> kafka, NotificationHistory history, NotificationDispatcher dispatcher,
			RetryProperties properties, Clock clock, MeterRegistry meters, OversizedValues oversized) {
		this.kafka = kafka;
		this.oversized = oversized;
		this.history = history;
		this.dispatcher = dispatcher;
		this.properties = properties;
		this.clock = clock;
		this.meters = meters;
		// Every series exists from the start, so rates and alerts see a zero, not a gap.
		for (FailureClass failureClass : FailureClass.values()) {
			meters.counter("notification.dead_lettered", "reason", failureClass.name());
		}
		for (FailureClass retried : List.of(FailureClass.ProviderTransient, FailureClass.ProviderRateLimited,
				FailureClass.Held)) {
			meters.counter("notification.retries.scheduled", "reason", retried.name());
		}
	}

	/**
	 * Plans how an answered attempt becomes durable.
	 * @param record the record the request came from (or stands for)
	 * @param request what was being sent
	 * @param outcome its outcome
	 * @return the hand-off, nothing done yet
	 */
	public Handoff handoff(ConsumerRecord<String, byte[]> record, DeliveryRequest request,
			DeliveryOutcome.Answered outcome) {
		return Handoff.plan(record, request, outcome, this.properties.maxTopicAttempts(), this.clock.instant());
	}

	/**
	 * Takes the steps of a hand-off that are not done yet. If one fails, the exception
	 * propagates and the hand-off stays at that step, to be completed later.
	 * @param handoff the hand-off
	 */
	public void complete(Handoff handoff) {
		while (!handoff.isDone()) {
			Handoff.Step step = handoff.next();
			take(step, handoff);
			handoff.completed(step);
		}
	}

	private void take(Handoff.Step step, Handoff handoff) {
		DeliveryRequest request = handoff.request();
		DeliveryOutcome.Answered outcome = handoff.outcome();
		String id = outcome.notificationId();
		switch (step) {
			case RECORD_SENT -> {
				DeliveryOutcome.Sent sent = (DeliveryOutcome.Sent) outcome;
				this.history.markSent(id, sent.providerMessageId(), sent.conversationId(),
						attempt(request, AttemptOutcome.SENT, null, null, outcome, handoff));
			}
			case RECORD_REFUSED -> {
				DeliveryOutcome.Refused refused = (DeliveryOutcome.Refused) outcome;
				this.history.markFailed(id, refused.code(), refused.reason(), false,
						attempt(request, AttemptOutcome.PERMANENT, refused.code(), refused.reason(), outcome, handoff));
				logger.info("Event {} ({}) not sent: MyOperator refused it ({})", request.eventId(),
						request.eventType(), refused.code());
			}
			case RECORD_IN_DOUBT -> {
				DeliveryOutcome.InDoubt inDoubt = (DeliveryOutcome.InDoubt) outcome;
				this.history.markInDoubt(id, inDoubt.code(), inDoubt.reason(),
						attempt(request, AttemptOutcome.IN_DOUBT, inDoubt.code(), inDoubt.reason(), outcome, handoff));
				logger.warn("Event {} ({}) is in doubt: MyOperator may have taken notification {} ({}); not resent",
						request.eventId(), request.eventType(), id, inDoubt.code());
			}
			case RECORD_RETRY -> {
				DeliveryOutcome.RetryLater retry = (DeliveryOutcome.RetryLater) outcome;
				this.history.markRetryScheduled(id, dueAt(handoff), retry.code(), retry.reason(),
						attempt(request, retry.kind(), retry.code(), retry.reason(), outcome, handoff));
			}
			case PUBLISH_RETRY -> {
				DeliveryOutcome.RetryLater retry = (DeliveryOutcome.RetryLater) outcome;
				RecordHeaders retryHeaders = new RecordHeaders();
				put(retryHeaders, FailureHeaders.RETRY_ATTEMPT, Integer.toString(handoff.nextTopicAttempt()));
				put(retryHeaders, FailureHeaders.RETRY_DUE_AT, dueAt(handoff).toString());
				FailureClass failureClass = failureClass(retry);
				publish(this.properties.topic(), handoff.record(), failure(handoff, failureClass), handoff.at(),
						retryHeaders);
				this.meters.counter("notification.retries.scheduled", "reason", failureClass.name()).increment();
				logger.info("Event {} ({}) not sent now ({}); retry {} of {} due at {}", request.eventId(),
						request.eventType(), retry.code(), handoff.nextTopicAttempt(),
						this.properties.maxTopicAttempts(), dueAt(handoff));
			}
			case PUBLISH_DEAD_LETTER -> {
				Failure failure = failure(handoff, failureClass(outcome));
				publish(this.properties.deadLetterTopic(), handoff.record(), failure, handoff.at(), null);
				this.meters.counter("notification.dead_lettered", "reason", failure.failureClass().name()).increment();
				if (outcome instanceof DeliveryOutcome.DeadLetter) {
					logger.error("Event {} ({}) dead-lettered: MyOperator refused the configuration ({})",
							request.eventId(), request.eventType(), failure.code());
				}
				else {
					logger.warn("Event {} ({}) dead-lettered after {} attempts: {}", request.eventId(),
							request.eventType(), failure.attempts(), failure.code());
				}
			}
			case RECORD_DEAD_LETTER -> {
				Failure failure = failure(handoff, failureClass(outcome));
				String reason = (outcome instanceof DeliveryOutcome.RetryLater)
						? "gave up after " + failure.attempts() + " attempts: " + failure.reason() : failure.reason();
				this.history.markFailed(id, failure.code(), reason, true, attempt(request, AttemptOutcome.DEAD_LETTERED,
						failure.code(), failure.reason(), outcome, handoff));
			}
		}
	}

	private Instant dueAt(Handoff handoff) {
		return handoff.at().plus(this.properties.delay());
	}

	private static FailureClass failureClass(DeliveryOutcome.Answered outcome) {
		return switch (outcome) {
			case DeliveryOutcome.RetryLater retry -> switch (retry.kind()) {
				case HELD -> FailureClass.Held;
				case RATE_LIMITED -> FailureClass.ProviderRateLimited;
				default -> FailureClass.ProviderTransient;
			};
			case DeliveryOutcome.DeadLetter deadLetter -> FailureClass.ProviderConfiguration;
			default -> throw new IllegalArgumentException("Not routed to a topic: " + outcome);
		};
	}

	private static Failure failure(Handoff handoff, FailureClass failureClass) {
		DeliveryRequest request = handoff.request();
		String code;
		String reason;
		switch (handoff.outcome()) {
			case DeliveryOutcome.RetryLater retry -> {
				code = retry.code();
				reason = retry.reason();
			}
			case DeliveryOutcome.DeadLetter deadLetter -> {
				code = deadLetter.code();
				reason = deadLetter.reason();
			}
			default -> throw new IllegalArgumentException("Not routed to a topic: " + handoff.outcome());
		}
		return new Failure(failureClass, code, reason, request.eventId(), request.eventType(),
				request.topicAttempt() + 1);
	}

	private Attempt attempt(DeliveryRequest request, AttemptOutcome kind, @Nullable String code, @Nullable String error,
			DeliveryOutcome.Answered outcome, Handoff handoff) {
		Attempt attempt = this.dispatcher.attempt(request, kind, code, error, outcome.providerCalls());
		// The moment the outcome was decided, the same however often a step is retried.
		return new Attempt(handoff.at(), attempt.trigger(), attempt.topicAttempt(), attempt.outcome(), attempt.code(),
				attempt.error(), attempt.providerCalls());
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
		put(headers, FailureHeaders.FAILURE_CLASS, failure.failureClass().name());
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
		if (OversizedValues.estimatedSize(out) > this.properties.maxRecordBytes()) {
			out = this.oversized.shorten(out);
		}
		try {
			send(out);
		}
		catch (FailureRoutingException ex) {
			if (!(ex.getCause() instanceof PublishFailedException failed && failed.tooLarge())
					|| "true".equals(new String(lastHeader(out, OversizedValues.TRUNCATED), StandardCharsets.UTF_8))) {
				throw ex;
			}
			// The broker takes less than the producer: shorten it after all.
			send(this.oversized.shorten(out));
		}
	}

	private void send(ProducerRecord<String, byte[]> out) {
		try {
			KafkaPublishing.publish(this.kafka, out, this.properties.publishTimeout());
		}
		catch (PublishFailedException ex) {
			throw new FailureRoutingException(ex.getMessage(), ex);
		}
	}

	private static byte[] lastHeader(ProducerRecord<String, byte[]> record, String name) {
		Header header = record.headers().lastHeader(name);
		return (header != null && header.value() != null) ? header.value() : new byte[0];
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
