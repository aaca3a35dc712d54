package in.earlybird.notification.admin;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * One page of history.
 *
 * @param items the notifications, newest first
 * @param size the page size asked for
 * @param nextCursor pass as {@code cursor} for the next page; absent on the last page
 * (cursor paging)
 * @param page the page number, from 0 (page paging)
 * @param totalItems how many notifications match (page paging)
 * @param totalPages how many pages there are (page paging)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record HistoryPageView(List<NotificationView> items, int size, @Nullable String nextCursor, @Nullable Integer page,
		@Nullable Long totalItems, @Nullable Long totalPages) {
}
