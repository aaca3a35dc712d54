package in.earlybird.notification.delivery;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Time for pacing tests: {@link #nanoTime()} only moves when a test advances it or a
 * parked caller "waits", so waits are measured exactly and take no real time.
 */
final class FakeTime implements ProviderRateLimiter.Parker {

	private final AtomicLong now = new AtomicLong(1_000_000_000L);

	long nanoTime() {
		return this.now.get();
	}

	void advance(Duration duration) {
		this.now.addAndGet(duration.toNanos());
	}

	@Override
	public void park(long nanos) {
		this.now.addAndGet(nanos);
	}

	Duration since(long start) {
		return Duration.ofNanos(this.now.get() - start);
	}

}
