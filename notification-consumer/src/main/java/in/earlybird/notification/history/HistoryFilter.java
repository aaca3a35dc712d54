package in.earlybird.notification.history;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What to list from history; every part is optional and the parts combine.
 *
 * @param phone the recipient in E.164 form
 * @param status the current status
 * @param type the template key, e.g. {@code delivery_reminder}
 * @param eventId the event's id
 * @param from the earliest creation time, inclusive
 * @param to the latest creation time, exclusive
 */
public record HistoryFilter(@Nullable String phone, @Nullable NotificationStatus status, @Nullable String type,
		@Nullable String eventId, @Nullable Instant from, @Nullable Instant to) {

	/**
	 * Returns a filter that matches every notification.
	 * @return the empty filter
	 */
	public static HistoryFilter none() {
		return new HistoryFilter(null, null, null, null, null, null);
	}

	/**
	 * Returns this filter for one recipient.
	 * @param phone the recipient in E.164 form
	 * @return the narrower filter
	 */
	public HistoryFilter withPhone(String phone) {
		return new HistoryFilter(phone, this.status, this.type, this.eventId, this.from, this.to);
	}

}
