package in.earlybird.notification.benchmark;

import java.util.List;

/**
 * Judges the drain's measured segments against "at least the target, not falling as
 * history grows": every segment reaches the target, and none falls below
 * {@value #MOST_FALL} of the fastest segment before it. A segment faster than the ones
 * before it is not a fall: a rate that still rises is a JIT still warming up, and the
 * target on every segment already judges that.
 */
final class DrainSegments {

	/** The share of an earlier segment's rate a later one may not fall below. */
	static final double MOST_FALL = 0.8;

	private DrainSegments() {
	}

	/**
	 * Whether the segments meet the target.
	 * @param rates each measured segment's rate, in the order drained
	 * @param target the rate every segment must reach
	 * @return whether every segment reached the target and none fell
	 */
	static boolean met(List<Double> rates, double target) {
		if (rates.isEmpty()) {
			return false;
		}
		double fastestBefore = 0;
		for (double rate : rates) {
			if (rate < target || rate < MOST_FALL * fastestBefore) {
				return false;
			}
			fastestBefore = Math.max(fastestBefore, rate);
		}
		return true;
	}

}
