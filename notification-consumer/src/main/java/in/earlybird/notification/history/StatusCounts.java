package in.earlybird.notification.history;

import org.jspecify.annotations.Nullable;

/**
 * How many notifications reached each state, over some window.
 *
 * @param total every notification recorded
 * @param queued waiting for a retry now
 * @param sending with a provider request in flight now
 * @param sent accepted by MyOperator at some point (whatever happened after)
 * @param delivered delivered to the phone, or read (a read message was delivered)
 * @param read read by the customer
 * @param failed given up on (permanent failures, opt-outs, exhausted retries, failed
 * delivery reports)
 * @param expired not sent because their moment passed
 * @param inDoubt the provider may or may not have them (their request timed out, or the
 * instance sending them stopped mid-request): support checks or resends them
 * @param retried sent through the delay topic at least once
 * @param deadLettered ended on the dead-letter topic
 */
public record StatusCounts(long total, long queued, long sending, long sent, long delivered, long read, long failed,
		long expired, long inDoubt, long retried, long deadLettered) {

	/** No notifications at all. */
	public static final StatusCounts NONE = new StatusCounts(0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);

	/**
	 * Returns the share of sent messages that were delivered.
	 * @return {@code delivered / sent}, or {@code null} when nothing was sent
	 */
	public @Nullable Double deliveryRate() {
		return rate(this.delivered, this.sent);
	}

	/**
	 * Returns the share of delivered messages that were read.
	 * @return {@code read / delivered}, or {@code null} when nothing was delivered
	 */
	public @Nullable Double readRate() {
		return rate(this.read, this.delivered);
	}

	private static @Nullable Double rate(long part, long whole) {
		if (whole == 0) {
			return null;
		}
		return Math.round(10_000.0 * part / whole) / 10_000.0;
	}

}
