package in.earlybird.notification.admin;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per caller: {@code capacity} sensitive actions at once, refilled evenly
 * over {@code period}. In memory and per replica, which is enough to stop a runaway
 * script or a leaked token from sending thousands of messages.
 */
class CallerRateLimiter {

	/** Buckets kept before full ones are forgotten. */
	private static final int MAX_CALLERS = 10_000;

	private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

	private final int capacity;

	private final double nanosPerToken;

	private final LongSupplier nanoTime;

	CallerRateLimiter(int capacity, Duration period) {
		this(capacity, period, System::nanoTime);
	}

	CallerRateLimiter(int capacity, Duration period, LongSupplier nanoTime) {
		this.capacity = capacity;
		this.nanosPerToken = (double) period.toNanos() / capacity;
		this.nanoTime = nanoTime;
	}

	/**
	 * Takes one action from a caller's bucket.
	 * @param caller the caller's subject
	 * @return empty if the action may go ahead, else how long until it may
	 */
	Optional<Duration> tryAcquire(String caller) {
		if (this.buckets.size() > MAX_CALLERS) {
			long now = this.nanoTime.getAsLong();
			this.buckets.values().removeIf((bucket) -> bucket.isFull(now));
		}
		Bucket bucket = this.buckets.computeIfAbsent(caller, (key) -> new Bucket(this.nanoTime.getAsLong()));
		return bucket.take(this.nanoTime.getAsLong());
	}

	private final class Bucket {

		private double tokens = CallerRateLimiter.this.capacity;

		private long refilledAt;

		Bucket(long now) {
			this.refilledAt = now;
		}

		synchronized Optional<Duration> take(long now) {
			refill(now);
			if (this.tokens >= 1) {
				this.tokens -= 1;
				return Optional.empty();
			}
			long wait = (long) Math.ceil((1 - this.tokens) * CallerRateLimiter.this.nanosPerToken);
			return Optional.of(Duration.ofNanos(wait));
		}

		synchronized boolean isFull(long now) {
			refill(now);
			return this.tokens >= CallerRateLimiter.this.capacity;
		}

		private void refill(long now) {
			double earned = (now - this.refilledAt) / CallerRateLimiter.this.nanosPerToken;
			this.tokens = Math.min(CallerRateLimiter.this.capacity, this.tokens + earned);
			this.refilledAt = now;
		}

	}

}
