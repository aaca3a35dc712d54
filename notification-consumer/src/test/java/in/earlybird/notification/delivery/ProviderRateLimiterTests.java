package in.earlybird.notification.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProviderRateLimiterTests {

	private final FakeTime time = new FakeTime();

	/** One second and the margin, the window every count is over. */
	private static final long WINDOW = Duration.ofSeconds(1).plus(ProviderRateLimiter.WINDOW_MARGIN).toNanos();

	/** The spacing of turns at 80/s: as fast as the window lets requests start. */
	private static final long INTERVAL = (long) Math.ceil(WINDOW / 80.0);

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
			assertThat(turns.get(i) - turns.get(i - 1)).isEqualTo(INTERVAL);
		}
		// The 81st turn starts a full window after the first.
		assertThat(turns.getLast()).isEqualTo(80 * INTERVAL).isGreaterThanOrEqualTo(WINDOW);
	}

	@Test
	void restartsTheScheduleAfterAnIdleSpellWithoutABurst() throws InterruptedException {
		this.limiter.acquire();
		this.time.advance(Duration.ofSeconds(10));
		long start = this.time.nanoTime();
		this.limiter.acquire();
		this.limiter.acquire();
		assertThat(this.time.since(start)).isEqualTo(Duration.ofNanos(INTERVAL));
	}

	@Test
	void catchesUpWithTurnsMissedDuringAShortStallSoTheRateHolds() throws InterruptedException {
		this.limiter.acquire();
		long start = this.time.nanoTime();
		// The JVM stalls for four turns: they are due at once, then the schedule goes on.
		this.time.advance(Duration.ofNanos(4 * INTERVAL));
		for (int i = 0; i < 4; i++) {
			this.limiter.acquire();
		}
		assertThat(this.time.since(start)).isEqualTo(Duration.ofNanos(4 * INTERVAL));
		this.limiter.acquire();
		assertThat(this.time.since(start)).isEqualTo(Duration.ofNanos(5 * INTERVAL));
	}

	@Test
	void catchesUpWithALongerStallWithinAWindowAndStillHoldsEveryWindowToTheRate() throws InterruptedException {
		// At 1,000/s, after a second of sending, nothing reaches the turns for 300 ms (a
		// slow MongoDB round trip before them, a JVM without a core): those turns are
		// made up for in the seconds after, not lost, and no window holds more than the
		// rate.
		ProviderRateLimiter fast = new ProviderRateLimiter(1000, Duration.ofSeconds(30), this.time::nanoTime,
				this.time);
		long begin = this.time.nanoTime();
		long stallAt = begin + TimeUnit.SECONDS.toNanos(1);
		long end = begin + TimeUnit.SECONDS.toNanos(4);
		List<Long> starts = new ArrayList<>();
		while (this.time.nanoTime() < end) {
			if (this.time.nanoTime() >= stallAt) {
				this.time.advance(Duration.ofMillis(300));
				stallAt = Long.MAX_VALUE;
			}
			fast.acquire();
			fast.awaitWindow();
			starts.add(this.time.nanoTime());
		}
		// The pace is 1,000 per 1.03 s: 3,883 in 4 s. Losing the stall's 291 turns
		// would leave about 3,590; at least half of them are made up for by the end.
		// (Each window still holds the rate, so the gap comes back a window later, a
		// little shorter each time, until the turns are all made up for.)
		double pace = 1e9 / Math.ceil(WINDOW / 1000.0);
		assertThat(starts.size()).isGreaterThanOrEqualTo((int) (4 * pace - 0.3 * pace / 2));
		for (int i = 1000; i < starts.size(); i++) {
			assertThat(starts.get(i) - starts.get(i - 1000)).isGreaterThanOrEqualTo(WINDOW);
		}
		for (int i = ProviderRateLimiter.BURST; i < starts.size(); i++) {
			assertThat(starts.get(i) - starts.get(i - ProviderRateLimiter.BURST))
				.isGreaterThanOrEqualTo((long) Math.ceil(WINDOW * ProviderRateLimiter.BURST / 1000.0)
						- ProviderRateLimiter.LATE_WAKE_ALLOWANCE.toNanos());
		}
	}

	@Test
	void countsAStartAgainWhenItsRequestIsWrittenLateSoTheWindowHoldsWhatReallyLeft() throws InterruptedException {
		// Requests go out back to back at 80/s. One of them gets its window slot, then
		// waits 200 ms for a new connection (a TLS handshake) before it is written.
		List<Long> written = new ArrayList<>();
		for (int i = 0; i < 40; i++) {
			written.add(startNow());
		}
		this.limiter.acquire();
		long counted = this.limiter.awaitWindow();
		this.time.advance(Duration.ofMillis(200));
		this.limiter.recountIfLate(counted);
		written.add(this.time.nanoTime());
		for (int i = 0; i < 200; i++) {
			written.add(startNow());
		}
		written.sort(null);
		for (int i = 80; i < written.size(); i++) {
			assertThat(written.get(i) - written.get(i - 80)).isGreaterThanOrEqualTo(WINDOW);
		}
	}

	@Test
	void countsALateStartAgainInsteadOfTwice() throws InterruptedException {
		// A full window: 79 starts, then one whose request is written 11 ms later.
		for (int i = 0; i < 79; i++) {
			startNow();
		}
		this.limiter.acquire();
		long counted = this.limiter.awaitWindow();
		this.time.advance(ProviderRateLimiter.RECOUNT_AFTER.plusMillis(1));
		long before = this.time.nanoTime();
		this.limiter.recountIfLate(counted);
		// Its first count made way for the second: no waiting for room.
		assertThat(this.time.nanoTime()).isEqualTo(before);
	}

	/** Takes a turn and room in the window, and returns when the request started. */
	private long startNow() throws InterruptedException {
		this.limiter.acquire();
		this.limiter.awaitWindow();
		return this.time.nanoTime();
	}

	@Test
	void aCallerThatWakesLateDelaysNobodyBehindIt() throws Exception {
		// The second caller's carrier never comes back while the third one's turn is due:
		// the third still goes at its turn.
		CountDownLatch carrierBack = new CountDownLatch(1);
		CountDownLatch stuck = new CountDownLatch(1);
		ProviderRateLimiter paced = new ProviderRateLimiter(80, Duration.ofSeconds(30), this.time::nanoTime,
				(nanos) -> {
					if (Thread.currentThread().getName().equals("late")) {
						stuck.countDown();
						carrierBack.await();
					}
					this.time.park(nanos);
				});
		Thread late = Thread.ofPlatform().name("late").unstarted(() -> {
			try {
				paced.acquire();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		paced.acquire();
		long start = this.time.nanoTime();
		late.start();
		assertThat(stuck.await(10, TimeUnit.SECONDS)).isTrue();
		ExecutorService third = Executors.newSingleThreadExecutor();
		try {
			third.submit(() -> {
				paced.acquire();
				return null;
			}).get(10, TimeUnit.SECONDS);
			assertThat(this.time.since(start)).isEqualTo(Duration.ofNanos(2 * INTERVAL));
		}
		finally {
			carrierBack.countDown();
			late.join();
			third.shutdownNow();
		}
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
	void aPauseThatBeginsWhileACallerWaitsHoldsItsTurnToo() throws InterruptedException {
		ProviderRateLimiter[] paced = new ProviderRateLimiter[1];
		boolean[] paused = { false };
		paced[0] = new ProviderRateLimiter(80, Duration.ofSeconds(30), this.time::nanoTime, (nanos) -> {
			if (!paused[0]) {
				// A 429 arrives for another request while this caller waits for its turn.
				paused[0] = true;
				paced[0].backOff(Duration.ofSeconds(2));
			}
			this.time.park(nanos);
		});
		paced[0].acquire();
		long start = this.time.nanoTime();
		paced[0].acquire();
		assertThat(this.time.since(start)).isEqualTo(Duration.ofSeconds(2));
		paced[0].acquire();
		assertThat(this.time.since(start)).isEqualTo(Duration.ofSeconds(2).plusNanos(INTERVAL));
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
		long window = WINDOW;
		for (int i = 80; i < starts.size(); i++) {
			assertThat(starts.get(i) - starts.get(i - 80)).isGreaterThanOrEqualTo(window);
		}
	}

	@Test
	void letsRequestsThatBunchedUpOnTheWayLeaveAFewAtATime() throws InterruptedException {
		// Turns taken on time, then a slow claim: all of them reach the window check at
		// once, with the window empty.
		for (int i = 0; i < 80; i++) {
			this.limiter.acquire();
		}
		this.time.advance(Duration.ofSeconds(2));
		List<Long> starts = new ArrayList<>();
		for (int i = 0; i < 80; i++) {
			this.limiter.awaitWindow();
			starts.add(this.time.nanoTime());
		}
		int burst = this.limiter.burst();
		assertThat(starts.get(burst - 1)).isEqualTo(starts.getFirst());
		assertThat(starts.get(burst)).isGreaterThan(starts.getFirst());
		for (int i = burst; i < starts.size(); i++) {
			assertThat(starts.get(i) - starts.get(i - burst))
				.isGreaterThanOrEqualTo(burst * INTERVAL - ProviderRateLimiter.LATE_WAKE_ALLOWANCE.toNanos());
		}
	}

	@Test
	void makesUpForStartsThatCameLateSoTheRateHolds() throws InterruptedException {
		// Every wait overshoots a little, as a parked virtual thread does (its timer, a
		// busy carrier): at 1,000/s that is a good part of the 1 ms between turns. Late
		// starts must not push every later start back for good.
		java.util.Random overshoot = new java.util.Random(42);
		ProviderRateLimiter fast = new ProviderRateLimiter(1000, Duration.ofSeconds(30), this.time::nanoTime,
				(nanos) -> this.time.park(nanos + overshoot.nextLong(500_000)));
		List<Long> starts = new ArrayList<>();
		for (int i = 0; i < 5000; i++) {
			fast.acquire();
			fast.awaitWindow();
			starts.add(this.time.nanoTime());
		}
		double achieved = (starts.size() - 1) * 1e9 / (starts.getLast() - starts.getFirst());
		double pace = 1e9 / Math.ceil(WINDOW / 1000.0);
		assertThat(achieved).isGreaterThanOrEqualTo(0.99 * pace);
		for (int i = 1000; i < starts.size(); i++) {
			assertThat(starts.get(i) - starts.get(i - 1000)).isGreaterThanOrEqualTo(WINDOW);
		}
	}

	@Test
	void callersWaitingForRoomStartInArrivalOrderAndOnlyTheFirstWaitsForTheClock() throws Exception {
		// Hundreds wait for room at 1,000/s. When each slept for a time set by its place
		// in the line, they woke too late and a tenth of every window went unused; in
		// line, only the first waits for the clock and the next looks for room as soon as
		// it has started.
		Line line = new Line(this.time);
		for (int i = 0; i < 80; i++) {
			line.limiter.acquire();
			line.limiter.awaitWindow();
		}
		Map<String, Long> starts = line.threeWaiters();
		assertThat(line.mostWaitingForTheClock).hasValue(1);
		// In the order they came, each one as soon as the window has room for it.
		assertThat(starts.get("waiter-1") - starts.get("waiter-0")).isEqualTo(INTERVAL);
		assertThat(starts.get("waiter-2") - starts.get("waiter-1")).isEqualTo(INTERVAL);
	}

	@Test
	void noMoreStartTogetherThanTheRateSendsInTheMargin() throws Exception {
		// Requests that start together and are then held up together arrive together. At
		// 80/s ten went together every 127 ms when room came at once, and two of them
		// held up 85 ms made a provider's second of 82: now two at most (30 ms of 80/s).
		assertThat(this.limiter.burst()).isEqualTo(2);
		assertThat(new ProviderRateLimiter(1000, Duration.ofSeconds(30)).burst()).isEqualTo(ProviderRateLimiter.BURST);
		Line line = new Line(this.time);
		for (int i = 0; i < 80; i++) {
			line.limiter.awaitWindow();
		}
		// Room comes for several at once (the window's oldest went in pairs): two go, and
		// the third a burst's window later.
		Map<String, Long> starts = line.threeWaiters();
		assertThat(starts.get("waiter-1")).isEqualTo(starts.get("waiter-0"));
		assertThat(starts.get("waiter-2") - starts.get("waiter-0"))
			.isEqualTo((long) Math.ceil(WINDOW * 2 / 80.0) - ProviderRateLimiter.LATE_WAKE_ALLOWANCE.toNanos());
	}

	/**
	 * A limiter at 80/s on fake time, and three callers that come to its window check one
	 * after another while the first waits for the clock.
	 */
	private static final class Line {

		final AtomicInteger mostWaitingForTheClock = new AtomicInteger();

		private final AtomicInteger waitingForTheClock = new AtomicInteger();

		private final CountDownLatch firstWaits = new CountDownLatch(1);

		private final CountDownLatch release = new CountDownLatch(1);

		final ProviderRateLimiter limiter;

		Line(FakeTime time) {
			this.limiter = new ProviderRateLimiter(80, Duration.ofSeconds(30), time::nanoTime, (nanos) -> {
				this.mostWaitingForTheClock.accumulateAndGet(this.waitingForTheClock.incrementAndGet(), Math::max);
				try {
					if (Thread.currentThread().getName().equals("waiter-0")) {
						this.firstWaits.countDown();
						this.release.await();
					}
					time.park(nanos);
				}
				finally {
					this.waitingForTheClock.decrementAndGet();
				}
			});
		}

		/** Lets the three callers come and returns when each one started. */
		Map<String, Long> threeWaiters() throws InterruptedException {
			Map<String, Long> starts = new ConcurrentHashMap<>();
			List<Thread> waiters = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				Thread waiter = Thread.ofPlatform().name("waiter-" + i).start(() -> {
					try {
						starts.put(Thread.currentThread().getName(), this.limiter.awaitWindow());
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				});
				waiters.add(waiter);
				if (i == 0) {
					assertThat(this.firstWaits.await(10, TimeUnit.SECONDS)).isTrue();
				}
				else {
					awaitInLine(this.limiter, i);
				}
			}
			this.release.countDown();
			for (Thread waiter : waiters) {
				waiter.join(10_000);
			}
			assertThat(starts).hasSize(3);
			return starts;
		}

	}

	private static void awaitInLine(ProviderRateLimiter limiter, int callers) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (limiter.waitingInLine() < callers) {
			assertThat(System.nanoTime()).isLessThan(deadline);
			Thread.sleep(1);
		}
	}

	@Test
	void countsEachStartWhenItHappensSoSendersThatWokeLateTogetherNeverMakeABurst() throws InterruptedException {
		// The window is full; twenty senders come along one after another and wait for
		// room. Their carrier is busy, so they all wake 250 ms late, together (a virtual
		// thread waits for a free carrier), and then the stream goes on at the rate.
		FakeTime clock = new FakeTime();
		List<Long> starts = new ArrayList<>();
		LateWakes parker = new LateWakes(clock);
		ProviderRateLimiter paced = new ProviderRateLimiter(80, Duration.ofSeconds(30), clock::nanoTime, parker);
		parker.arrival = () -> {
			paced.awaitWindow();
			starts.add(clock.nanoTime());
		};
		for (int i = 0; i < 80; i++) {
			paced.acquire();
			paced.awaitWindow();
			starts.add(clock.nanoTime());
		}
		parker.arriving = 19;
		parker.arrival.run();
		for (int i = 0; i < 100; i++) {
			paced.acquire();
			paced.awaitWindow();
			starts.add(clock.nanoTime());
		}
		assertThat(starts).hasSize(200);
		starts.sort(null);
		long window = WINDOW;
		for (int i = 80; i < starts.size(); i++) {
			assertThat(starts.get(i) - starts.get(i - 80)).isGreaterThanOrEqualTo(window);
		}
	}

	/**
	 * Parks on fake time; while a sender waits, the next of {@link #arriving} senders
	 * comes along 12.5 ms later; the last of them wakes 250 ms late, and so do all the
	 * ones waiting behind it.
	 */
	private static final class LateWakes implements ProviderRateLimiter.Parker {

		private final FakeTime clock;

		private int arriving;

		private Arrival arrival;

		private LateWakes(FakeTime clock) {
			this.clock = clock;
		}

		@Override
		public void park(long nanos) throws InterruptedException {
			if (this.arriving > 0) {
				this.arriving--;
				this.clock.advance(Duration.ofNanos(12_500_000L));
				this.arrival.run();
				if (this.arriving == 0) {
					this.arriving = -1;
					this.clock.advance(Duration.ofNanos(nanos).plusMillis(250));
				}
				return;
			}
			this.clock.park(nanos);
		}

	}

	@FunctionalInterface
	private interface Arrival {

		void run() throws InterruptedException;

	}

	@Test
	void aLowerRateTakesEffectForTheNextTurnAndTheWindow() throws InterruptedException {
		this.limiter.setRate(40);
		long start = this.time.nanoTime();
		this.limiter.acquire();
		this.limiter.acquire();
		assertThat(this.time.since(start)).isEqualTo(Duration.ofNanos((long) Math.ceil(WINDOW / 40.0)));
		assertThat(this.limiter.rate()).isEqualTo(40);
		List<Long> starts = new ArrayList<>();
		for (int i = 0; i < 81; i++) {
			this.limiter.awaitWindow();
			starts.add(this.time.nanoTime());
		}
		assertThat(starts.get(40) - starts.get(0)).isGreaterThanOrEqualTo(WINDOW);
	}

}
