package in.earlybird.notification.preferences;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class QuietHoursTests {

	@Test
	void spansMidnightInIndianTime() {
		QuietHours night = new QuietHours("22:00", "08:00");

		// 16:29 UTC is 21:59 in India; 16:30 UTC is 22:00.
		assertThat(night.contains(Instant.parse("2026-01-27T16:29:00Z"))).isFalse();
		assertThat(night.contains(Instant.parse("2026-01-27T16:30:00Z"))).isTrue();
		assertThat(night.contains(Instant.parse("2026-01-27T20:00:00Z"))).isTrue();
		assertThat(night.contains(Instant.parse("2026-01-28T02:29:00Z"))).isTrue();
		assertThat(night.contains(Instant.parse("2026-01-28T02:30:00Z"))).isFalse();
	}

	@Test
	void coversAPeriodWithinOneDay() {
		QuietHours afternoon = new QuietHours("13:00", "15:30");

		assertThat(afternoon.contains(Instant.parse("2026-01-27T07:30:00Z"))).isTrue();
		assertThat(afternoon.contains(Instant.parse("2026-01-27T10:00:00Z"))).isFalse();
		assertThat(afternoon.contains(Instant.parse("2026-01-27T07:29:59Z"))).isFalse();
	}

	@Test
	void refusesTimesThatAreNotHoursAndMinutesOrAnEmptyPeriod() {
		assertThatIllegalArgumentException().isThrownBy(() -> new QuietHours("10pm", "08:00"));
		assertThatIllegalArgumentException().isThrownBy(() -> new QuietHours("22:00", "22:00"));
	}

	@Test
	void appliesOnlyToCustomersWhoSetThem() {
		Instant night = Instant.parse("2026-01-27T20:00:00Z");
		CustomerPreferences none = new CustomerPreferences("+919876543210", null, null, null, night, "test");
		CustomerPreferences quiet = new CustomerPreferences("+919876543210", null, null,
				new QuietHours("22:00", "08:00"), night, "test");

		assertThat(none.isQuietAt(night)).isFalse();
		assertThat(quiet.isQuietAt(night)).isTrue();
	}

}
