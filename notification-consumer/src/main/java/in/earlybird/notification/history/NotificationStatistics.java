package in.earlybird.notification.history;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * Counts over the notifications created in a window, in total, per template and per
 * Indian calendar day.
 *
 * @param from the window's start, inclusive
 * @param to the window's end, exclusive
 * @param totals the counts over the whole window
 * @param byType the counts per template key, for templates with notifications
 * @param byDay the counts per day (Asia/Kolkata), for days with notifications, oldest
 * first
 */
public record NotificationStatistics(Instant from, Instant to, StatusCounts totals, Map<String, StatusCounts> byType,
		Map<LocalDate, StatusCounts> byDay) {

	/**
	 * Creates statistics with ordered, unmodifiable copies of the maps.
	 * @param from the window's start
	 * @param to the window's end
	 * @param totals the counts over the window
	 * @param byType the counts per template
	 * @param byDay the counts per day
	 */
	public NotificationStatistics {
		byType = Collections.unmodifiableMap(new TreeMap<>(byType));
		byDay = Collections.unmodifiableMap(new TreeMap<>(byDay));
	}

}
