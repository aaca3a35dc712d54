package in.earlybird.notification.delivery;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RecipientPacingTests {

	private final FakeTime time = new FakeTime();

	private final RecipientPacing pacing = new RecipientPacing(Duration.ofSeconds(6), this.time::nanoTime, this.time);

	@Test
	void spacesMessagesToOneRecipientAndNobodyElse() throws InterruptedException {
		long start = this.time.nanoTime();
		assertThat(this.pacing.awaitTurn("+919876543210", Duration.ofMinutes(1))).isTrue();
		assertThat(this.pacing.awaitTurn("+919876543211", Duration.ofMinutes(1))).isTrue();
		assertThat(this.time.since(start)).isZero();
		assertThat(this.pacing.awaitTurn("+919876543210", Duration.ofMinutes(1))).isTrue();
		assertThat(this.time.since(start)).isEqualTo(Duration.ofSeconds(6));
	}

	@Test
	void holdsOnlyTheRecipientWhatsAppComplainedAbout() throws InterruptedException {
		this.pacing.holdBack("+919876543210", Duration.ofSeconds(20));
		assertThat(this.pacing.waitFor("+919876543210")).isEqualTo(Duration.ofSeconds(20));
		assertThat(this.pacing.waitFor("+919876543211")).isZero();
		long start = this.time.nanoTime();
		assertThat(this.pacing.awaitTurn("+919876543211", Duration.ofMinutes(1))).isTrue();
		assertThat(this.time.since(start)).isZero();
	}

	@Test
	void refusesAWaitLongerThanTheCallerMayWaitWithoutTakingATurn() throws InterruptedException {
		this.pacing.holdBack("+919876543210", Duration.ofMinutes(5));
		long start = this.time.nanoTime();
		assertThat(this.pacing.awaitTurn("+919876543210", Duration.ofMinutes(1))).isFalse();
		assertThat(this.time.since(start)).isZero();
		assertThat(this.pacing.waitFor("+919876543210")).isEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void aHoldBackIsAtLeastTheSpacingAndNeverShortensALongerOne() {
		this.pacing.holdBack("+919876543210", Duration.ofSeconds(1));
		assertThat(this.pacing.waitFor("+919876543210")).isEqualTo(Duration.ofSeconds(6));
		this.pacing.holdBack("+919876543210", Duration.ofSeconds(30));
		this.pacing.holdBack("+919876543210", Duration.ofSeconds(7));
		assertThat(this.pacing.waitFor("+919876543210")).isEqualTo(Duration.ofSeconds(30));
	}

	@Test
	void forgetsRecipientsOnceTheirSpacingHasPassed() throws InterruptedException {
		for (int i = 0; i < 999; i++) {
			this.pacing.awaitTurn("+9198765" + String.format("%05d", i), Duration.ZERO);
		}
		assertThat(this.pacing.size()).isEqualTo(999);
		this.time.advance(Duration.ofSeconds(7));
		this.pacing.awaitTurn("+919999999999", Duration.ZERO);
		assertThat(this.pacing.size()).isOne();
	}

}
