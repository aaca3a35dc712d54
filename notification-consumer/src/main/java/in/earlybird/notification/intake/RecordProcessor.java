package in.earlybird.notification.intake;

import java.util.Objects;
import java.util.UUID;

import com.mongodb.MongoException;
import in.earlybird.notification.delivery.DeliveryOutcome;
import in.earlybird.notification.delivery.DeliveryRequest;
import in.earlybird.notification.delivery.NotificationDispatcher;
import in.earlybird.notification.delivery.Trigger;
import in.earlybird.notification.history.KafkaSource;
import in.earlybird.notification.retry.FailureHeaders;
import in.earlybird.notification.retry.FailureRouter;
import in.earlybird.notification.retry.FailureRoutingException;
import in.earlybird.notification.retry.Handoff;
import in.earlybird.notification.retry.OversizedValues;
import in.earlybird.notification.shared.HeaderValues;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Takes one record from Kafka to its end: decoded, sent or decided against, and made
 * durable (history, and the delay or dead-letter topic when it goes there); or, for a
 * record that is not a valid event, dead-lettered.
 *
 * <p>
 * A {@link Work} remembers how far its record got. When MongoDB or Kafka fails under it,
 * {@link #advance(Work)} throws and the caller tries again later from the same point: a
 * claimed notification is not claimed anew, an answered one is not sent again, and a
 * hand-off resumes at the step that failed.
 */
@Component
class RecordProcessor {

	private static final Logger logger = LoggerFactory.getLogger(RecordProcessor.class);

	/** The MDC key, and so the JSON log field, that carries the event id. */
	static final String EVENT_ID_MDC_KEY = "eventId";

	private final CloudEventDecoder decoder;

	private final NotificationDispatcher dispatcher;

	private final FailureRouter router;

	private final OversizedValues oversized;

	RecordProcessor(CloudEventDecoder decoder, NotificationDispatcher dispatcher, FailureRouter router,
			OversizedValues oversized) {
		this.oversized = oversized;
		this.decoder = decoder;
		this.dispatcher = dispatcher;
		this.router = router;
	}

	/**
	 * Takes the record as far as it goes.
	 * @param work the record and how far it got
	 * @throws InterruptedException if interrupted (shutdown)
	 * @throws RuntimeException an infrastructure failure ({@link #isInfrastructure}); the
	 * work resumes from where it stopped when called again
	 */
	void advance(Work work) throws InterruptedException {
		if (!work.decoded) {
			decode(work);
		}
		String eventId = (work.request != null) ? work.request.eventId()
				: (work.poison != null) ? work.poison.eventId() : null;
		if (eventId != null) {
			// The correlation field of every log line about this record.
			MDC.put(EVENT_ID_MDC_KEY, eventId);
		}
		try {
			if (work.unexpected == null) {
				try {
					handle(work);
					return;
				}
				catch (RuntimeException ex) {
					if (Thread.currentThread().isInterrupted()) {
						// Stopping: whatever failed under the interrupt is not the
						// record's fault; whoever reads the partition next takes it from
						// here.
						throw new InterruptedException("Interrupted while processing a record");
					}
					if (isInfrastructure(ex)) {
						throw ex;
					}
					work.unexpected = ex;
				}
			}
			// A bug or an input we did not foresee: dead-letter the record so the
			// partition moves on and it can be replayed once the fault is fixed.
			deadLetterUnexpected(work, work.unexpected);
		}
		finally {
			MDC.remove(EVENT_ID_MDC_KEY);
		}
	}

	private void deadLetterUnexpected(Work work, RuntimeException unexpected) {
		try {
			this.router.deadLetterUnexpected(work.record, work.request, unexpected);
		}
		catch (RuntimeException ex) {
			if (!work.unexpectedLogged) {
				// The router logs the failure once the record is dead-lettered; until
				// then this is its only trace.
				work.unexpectedLogged = true;
				ConsumerRecord<String, byte[]> record = work.record;
				logger.error("Record {}-{}@{} failed unexpectedly and could not be dead-lettered ({})", record.topic(),
						record.partition(), record.offset(), ex.toString(), unexpected);
			}
			throw ex;
		}
	}

	private void handle(Work work) throws InterruptedException {
		ConsumerRecord<String, byte[]> record = work.record;
		if (work.poison != null) {
			PoisonEventException poison = work.poison;
			this.router.deadLetterPoison(record, poison.code(), poison.getMessage(), poison.eventId(),
					poison.eventType());
			return;
		}
		DeliveryRequest request = Objects.requireNonNull(work.request);
		if (work.outcome == null) {
			work.dispatched = true;
			work.outcome = this.dispatcher.dispatch(request, work.claimToken);
		}
		switch (work.outcome) {
			case DeliveryOutcome.Answered answered -> {
				if (work.handoff == null) {
					work.handoff = this.router.handoff(record, request, answered);
				}
				this.router.complete(work.handoff);
			}
			case DeliveryOutcome.NotSent notSent -> logger.info("Event {} ({}) not sent: {}", request.eventId(),
					request.eventType(), notSent.reason().code());
			case DeliveryOutcome.AlreadyHandled handled -> logger.debug("Event {} ({}) already handled: {}",
					request.eventId(), request.eventType(), handled.status());
		}
	}

	private void decode(Work work) {
		ConsumerRecord<String, byte[]> record = work.record;
		try {
			DecodedEvent event = this.decoder.decode(whole(record));
			Trigger trigger = work.fromRetryTopic ? Trigger.RETRY
					: (HeaderValues.text(record, FailureHeaders.REPLAY_ID) != null) ? Trigger.REPLAY : Trigger.EVENT;
			int topicAttempt = work.fromRetryTopic ? retryAttempt(record) : 0;
			String originalTopic = HeaderValues.text(record, FailureHeaders.ORIGINAL_TOPIC);
			KafkaSource source = (originalTopic != null && work.fromRetryTopic)
					? new KafkaSource(originalTopic,
							parseInt(HeaderValues.text(record, FailureHeaders.ORIGINAL_PARTITION)),
							parseLong(HeaderValues.text(record, FailureHeaders.ORIGINAL_OFFSET)))
					: new KafkaSource(record.topic(), record.partition(), record.offset());
			work.request = new DeliveryRequest(event.id(), event.type().ceType(), event.event(), trigger, topicAttempt,
					source, null);
		}
		catch (PoisonEventException ex) {
			work.poison = ex;
		}
		work.decoded = true;
	}

	/** A record shortened for the delay topic, with its value whole again. */
	private ConsumerRecord<String, byte[]> whole(ConsumerRecord<String, byte[]> record) {
		if (!OversizedValues.isShortened(record)) {
			return record;
		}
		byte[] value = this.oversized.wholeValue(record)
			.orElseThrow(() -> new PoisonEventException(CloudEventDecoder.MALFORMED,
					"the record was shortened for the delay topic and its whole value is no longer kept", null, null));
		return new ConsumerRecord<>(record.topic(), record.partition(), record.offset(), record.timestamp(),
				record.timestampType(), record.serializedKeySize(), value.length, record.key(), value, record.headers(),
				record.leaderEpoch());
	}

	private static int retryAttempt(ConsumerRecord<String, byte[]> record) {
		String attempt = HeaderValues.text(record, FailureHeaders.RETRY_ATTEMPT);
		return (attempt != null) ? parseInt(attempt) : 1;
	}

	private static int parseInt(@Nullable String value) {
		try {
			return (value != null) ? Integer.parseInt(value.trim()) : 0;
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	private static long parseLong(@Nullable String value) {
		try {
			return (value != null) ? Long.parseLong(value.trim()) : -1;
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	/**
	 * Tells whether a failure is MongoDB's or Kafka's, which passes, rather than a fault
	 * of this record.
	 * @param error the failure
	 * @return whether to try the record again later
	 */
	static boolean isInfrastructure(Throwable error) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (cause instanceof DataAccessException || cause instanceof MongoException
					|| cause instanceof FailureRoutingException || cause instanceof KafkaException) {
				return true;
			}
		}
		return false;
	}

	/** One record and how far it got. */
	static final class Work {

		private final ConsumerRecord<String, byte[]> record;

		private final boolean fromRetryTopic;

		/**
		 * Identifies this record's attempt, so a repeated claim is recognised as ours.
		 */
		private final String claimToken = UUID.randomUUID().toString();

		private boolean decoded;

		private @Nullable DeliveryRequest request;

		private @Nullable PoisonEventException poison;

		private boolean dispatched;

		private @Nullable DeliveryOutcome outcome;

		private @Nullable Handoff handoff;

		private @Nullable RuntimeException unexpected;

		private boolean unexpectedLogged;

		Work(ConsumerRecord<String, byte[]> record, boolean fromRetryTopic) {
			this.record = record;
			this.fromRetryTopic = fromRetryTopic;
		}

		ConsumerRecord<String, byte[]> record() {
			return this.record;
		}

		/**
		 * Tells whether the record may have claimed its notification: from then on it
		 * must be finished, even if its partition moves to another consumer, or the claim
		 * would be left behind.
		 * @return whether dispatching started
		 */
		boolean mayHaveClaimed() {
			return this.dispatched;
		}

	}

}
