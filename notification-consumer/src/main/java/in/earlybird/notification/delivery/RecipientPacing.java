package in.earlybird.notification.delivery;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * WhatsApp's pair rate: messages from the business number to one customer are spaced at
 * least {@code spacing} apart (about one every 6 s; 131056 when exceeded). Only the
 * recipient's own messages wait; nobody else does. A customer's messages come one after
 * another from one ordered chain, so waiting holds nothing but that customer.
 */
class RecipientPacing {

	private static final int PURGE_EVERY = 1_000;

	private final long spacingNanos;

	private final LongSupplier nanoTime;

	private final ProviderRateLimiter.Parker parker;

	private final Map<String, Long> nextAllowed = new ConcurrentHashMap<>();

	private final AtomicInteger untilPurge = new AtomicInteger(PURGE_EVERY);

	RecipientPacing(Duration spacing) {
		this(spacing, System::nanoTime, ProviderRateLimiter.Parker.SYSTEM);
	}

	RecipientPacing(Duration spacing, LongSupplier nanoTime, ProviderRateLimiter.Parker parker) {
		this.spacingNanos = spacing.toNanos();
		this.nanoTime = nanoTime;
		this.parker = parker;
	}

	/**
	 * Waits until a message may go to a recipient, and takes that turn.
	 * @param phone the recipient
	 * @param maxWait how long the caller may wait
	 * @return {@code false}, without waiting or taking a turn, if the wait would be
	 * longer than {@code maxWait}
	 * @throws InterruptedException if interrupted while waiting
	 */
	boolean awaitTurn(String phone, Duration maxWait) throws InterruptedException {
		purgeNowAndThen();
		long now = this.nanoTime.getAsLong();
		long[] start = new long[1];
		boolean[] taken = new boolean[1];
		this.nextAllowed.compute(phone, (key, next) -> {
			start[0] = (next == null || next - now < 0) ? now : next;
			if (start[0] - now > maxWait.toNanos()) {
				return next;
			}
			taken[0] = true;
			return start[0] + this.spacingNanos;
		});
		if (!taken[0]) {
			return false;
		}
		long wait;
		while ((wait = start[0] - this.nanoTime.getAsLong()) > 0) {
			this.parker.park(wait);
		}
		return true;
	}

	/**
	 * Holds a recipient back after WhatsApp said it got too many messages (131056).
	 * @param phone the recipient
	 * @param pause how long, at least the spacing
	 */
	void holdBack(String phone, Duration pause) {
		long until = this.nanoTime.getAsLong() + Math.max(pause.toNanos(), this.spacingNanos);
		this.nextAllowed.merge(phone, until, (current, proposed) -> (proposed - current > 0) ? proposed : current);
	}

	/**
	 * Returns how long a recipient must wait before its next message.
	 * @param phone the recipient
	 * @return the wait, zero if none
	 */
	Duration waitFor(String phone) {
		Long next = this.nextAllowed.get(phone);
		long wait = (next != null) ? next - this.nanoTime.getAsLong() : 0;
		return (wait > 0) ? Duration.ofNanos(wait) : Duration.ZERO;
	}

	/**
	 * Returns how many recipients are being paced.
	 * @return the number of remembered recipients
	 */
	int size() {
		return this.nextAllowed.size();
	}

	private void purgeNowAndThen() {
		if (this.untilPurge.decrementAndGet() > 0) {
			return;
		}
		this.untilPurge.set(PURGE_EVERY);
		long now = this.nanoTime.getAsLong();
		// Only recipients messaged within the last spacing are remembered.
		this.nextAllowed.values().removeIf((next) -> next - now < 0);
	}

}
