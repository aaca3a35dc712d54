package in.earlybird.notification.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProviderRateLimiterTests {

	private final FakeTime time = new FakeTime();

	private final ProviderRateLimiter limiter = new ProviderRateLimiter(80, Duration.ofSeconds(30), this.time::nanoTime,
			this.time);

	@Test
	void spacesTurnsEvenlyAtTheRateWithNoBurst() throws InterruptedException {
		long start = this.time.nanoTime();
		List<Long> turns = new ArrayList<>();
		for (int i = 0; i < 81; i++) {
			this.limiter.acquire();
			turns.add(this.time.nanoTime() - start);
		}
		assertThat(turns.getFirst()).isZero();
		for (int i = 1; i < turns.size(); i++) {
			assertThat(turns.get(i) - turns.get(i - 1)).isEqualTo(12_500_000L);
		}
		// The 81st turn starts a full second after the first.
		assertThat(turns.getLast()).isEqualTo(1_000_000_000L);
	}

	@Test
	void restartsTheScheduleAfterAnIdleSpellWithoutABurst() throws InterruptedException {
		this.limiter.acquire();
		this.time.advance(Duration.ofSeconds(10));
		long start = this.time.nanoTime();
		this.limiter.acquire();
		this.limiter.acquire();
		assertThat(this.time.since(start)).isEqualTo(Duration.ofNanos(12_500_000L));
	}

	@Test
	void catchesUpWithTurnsMissedDuringAShortStallSoTheRateHolds() throws InterruptedException {
		this.limiter.acquire();
		long start = this.time.nanoTime();
		// The JVM stalls for 50 ms: four turns are due at once, then the schedule goes
		// on.
		this.time.advance(Duration.ofMillis(50));
		for (int i = 0; i < 4; i++) {
			this.limiter.acquire();
		}
		assertThat(this.time.since(start)).isEqualTo(Duration.ofMillis(50));
		this.limiter.acquire();
		assertThat(this.time.since(start)).isEqualTo(Duration.ofNanos(62_500_000L));
	}

	@Test
	void holdsEveryTurnDuringAPauseButNeverLongerThanTheCeiling() throws InterruptedException {
		this.limiter.acquire();
		assertThat(this.limiter.backOff(Duration.ofSeconds(400))).isEqualTo(Duration.ofSeconds(30));
		assertThat(this.limiter.isPaused()).isTrue();
		long start = this.time.nanoTime();
		this.limiter.acquire();
		assertThat(this.time.since(start)).isEqualTo(Duration.ofSeconds(30));
		assertThat(this.limiter.isPaused()).isFalse();
	}

	@Test
	void aShorterPauseNeverShortensALongerOne() {
		this.limiter.backOff(Duration.ofSeconds(10));
		this.limiter.backOff(Duration.ofSeconds(1));
		this.time.advance(Duration.ofSeconds(5));
		assertThat(this.limiter.isPaused()).isTrue();
	}

	@Test
	void neverLetsMoreRequestsStartInAWindowThanTheRateAllowsWhateverHappenedBefore() throws InterruptedException {
		// Turns taken on time, then every start delayed until they bunch up (a slow
		// claim, a GC pause): the window check spreads them out again.
		List<Long> starts = new ArrayList<>();
		for (int i = 0; i < 200; i++) {
			this.limiter.acquire();
		}
		for (int i = 0; i < 200; i++) {
			this.limiter.awaitWindow();
			starts.add(this.time.nanoTime());
		}
		long window = Duration.ofSeconds(1).plus(ProviderRateLimiter.WINDOW_MARGIN).toNanos();
		for (int i = 80; i < starts.size(); i++) {
			assertThat(starts.get(i) - starts.get(i - 80)).isGreaterThanOrEqualTo(window);
		}
	}

	@Test
	void aLowerRateTakesEffectForTheNextTurnAndTheWindow() throws InterruptedException {
		this.limiter.setRate(40);
		long start = this.time.nanoTime();
		this.limiter.acquire();
		this.limiter.acquire();
		assertThat(this.time.since(start)).isEqualTo(Duration.ofMillis(25));
		assertThat(this.limiter.rate()).isEqualTo(40);
		List<Long> starts = new ArrayList<>();
		for (int i = 0; i < 81; i++) {
			this.limiter.awaitWindow();
			starts.add(this.time.nanoTime());
		}
		assertThat(starts.get(40) - starts.get(0))
			.isGreaterThanOrEqualTo(Duration.ofSeconds(1).plus(ProviderRateLimiter.WINDOW_MARGIN).toNanos());
	}

}
