package in.earlybird.notification.admin;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CallerRateLimiterTests {

	private final AtomicLong nanos = new AtomicLong();

	private final CallerRateLimiter limiter = new CallerRateLimiter(3, Duration.ofMinutes(1), this.nanos::get);

	@Test
	void allowsABurstUpToTheCapacityThenSaysHowLongToWait() {
		assertThat(this.limiter.tryAcquire("asha")).isEmpty();
		assertThat(this.limiter.tryAcquire("asha")).isEmpty();
		assertThat(this.limiter.tryAcquire("asha")).isEmpty();

		assertThat(this.limiter.tryAcquire("asha")).hasValue(Duration.ofSeconds(20));
	}

	@Test
	void refillsEvenlyOverThePeriod() {
		for (int i = 0; i < 3; i++) {
			this.limiter.tryAcquire("asha");
		}
		this.nanos.addAndGet(Duration.ofSeconds(15).toNanos());
		assertThat(this.limiter.tryAcquire("asha")).hasValue(Duration.ofSeconds(5));
		this.nanos.addAndGet(Duration.ofSeconds(5).toNanos());
		assertThat(this.limiter.tryAcquire("asha")).isEmpty();
	}

	@Test
	void keepsABucketPerCaller() {
		for (int i = 0; i < 3; i++) {
			this.limiter.tryAcquire("asha");
		}
		assertThat(this.limiter.tryAcquire("asha")).isPresent();
		assertThat(this.limiter.tryAcquire("ravi")).isEmpty();
	}

}
