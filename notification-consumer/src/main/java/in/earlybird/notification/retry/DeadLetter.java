package in.earlybird.notification.retry;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What an SRE sees of one dead-lettered record: where it came from, why it failed, and
 * its payload with phone numbers masked.
 *
 * @param partition the dead-letter topic partition
 * @param offset the dead-letter topic offset
 * @param key the record key (a customer id)
 * @param originalTopic the topic the event was first read from
 * @param eventId the event id, if it could be read
 * @param eventType the event type, if it could be read
 * @param errorClass the kind of failure
 * @param errorCode the failure's code
 * @param errorMessage the failure, masked and truncated
 * @param attempts how many attempts were made
 * @param firstFailureAt when it first failed
 * @param lastFailureAt when it last failed
 * @param maskedPayload the start of the record value, phone numbers masked
 * @param wholeValueDigest for a record too large for the topic with our headers: the
 * SHA-256 under which its whole value is kept in {@code dead_letter_values} (the record
 * holds only the start)
 */
public record DeadLetter(int partition, long offset, @Nullable String key, @Nullable String originalTopic,
		@Nullable String eventId, @Nullable String eventType, @Nullable String errorClass, @Nullable String errorCode,
		@Nullable String errorMessage, @Nullable String attempts, @Nullable Instant firstFailureAt,
		@Nullable Instant lastFailureAt, @Nullable String maskedPayload, @Nullable String wholeValueDigest) {
}
