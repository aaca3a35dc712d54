package in.earlybird.notification.harness;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ArrivalsTests {

	private static final Instant T0 = Instant.parse("2026-11-30T12:00:00Z");

	@Test
	void findsTheBusiestOneSecondWindowWhereverItStarts() {
		List<Instant> times = new ArrayList<>();
		// One every 100 ms, and five more bunched at 2.55 s.
		for (int i = 0; i < 50; i++) {
			times.add(T0.plusMillis(100L * i));
		}
		for (int i = 0; i < 5; i++) {
			times.add(T0.plusMillis(2550 + i));
		}
		Arrivals arrivals = Arrivals.of(times);
		assertThat(arrivals.maxInAnySecond()).isEqualTo(15);
		List<Instant> busiest = arrivals.busiestSecond();
		assertThat(busiest).hasSize(15);
		assertThat(Duration.between(busiest.getFirst(), busiest.getLast())).isLessThan(Duration.ofSeconds(1));
		assertThat(busiest).contains(T0.plusMillis(2550));
	}

	@Test
	void countsTwoArrivalsExactlyOneSecondApartInDifferentWindows() {
		Arrivals arrivals = Arrivals.of(List.of(T0, T0.plusSeconds(1)));
		assertThat(arrivals.maxInAnySecond()).isEqualTo(1);
	}

	@Test
	void hasNoBusiestSecondWithoutArrivals() {
		assertThat(Arrivals.of(List.of()).busiestSecond()).isEmpty();
		assertThat(Arrivals.of(List.of()).maxInAnySecond()).isZero();
	}

}
