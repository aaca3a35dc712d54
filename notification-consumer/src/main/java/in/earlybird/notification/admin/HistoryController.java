package in.earlybird.notification.admin;

import java.util.List;

import in.earlybird.notification.history.HistoryCursor;
import in.earlybird.notification.history.HistoryFilter;
import in.earlybird.notification.history.HistorySlice;
import in.earlybird.notification.history.NotificationQueries;
import in.earlybird.notification.history.NotificationRecord;
import in.earlybird.notification.templates.TemplateType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Message history: filtered, newest first, by cursor or by page. */
@RestController
@RequestMapping(AdminSecurityConfiguration.API)
@Tag(name = "History", description = "What was sent to whom, and what became of it")
class HistoryController {

	static final int MAX_PAGE_SIZE = 200;

	private final NotificationQueries queries;

	HistoryController(NotificationQueries queries) {
		this.queries = queries;
	}

	@GetMapping("/history")
	@Operation(summary = "List message history",
			description = "Newest first. Filters combine. Cursor paging by default (pass nextCursor back as cursor); "
					+ "pass page for numbered pages with totals.")
	HistoryPageView history(
			@Parameter(description = "recipient, E.164 (+919876543210)") @RequestParam(
					required = false) @Nullable String phone,
			@Parameter(description = "queued, sending, sent, delivered, read, failed or expired") @RequestParam(
					required = false) @Nullable String status,
			@Parameter(description = "template key, e.g. delivery_reminder") @RequestParam(
					required = false) @Nullable String type,
			@Parameter(description = "the event's id") @RequestParam(required = false) @Nullable String eventId,
			@Parameter(description = "created at or after: a date (India) or an ISO-8601 date-time") @RequestParam(
					required = false) @Nullable String from,
			@Parameter(
					description = "created before: a date (India, inclusive) or an ISO-8601 date-time") @RequestParam(
							required = false) @Nullable String to,
			@Parameter(description = "nextCursor of the previous page") @RequestParam(
					required = false) @Nullable String cursor,
			@Parameter(description = "page number from 0, for page paging") @RequestParam(
					required = false) @Nullable Integer page,
			@Parameter(description = "page size, 1 to 200") @RequestParam(defaultValue = "50") int size,
			Caller caller) {
		HistoryFilter filter = filter(RequestValues.optionalPhone("phone", phone), status, type, eventId, from, to);
		return list(filter, cursor, page, size, caller);
	}

	@GetMapping("/history/{phone}")
	@Operation(summary = "List one customer's message history", description = "As /history with the phone filter.")
	HistoryPageView customerHistory(@PathVariable String phone, @RequestParam(required = false) @Nullable String status,
			@RequestParam(required = false) @Nullable String type,
			@RequestParam(required = false) @Nullable String from, @RequestParam(required = false) @Nullable String to,
			@RequestParam(required = false) @Nullable String cursor,
			@RequestParam(required = false) @Nullable Integer page, @RequestParam(defaultValue = "50") int size,
			Caller caller) {
		HistoryFilter filter = filter(RequestValues.phone("phone", phone), status, type, null, from, to);
		return list(filter, cursor, page, size, caller);
	}

	private static HistoryFilter filter(@Nullable String phone, @Nullable String status, @Nullable String type,
			@Nullable String eventId, @Nullable String from, @Nullable String to) {
		TemplateType template = RequestValues.optionalTemplateType("type", type);
		HistoryFilter filter = new HistoryFilter(phone, RequestValues.status("status", status),
				(template != null) ? template.key() : null, (eventId != null && !eventId.isBlank()) ? eventId : null,
				RequestValues.moment("from", from, false), RequestValues.moment("to", to, true));
		if (filter.from() != null && filter.to() != null && !filter.from().isBefore(filter.to())) {
			throw AdminProblem.badRequest("to", "must be after from");
		}
		return filter;
	}

	private HistoryPageView list(HistoryFilter filter, @Nullable String cursor, @Nullable Integer page, int size,
			Caller caller) {
		if (size < 1 || size > MAX_PAGE_SIZE) {
			throw AdminProblem.badRequest("size", "must be between 1 and " + MAX_PAGE_SIZE);
		}
		if (page != null) {
			if (cursor != null) {
				throw AdminProblem.badRequest("cursor", "cannot be combined with page; use one way of paging");
			}
			if (page < 0) {
				throw AdminProblem.badRequest("page", "must be 0 or more");
			}
			if ((long) page * size > Integer.MAX_VALUE) {
				// MongoDB skips at most an int's worth; beyond, the skip would wrap
				// round.
				throw AdminProblem.badRequest("page", "must be at most " + (Integer.MAX_VALUE / size) + " for pages of "
						+ size + "; page by cursor to go deeper");
			}
			List<NotificationRecord> found = this.queries.page(filter, page, size);
			long total = this.queries.count(filter);
			return new HistoryPageView(views(found, caller), size, null, page, total, (total + size - 1) / size);
		}
		HistoryCursor after = null;
		if (cursor != null && !cursor.isBlank()) {
			try {
				after = HistoryCursor.decode(cursor);
			}
			catch (IllegalArgumentException ex) {
				throw AdminProblem.badRequest("cursor", "is not a cursor this API returned");
			}
		}
		HistorySlice slice = this.queries.list(filter, after, size);
		return new HistoryPageView(views(slice.items(), caller), size,
				(slice.next() != null) ? slice.next().encode() : null, null, null, null);
	}

	private static List<NotificationView> views(List<NotificationRecord> records, Caller caller) {
		return records.stream().map((record) -> NotificationView.of(record, caller)).toList();
	}

}
