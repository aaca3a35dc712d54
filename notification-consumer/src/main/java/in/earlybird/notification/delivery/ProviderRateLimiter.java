package in.earlybird.notification.delivery;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Spaces provider requests evenly so that no second ever holds more than the configured
 * number: request {@code n} may start no earlier than {@code n / rate} seconds after the
 * first. There is no burst allowance, because WhatsApp's throughput limit is per second
 * and a burst at the start of a second is what trips it.
 *
 * <p>
 * When the provider says to slow down ({@code 429}), {@link #backOff(Duration)} pushes
 * every caller's next slot past the pause.
 */
class ProviderRateLimiter {

	private final long intervalNanos;

	private long nextSlotNanos;

	ProviderRateLimiter(double permitsPerSecond) {
		if (!(permitsPerSecond > 0)) {
			throw new IllegalArgumentException("The rate limit must be positive");
		}
		this.intervalNanos = (long) Math.ceil(TimeUnit.SECONDS.toNanos(1) / permitsPerSecond);
		this.nextSlotNanos = System.nanoTime();
	}

	/**
	 * Waits for the caller's slot. Meant for virtual threads: waiting parks, it holds no
	 * carrier thread.
	 * @throws InterruptedException if interrupted while waiting
	 */
	void acquire() throws InterruptedException {
		long slot = reserve();
		long wait;
		while ((wait = slot - System.nanoTime()) > 0) {
			LockSupport.parkNanos(this, wait);
			if (Thread.interrupted()) {
				throw new InterruptedException("Interrupted while waiting for a provider slot");
			}
		}
	}

	private synchronized long reserve() {
		long now = System.nanoTime();
		long slot = Math.max(now, this.nextSlotNanos);
		this.nextSlotNanos = slot + this.intervalNanos;
		return slot;
	}

	/**
	 * Makes every caller wait at least {@code pause} from now.
	 * @param pause how long the provider asked us to wait
	 */
	synchronized void backOff(Duration pause) {
		long resumeAt = System.nanoTime() + pause.toNanos();
		this.nextSlotNanos = Math.max(this.nextSlotNanos, resumeAt);
	}

}
