package in.earlybird.notification.delivery.myoperator;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

import in.earlybird.notification.delivery.myoperator.SendResult.Accepted;
import in.earlybird.notification.delivery.myoperator.SendResult.Rejected;
import org.jspecify.annotations.Nullable;

/**
 * What this instance last heard from MyOperator, for people watching it: when a message
 * was last accepted, the last refusal and its code, and whether MyOperator asked us to
 * slow down and until when. Kept in memory per instance and updated by
 * {@link MyOperatorClient#send} after every request it made; thread-safe.
 */
public final class ProviderState {

	/** How long a rate limit is assumed to last when MyOperator does not say. */
	static final Duration DEFAULT_THROTTLE = Duration.ofSeconds(1);

	private final Clock clock;

	private final AtomicReference<@Nullable Instant> lastSuccess = new AtomicReference<>();

	private final AtomicReference<@Nullable Failure> lastFailure = new AtomicReference<>();

	private final AtomicReference<@Nullable Instant> throttledUntil = new AtomicReference<>();

	/**
	 * Creates an empty state: nothing sent, nothing refused, not throttled.
	 * @param clock the clock the moments are read from
	 */
	public ProviderState(Clock clock) {
		this.clock = clock;
	}

	/**
	 * Records the outcome of one request to MyOperator.
	 * @param result what MyOperator (or the network) answered
	 */
	void record(SendResult result) {
		Instant now = this.clock.instant();
		switch (result) {
			case Accepted accepted -> this.lastSuccess.accumulateAndGet(now, ProviderState::later);
			case Rejected rejected -> {
				Failure failure = new Failure(now, rejected.kind(), rejected.code(), rejected.httpStatus(),
						rejected.reason());
				this.lastFailure.accumulateAndGet(failure,
						(previous, next) -> (previous == null || !previous.at().isAfter(next.at())) ? next : previous);
				if (rejected.kind() == FailureKind.RATE_LIMITED) {
					Duration wait = (rejected.retryAfter() != null && rejected.retryAfter().isPositive())
							? rejected.retryAfter() : DEFAULT_THROTTLE;
					this.throttledUntil.accumulateAndGet(now.plus(wait), ProviderState::later);
				}
			}
		}
	}

	/**
	 * Returns the state as of now.
	 * @return a consistent-enough copy: each field is the latest seen
	 */
	public Snapshot snapshot() {
		Instant now = this.clock.instant();
		Instant until = this.throttledUntil.get();
		boolean throttled = until != null && until.isAfter(now);
		return new Snapshot(now, this.lastSuccess.get(), this.lastFailure.get(), throttled, until);
	}

	private static @Nullable Instant later(@Nullable Instant previous, @Nullable Instant next) {
		if (previous == null) {
			return next;
		}
		return (next != null && next.isAfter(previous)) ? next : previous;
	}

	/**
	 * MyOperator's state as this instance saw it.
	 *
	 * @param at when the snapshot was taken
	 * @param lastSuccessAt when MyOperator last accepted a message, if ever
	 * @param lastFailure the last request it did not accept, if any
	 * @param throttled whether MyOperator asked us to wait and the wait is not over
	 * @param throttledUntil when the last requested wait ends (or ended), if one was
	 * asked
	 */
	public record Snapshot(Instant at, @Nullable Instant lastSuccessAt, @Nullable Failure lastFailure,
			boolean throttled, @Nullable Instant throttledUntil) {
	}

	/**
	 * One request MyOperator did not accept.
	 *
	 * @param at when the answer (or the network failure) came
	 * @param kind what kind of failure it was
	 * @param code MyOperator's, Meta's or our code, e.g. {@code CHAT_0302} or
	 * {@code HTTP_503}
	 * @param httpStatus the HTTP status, or 0 when no response came
	 * @param reason a short explanation without secrets or full phone numbers
	 */
	public record Failure(Instant at, FailureKind kind, String code, int httpStatus, String reason) {
	}

}
