package in.earlybird.notification.delivery;

import java.time.Duration;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SendingShareTests {

	private final ProviderRateLimiter limiter = new ProviderRateLimiter(1, Duration.ofSeconds(30));

	private final SendingShare share = new SendingShare(this.limiter, properties(80), new SimpleMeterRegistry());

	@Test
	void sendsAtTheIdleRateUntilEveryGroupHasReported() {
		this.share.expect("domain");
		this.share.expect("retry");
		this.share.ownedPartitions("domain", "c1", 36, 36);
		assertThat(this.limiter.rate()).isEqualTo(SendingShare.IDLE_RATE);
		this.share.ownedPartitions("retry", "c1", 6, 6);
		assertThat(this.limiter.rate()).isEqualTo(80);
	}

	@Test
	void takesTheShareOfThePartitionsItOwnsSoThatInstancesAddUpToTheLimit() {
		this.share.expect("domain");
		this.share.expect("retry");
		this.share.ownedPartitions("domain", "c1", 18, 36);
		this.share.ownedPartitions("retry", "c1", 0, 6);
		// 18 of 42 partitions; the other instance owns 24 of 42: 80 in all.
		assertThat(this.limiter.rate()).isEqualTo(80.0 * 18 / 42);
	}

	@Test
	void addsUpTheConsumersOfOneGroupWithoutCountingItsPartitionsTwice() {
		this.share.expect("domain");
		this.share.ownedPartitions("domain", "c1", 10, 36);
		this.share.ownedPartitions("domain", "c2", 8, 36);
		assertThat(this.limiter.rate()).isEqualTo(40);
		this.share.ownedPartitions("domain", "c2", 0, 36);
		assertThat(this.limiter.rate()).isEqualTo(80.0 * 10 / 36);
	}

	static DeliveryProperties properties(double rateLimit) {
		return properties(rateLimit, 10_000);
	}

	static DeliveryProperties properties(double rateLimit, int dailyRecipientLimit) {
		return new DeliveryProperties(rateLimit, Duration.ofSeconds(6), dailyRecipientLimit, Duration.ofSeconds(30),
				1000, new DeliveryProperties.Retry(4, Duration.ofMillis(200), 2.0, Duration.ofSeconds(5), 0.5),
				Duration.ofSeconds(60), Duration.ofMinutes(5), Duration.ofSeconds(5), Duration.ofSeconds(30));
	}

}
