package in.earlybird.notification.retry;

import in.earlybird.notification.shared.HeaderValues;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jspecify.annotations.Nullable;

/**
 * Kafka headers that this service adds to records on the delay and dead-letter topics.
 * The original record's key, value and headers (the CloudEvent) travel unchanged.
 */
public final class FailureHeaders {

	/** The topic the event was first read from. */
	public static final String ORIGINAL_TOPIC = "x-original-topic";

	/** The partition the event was first read from. */
	public static final String ORIGINAL_PARTITION = "x-original-partition";

	/** The offset the event was first read from. */
	public static final String ORIGINAL_OFFSET = "x-original-offset";

	/** The original record's timestamp, ISO-8601. */
	public static final String ORIGINAL_TIMESTAMP = "x-original-timestamp";

	/** The original record's key (also kept as the record key). */
	public static final String ORIGINAL_KEY = "x-original-key";

	/** On the delay topic: which retry this record is, 1 for the first. */
	public static final String RETRY_ATTEMPT = "x-retry-attempt";

	/** On the delay topic: when the record may be tried again, ISO-8601. */
	public static final String RETRY_DUE_AT = "x-retry-due-at";

	/** On the dead-letter topic: how many attempts were made in all. */
	public static final String ATTEMPTS = "x-attempts";

	/** When the event first failed, ISO-8601. */
	public static final String FIRST_FAILURE_AT = "x-first-failure-at";

	/** When the event last failed, ISO-8601. */
	public static final String LAST_FAILURE_AT = "x-last-failure-at";

	/**
	 * The kind of failure: {@code PoisonEvent}, {@code ProviderTransient},
	 * {@code ProviderRateLimited}, {@code ProviderConfiguration} or
	 * {@code ProcessingError} ({@link FailureClass}).
	 */
	public static final String FAILURE_CLASS = "x-failure-class";

	/**
	 * What {@link #FAILURE_CLASS} was called before it was named for what it holds. Read
	 * from records written before the rename; never written.
	 */
	public static final String LEGACY_FAILURE_CLASS = "x-exception-class";

	/** What went wrong, truncated, without secrets or full phone numbers. */
	public static final String EXCEPTION_MESSAGE = "x-exception-message";

	/**
	 * The failure's code, e.g. {@code SCHEMA_VIOLATION}, {@code HTTP_503},
	 * {@code CHAT_0302}.
	 */
	public static final String ERROR_CODE = "x-error-code";

	/** The CloudEvents id, when it could be read. */
	public static final String EVENT_ID = "x-event-id";

	/** The CloudEvents type, when it could be read. */
	public static final String EVENT_TYPE = "x-event-type";

	/** On a replayed record: the replay's id. */
	public static final String REPLAY_ID = "x-replay-id";

	/** On a replayed record: who replayed it. */
	public static final String REPLAYED_BY = "x-replayed-by";

	/** On a replayed record: when, ISO-8601. */
	public static final String REPLAYED_AT = "x-replayed-at";

	/** The prefix shared by all of these headers. */
	public static final String PREFIX = "x-";

	private FailureHeaders() {
	}

	/**
	 * Returns a record's failure class, under its current name or, on a record written
	 * before the rename, its old one.
	 * @param record a record from the delay or dead-letter topic
	 * @return e.g. {@code PoisonEvent}, or {@code null} if the record has none
	 */
	public static @Nullable String failureClass(ConsumerRecord<?, ?> record) {
		String current = HeaderValues.text(record, FAILURE_CLASS);
		return (current != null) ? current : HeaderValues.text(record, LEGACY_FAILURE_CLASS);
	}

}
