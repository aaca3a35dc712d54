package in.earlybird.notification.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.LongSupplier;

/**
 * Paces provider requests under the business number's throughput limit, in two steps.
 *
 * <ol>
 * <li>{@link #acquire()}, before the notification is claimed: callers take turns in
 * arrival order, spaced evenly at the rate, with no burst allowance (WhatsApp's limit is
 * per second, and a burst at the start of a second is what trips it). A sender-wide pause
 * ({@link #backOff(Duration)}) holds every turn.</li>
 * <li>{@link #awaitWindow()}, right before the HTTP call: whatever happened between the
 * two steps (a slow claim, a pause of the JVM), no window of one second plus a margin
 * ever holds more requests than the rate allows, so neither does any second at the
 * provider.</li>
 * </ol>
 * The rate is this instance's share of the number's limit and may change while running
 * ({@link #setRate(double)}). Waiting parks the (virtual) thread.
 */
class ProviderRateLimiter {

	/**
	 * Absorbs the jitter between starting a request and its arrival at the provider (a
	 * pause of this JVM, the network). It costs 3% of the rate.
	 */
	static final Duration WINDOW_MARGIN = Duration.ofMillis(30);

	private static final long WINDOW_NANOS = TimeUnit.SECONDS.toNanos(1) + WINDOW_MARGIN.toNanos();

	/** How late turns may be and still be caught up with rather than lost. */
	private static final long CATCH_UP_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

	private final LongSupplier nanoTime;

	private final Parker parker;

	private final Duration maxPause;

	private final ReentrantLock turn = new ReentrantLock(true);

	private final List<Long> recentStarts = new ArrayList<>();

	private volatile long intervalNanos;

	private volatile int perWindow;

	private volatile double rate;

	/** When the next turn may start; guarded by {@link #turn}. */
	private long nextTurn;

	private volatile long pausedUntil;

	ProviderRateLimiter(double permitsPerSecond, Duration maxPause) {
		this(permitsPerSecond, maxPause, System::nanoTime, Parker.SYSTEM);
	}

	ProviderRateLimiter(double permitsPerSecond, Duration maxPause, LongSupplier nanoTime, Parker parker) {
		this.nanoTime = nanoTime;
		this.parker = parker;
		this.maxPause = maxPause;
		long now = nanoTime.getAsLong();
		this.nextTurn = now;
		this.pausedUntil = now;
		setRate(permitsPerSecond);
	}

	/**
	 * Changes the rate, e.g. when this instance's share of the number's limit changes.
	 * @param permitsPerSecond requests per second, positive
	 */
	void setRate(double permitsPerSecond) {
		if (!(permitsPerSecond > 0)) {
			throw new IllegalArgumentException("The rate limit must be positive");
		}
		this.rate = permitsPerSecond;
		this.intervalNanos = (long) Math.ceil(TimeUnit.SECONDS.toNanos(1) / permitsPerSecond);
		this.perWindow = Math.max(1, (int) Math.floor(permitsPerSecond));
	}

	/**
	 * Returns the current rate.
	 * @return requests per second
	 */
	double rate() {
		return this.rate;
	}

	/**
	 * Waits for the caller's turn: evenly spaced, in arrival order, after any pause.
	 * @throws InterruptedException if interrupted while waiting
	 */
	void acquire() throws InterruptedException {
		this.turn.lockInterruptibly();
		try {
			while (true) {
				long now = this.nanoTime.getAsLong();
				long target = Math.max(this.nextTurn, this.pausedUntil);
				if (now - target >= 0) {
					// A turn taken late (the park overslept, the JVM paused) keeps the
					// schedule, so the turns missed are caught up with (the window check
					// still bounds every second); after an idle spell the schedule
					// restarts now, with no burst.
					long interval = this.intervalNanos;
					this.nextTurn = ((now - target) < Math.max(interval, CATCH_UP_NANOS)) ? target + interval
							: now + interval;
					return;
				}
				this.parker.park(target - now);
			}
		}
		finally {
			this.turn.unlock();
		}
	}

	/**
	 * Waits, right before the provider request, until starting it keeps every window of
	 * one second (plus {@link #WINDOW_MARGIN}) within the rate.
	 * @throws InterruptedException if interrupted while waiting
	 */
	void awaitWindow() throws InterruptedException {
		long start = reserveStart();
		long wait;
		while ((wait = start - this.nanoTime.getAsLong()) > 0) {
			this.parker.park(wait);
		}
	}

	private synchronized long reserveStart() {
		long now = this.nanoTime.getAsLong();
		int limit = this.perWindow;
		int size = this.recentStarts.size();
		long start = now;
		if (size > 0) {
			start = Math.max(start, this.recentStarts.get(size - 1));
		}
		if (size >= limit) {
			start = Math.max(start, this.recentStarts.get(size - limit) + WINDOW_NANOS);
		}
		this.recentStarts.add(start);
		int excess = this.recentStarts.size() - limit;
		if (excess > 0) {
			this.recentStarts.subList(0, excess).clear();
		}
		return start;
	}

	/**
	 * Holds every turn for a while because the provider asked the whole sender to slow
	 * down; never longer than the configured ceiling.
	 * @param requested how long the provider asked for
	 * @return how long the sender actually pauses
	 */
	Duration backOff(Duration requested) {
		Duration pause = (requested.compareTo(this.maxPause) > 0) ? this.maxPause : requested;
		long resumeAt = this.nanoTime.getAsLong() + pause.toNanos();
		synchronized (this) {
			if (resumeAt - this.pausedUntil > 0) {
				this.pausedUntil = resumeAt;
			}
		}
		return pause;
	}

	/**
	 * Tells whether the sender is paused right now.
	 * @return whether a pause is in force
	 */
	boolean isPaused() {
		return this.pausedUntil - this.nanoTime.getAsLong() > 0;
	}

	/** How a waiting thread waits; a test supplies one that moves a fake clock. */
	@FunctionalInterface
	interface Parker {

		/** Parks the current thread. */
		Parker SYSTEM = (nanos) -> {
			java.util.concurrent.locks.LockSupport.parkNanos(nanos);
			if (Thread.interrupted()) {
				throw new InterruptedException("Interrupted while waiting for a provider slot");
			}
		};

		/**
		 * Waits for about this long.
		 * @param nanos how long
		 * @throws InterruptedException if interrupted
		 */
		void park(long nanos) throws InterruptedException;

	}

}
