package in.earlybird.notification.benchmark;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DrainSegmentsTests {

	@Test
	void steadySegmentsAboveTheTargetAreMet() {
		assertThat(DrainSegments.met(List.of(2959.0, 3162.0, 3166.0, 3179.0), 2500)).isTrue();
	}

	@Test
	void oneSegmentBelowTheTargetIsNotMet() {
		// The whole suite at 08:37 on 2026-12-01.
		assertThat(DrainSegments.met(List.of(3731.0, 3286.0, 2456.0, 2777.0), 2500)).isFalse();
	}

	@Test
	void aRateThatStillRisesIsNotAFall() {
		// A drain on 2026-12-01 at 10:53 whose JIT was still compiling: every
		// segment over the target, the last half again as fast as the first.
		assertThat(DrainSegments.met(List.of(2568.9, 3249.8, 3824.3, 3968.8), 2500)).isTrue();
	}

	@Test
	void aRateThatFallsByMoreThanAFifthIsNotMetEvenAboveTheTarget() {
		assertThat(DrainSegments.met(List.of(4000.0, 3900.0, 3100.0), 2500)).isFalse();
		assertThat(DrainSegments.met(List.of(4000.0, 3900.0, 3300.0), 2500)).isTrue();
	}

	@Test
	void aFallIsMeasuredFromTheFastestSegmentBeforeIt() {
		// Up, then down by more than a fifth of the peak though not of the first.
		assertThat(DrainSegments.met(List.of(3000.0, 4000.0, 3100.0), 2500)).isFalse();
	}

	@Test
	void noSegmentsIsNotMet() {
		assertThat(DrainSegments.met(List.of(), 2500)).isFalse();
	}

}
