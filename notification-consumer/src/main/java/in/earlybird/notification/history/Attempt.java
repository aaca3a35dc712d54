package in.earlybird.notification.history;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One try at sending a notification, kept in the notification's timeline.
 *
 * @param at when the attempt ended
 * @param trigger what started it: {@code event}, {@code retry}, {@code replay},
 * {@code resend} or {@code admin}
 * @param topicAttempt how many times the record had been through the delay topic
 * @param outcome an {@link AttemptOutcome}'s stored form, e.g. {@code rate_limited}
 * @param code the provider's or our error code, if any
 * @param error a short error description without secrets or full phone numbers
 * @param providerCalls how many provider requests the attempt made (in-process retries
 * included)
 */
public record Attempt(Instant at, String trigger, int topicAttempt, String outcome, @Nullable String code,
		@Nullable String error, int providerCalls) {
}
