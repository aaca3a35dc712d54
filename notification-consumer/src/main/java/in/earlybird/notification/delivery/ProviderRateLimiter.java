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
 * two steps (a slow claim, a pause of the JVM, a virtual thread that waited for a
 * carrier), no window of one second plus a margin ever holds more request starts than the
 * rate allows, counted when they actually happen.</li>
 * <li>{@link #recountIfLate(long)}, once the request's connection is ready: a request
 * that got there late (a new connection, a TLS handshake) is counted again, when it is
 * really written.</li>
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

	/**
	 * At most this many requests start together, or a hundredth of the rate if that is
	 * more; but never more than the rate sends in {@link #WINDOW_MARGIN} (at least one):
	 * requests that start together and are then held up together (a pause of the JVM)
	 * arrive together, and more than the margin's worth of them can tip a provider's
	 * second over the limit. At 80/s, with ten together every 127 ms in line, two
	 * requests held up 85 ms made a second of 82.
	 */
	static final int BURST = 10;

	/**
	 * How much sooner than the rate allows those few may start, to make up for a start
	 * that came late (a parked thread wakes up to a millisecond or two late: its timer, a
	 * busy carrier). Without it every late start would push all later ones back for good,
	 * and at 1,000/s, with a turn every millisecond, the rate would drift 5% below the
	 * limit. The one-second window still bounds every second.
	 */
	static final Duration LATE_WAKE_ALLOWANCE = Duration.ofMillis(2);

	/**
	 * A request written this much later than its start was counted is counted again, when
	 * it is written: a third of {@link #WINDOW_MARGIN}, which absorbs what comes after.
	 */
	static final Duration RECOUNT_AFTER = Duration.ofMillis(10);

	/**
	 * How late turns may be and still be caught up with rather than lost: one window.
	 * Turns fall behind when nothing reaches them for a while (a MongoDB round trip
	 * before the turn that took 200 ms, a JVM that did not get a core); turns lost then
	 * would be lost for good, and on a busy machine that costs rate at 1,000/s. Catching
	 * up cannot break the limit: the window check holds every window to the rate, and the
	 * few that start together to the burst's pace.
	 */
	private static final long CATCH_UP_NANOS = WINDOW_NANOS;

	private final LongSupplier nanoTime;

	private final Parker parker;

	private final Duration maxPause;

	private final List<Long> recentStarts = new ArrayList<>();

	private volatile long intervalNanos;

	private volatile int perWindow;

	private volatile int burst;

	private volatile long burstWindowNanos;

	/**
	 * The line of callers waiting for room in the window, first come first served: only
	 * the one at its head waits for the clock.
	 */
	private final ReentrantLock line = new ReentrantLock(true);

	private volatile double rate;

	/** When the next turn may start; guarded by {@code this}. */
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
		int limit = Math.max(1, (int) Math.floor(permitsPerSecond));
		int marginsWorth = (int) Math.max(1, Math.floor(permitsPerSecond * WINDOW_MARGIN.toNanos() / 1e9));
		// The margin's worth is below the limit, which therefore needs no bound of its
		// own.
		int burst = Math.min(Math.max(BURST, limit / 100), marginsWorth);
		this.rate = permitsPerSecond;
		this.perWindow = limit;
		this.burst = burst;
		this.burstWindowNanos = (long) Math.ceil((double) WINDOW_NANOS * burst / limit) - LATE_WAKE_ALLOWANCE.toNanos();
		// Turns come no faster than the window lets requests start, so callers do not
		// queue up at the window check.
		this.intervalNanos = (long) Math
			.ceil(Math.max(TimeUnit.SECONDS.toNanos(1) / permitsPerSecond, (double) WINDOW_NANOS / limit));
	}

	/**
	 * Returns how many requests may start together at the current rate.
	 * @return at least one
	 */
	int burst() {
		return this.burst;
	}

	/**
	 * Returns the current rate.
	 * @return requests per second
	 */
	double rate() {
		return this.rate;
	}

	/**
	 * Waits for the caller's turn: evenly spaced, in arrival order, after any pause. Each
	 * caller books its turn and waits for it on its own, so a caller that wakes late (its
	 * carrier busy) delays nobody behind it.
	 * @throws InterruptedException if interrupted while waiting
	 */
	void acquire() throws InterruptedException {
		while (true) {
			long turn = bookTurn();
			long wait;
			while ((wait = turn - this.nanoTime.getAsLong()) > 0) {
				this.parker.park(wait);
			}
			if (!isPaused()) {
				return;
			}
			// A pause began while this caller waited: a new turn after it.
		}
	}

	private synchronized long bookTurn() {
		long now = this.nanoTime.getAsLong();
		long target = Math.max(this.nextTurn, this.pausedUntil);
		long interval = this.intervalNanos;
		// A turn due less than a window ago keeps the schedule, so the turns missed (the
		// JVM paused, the callers came late) are caught up with (the window check still
		// bounds every second); after a longer idle spell the schedule restarts now.
		long turn = (now - target >= Math.max(interval, CATCH_UP_NANOS)) ? now : target;
		this.nextTurn = turn + interval;
		return turn;
	}

	/**
	 * Waits, right before the provider request, until starting it keeps every window of
	 * one second (plus {@link #WINDOW_MARGIN}) within the rate, and lets at most
	 * {@link #BURST} requests start together (within the rate, less
	 * {@link #LATE_WAKE_ALLOWANCE}). The start is counted when it happens, not when it
	 * was planned: a thread that wakes late (its carrier busy, the JVM paused) checks
	 * again, so requests that bunched up on the way here (a slow claim) never leave in a
	 * burst.
	 * <p>
	 * Callers wait in line, first come first served: only the one at its head waits for
	 * the clock, and the next one looks for room as soon as it has started. (When each
	 * waiting caller slept for a time set by its place in the line, the hundreds in line
	 * at 1,000/s woke too late: a tenth of each window and more went unused while they
	 * slept, and the rate stayed at 940-950/s.)
	 * @return when the start was counted ({@link System#nanoTime()}), for
	 * {@link #recountIfLate(long)}
	 * @throws InterruptedException if interrupted while waiting
	 */
	long awaitWindow() throws InterruptedException {
		this.line.lockInterruptibly();
		try {
			while (true) {
				long wait;
				synchronized (this) {
					long now = this.nanoTime.getAsLong();
					wait = Math.max(room(this.perWindow, WINDOW_NANOS, now),
							room(this.burst, this.burstWindowNanos, now));
					if (wait <= 0) {
						start(now);
						return now;
					}
				}
				this.parker.park(wait);
			}
		}
		finally {
			this.line.unlock();
		}
	}

	/**
	 * Returns how many callers wait in line for room in the window, behind the one that
	 * waits for the clock.
	 * @return callers in line
	 */
	int waitingInLine() {
		return this.line.getQueueLength();
	}

	/**
	 * Counts a request's start again, now, if it is about to be written more than
	 * {@link #RECOUNT_AFTER} after its start was counted (its connection was new, or the
	 * thread waited for a core): the start counted for it has not happened, and the one
	 * about to happen must fit the window like any other.
	 * @param countedAt what {@link #awaitWindow()} returned for this request
	 * @throws InterruptedException if interrupted while waiting
	 */
	void recountIfLate(long countedAt) throws InterruptedException {
		synchronized (this) {
			if (this.nanoTime.getAsLong() - countedAt <= RECOUNT_AFTER.toNanos()) {
				return;
			}
			// Searched from the newest: it is recent. Another request counted at the same
			// moment is as good: only the count matters.
			int counted = this.recentStarts.lastIndexOf(countedAt);
			if (counted >= 0) {
				this.recentStarts.remove(counted);
			}
		}
		awaitWindow();
	}

	private void start(long now) {
		this.recentStarts.add(now);
		int excess = this.recentStarts.size() - this.perWindow;
		if (excess > 0) {
			this.recentStarts.subList(0, excess).clear();
		}
	}

	/** How long until the last {@code window} holds fewer than {@code limit} starts. */
	private long room(int limit, long window, long now) {
		int size = this.recentStarts.size();
		return (size >= limit) ? this.recentStarts.get(size - limit) + window - now : 0;
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
