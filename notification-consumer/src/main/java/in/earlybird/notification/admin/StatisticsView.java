package in.earlybird.notification.admin;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import in.earlybird.notification.history.NotificationStatistics;
import in.earlybird.notification.history.StatusCounts;
import org.jspecify.annotations.Nullable;

/**
 * Statistics over a window.
 *
 * @param from the window's start, inclusive
 * @param to the window's end, exclusive
 * @param timezone the calendar the days are counted in
 * @param totals counts and rates over the window
 * @param byType counts and rates per template key
 * @param byDay counts and rates per day, oldest first
 */
record StatisticsView(Instant from, Instant to, String timezone, Counts totals, Map<String, Counts> byType,
		Map<LocalDate, Counts> byDay) {

	static StatisticsView of(NotificationStatistics statistics, String timezone) {
		Map<String, Counts> byType = new LinkedHashMap<>();
		statistics.byType().forEach((type, counts) -> byType.put(type, Counts.of(counts)));
		Map<LocalDate, Counts> byDay = new LinkedHashMap<>();
		statistics.byDay().forEach((day, counts) -> byDay.put(day, Counts.of(counts)));
		return new StatisticsView(statistics.from(), statistics.to(), timezone, Counts.of(statistics.totals()), byType,
				byDay);
	}

	/**
	 * Counts of notifications created in the window, and rates.
	 *
	 * @param total every notification
	 * @param queued waiting for a retry now
	 * @param sending in flight now
	 * @param sent accepted by MyOperator
	 * @param delivered delivered (read included)
	 * @param read read
	 * @param failed given up on
	 * @param expired not sent because too late
	 * @param inDoubt the provider may or may not have them; support checks or resends
	 * @param retried went through the delay topic at least once
	 * @param deadLettered ended on the dead-letter topic
	 * @param deliveryRate delivered / sent, 4 decimals; null when nothing was sent
	 * @param readRate read / delivered, 4 decimals; null when nothing was delivered
	 */
	record Counts(long total, long queued, long sending, long sent, long delivered, long read, long failed,
			long expired, long inDoubt, long retried, long deadLettered, @Nullable Double deliveryRate,
			@Nullable Double readRate) {

		static Counts of(StatusCounts counts) {
			return new Counts(counts.total(), counts.queued(), counts.sending(), counts.sent(), counts.delivered(),
					counts.read(), counts.failed(), counts.expired(), counts.inDoubt(), counts.retried(),
					counts.deadLettered(), counts.deliveryRate(), counts.readRate());
		}

	}

}
