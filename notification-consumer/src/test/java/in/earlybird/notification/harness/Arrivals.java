package in.earlybird.notification.harness;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Statistics over the moments requests arrived at the provider: the sustained rate, the
 * busiest second, the longest silence.
 */
public final class Arrivals {

	private final List<Instant> times;

	private Arrivals(List<Instant> times) {
		this.times = times;
	}

	/**
	 * Wraps arrival times.
	 * @param times the arrivals, in any order
	 * @return the statistics
	 */
	public static Arrivals of(Collection<Instant> times) {
		List<Instant> sorted = new ArrayList<>(times);
		sorted.sort(null);
		return new Arrivals(sorted);
	}

	/**
	 * Returns how many arrivals there are.
	 * @return the count
	 */
	public int count() {
		return this.times.size();
	}

	/**
	 * Returns the rate while sending was in full swing: between the arrival of the 5th
	 * and the 95th percentile, so the ramp-up and the tail do not count.
	 * @return requests per second, 0 for fewer than 20 arrivals
	 */
	public double sustainedRate() {
		int n = this.times.size();
		if (n < 20) {
			return 0;
		}
		int from = n / 20;
		int to = n - 1 - n / 20;
		double seconds = Duration.between(this.times.get(from), this.times.get(to)).toNanos() / 1e9;
		return (seconds > 0) ? (to - from) / seconds : 0;
	}

	/**
	 * Writes the arrival times, one per line, for a closer look at a run.
	 * @param file where to write them
	 */
	public void write(Path file) {
		ResultsFile.writeLines(file, this.times.stream().map(Instant::toString).toList());
	}

	/**
	 * Returns the rate from the first arrival to the last.
	 * @return requests per second
	 */
	public double overallRate() {
		int n = this.times.size();
		if (n < 2) {
			return 0;
		}
		double seconds = Duration.between(this.times.getFirst(), this.times.getLast()).toNanos() / 1e9;
		return (seconds > 0) ? (n - 1) / seconds : 0;
	}

	/**
	 * Returns the most arrivals in any window of one second (any start, not calendar
	 * seconds).
	 * @return the count
	 */
	public int maxInAnySecond() {
		return busiestSecond().size();
	}

	/**
	 * Returns the times of the busiest 1 s window (the first, if several tie).
	 * @return the times in it, in order
	 */
	public List<Instant> busiestSecond() {
		int max = 0;
		int from = 0;
		int start = 0;
		for (int end = 0; end < this.times.size(); end++) {
			Instant limit = this.times.get(end).minusSeconds(1);
			while (!this.times.get(start).isAfter(limit)) {
				start++;
			}
			if (end - start + 1 > max) {
				max = end - start + 1;
				from = start;
			}
		}
		return this.times.subList(from, from + max);
	}

	/**
	 * Returns the longest time between two consecutive arrivals.
	 * @return the gap
	 */
	public Duration longestGap() {
		Duration longest = Duration.ZERO;
		for (int i = 1; i < this.times.size(); i++) {
			Duration gap = Duration.between(this.times.get(i - 1), this.times.get(i));
			if (gap.compareTo(longest) > 0) {
				longest = gap;
			}
		}
		return longest;
	}

	/**
	 * Returns the first arrival.
	 * @return the moment
	 */
	public Instant first() {
		return this.times.getFirst();
	}

	/**
	 * Returns the last arrival.
	 * @return the moment
	 */
	public Instant last() {
		return this.times.getLast();
	}

	/**
	 * Returns a percentile of durations.
	 * @param durations the sample
	 * @param percentile e.g. 99
	 * @return the value at that percentile
	 */
	public static Duration percentile(List<Duration> durations, double percentile) {
		List<Duration> sorted = new ArrayList<>(durations);
		sorted.sort(null);
		int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
		return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
	}

}
