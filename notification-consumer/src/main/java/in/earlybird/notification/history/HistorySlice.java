package in.earlybird.notification.history;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One page of a history listing.
 *
 * @param items the notifications, newest first
 * @param next where the next page starts, or {@code null} if this is the last page
 */
public record HistorySlice(List<NotificationRecord> items, @Nullable HistoryCursor next) {

	/**
	 * Creates a slice with an unmodifiable copy of the items.
	 * @param items the notifications
	 * @param next the next page's cursor
	 */
	public HistorySlice {
		items = List.copyOf(items);
	}

}
