package in.earlybird.notification.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import in.earlybird.notification.history.NotificationQueries;
import in.earlybird.notification.shared.India;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Counts and rates over a window, computed by MongoDB. */
@RestController
@RequestMapping(AdminSecurityConfiguration.API)
@Tag(name = "Statistics")
class StatisticsController {

	static final Duration DEFAULT_WINDOW = Duration.ofDays(7);

	static final Duration MAX_WINDOW = Duration.ofDays(366);

	private final NotificationQueries queries;

	private final Clock clock;

	StatisticsController(NotificationQueries queries, Clock clock) {
		this.queries = queries;
		this.clock = clock;
	}

	@GetMapping("/statistics")
	@Operation(summary = "Count notifications by state, template and day",
			description = "Over the notifications created in [from, to). Defaults to the last 7 days; at most 366 "
					+ "days. sent counts messages MyOperator accepted; delivered includes read; deliveryRate is "
					+ "delivered/sent and readRate read/delivered. Days are Indian calendar days.")
	StatisticsView statistics(
			@Parameter(description = "window start: a date (India) or an ISO-8601 date-time") @RequestParam(
					required = false) @Nullable String from,
			@Parameter(description = "window end: a date (India, inclusive) or an ISO-8601 date-time") @RequestParam(
					required = false) @Nullable String to) {
		Instant end = RequestValues.moment("to", to, true);
		Instant start = RequestValues.moment("from", from, false);
		if (end == null) {
			end = this.clock.instant();
		}
		if (start == null) {
			start = end.minus(DEFAULT_WINDOW);
		}
		if (!start.isBefore(end)) {
			throw AdminProblem.badRequest("to", "must be after from");
		}
		if (Duration.between(start, end).compareTo(MAX_WINDOW) > 0) {
			throw AdminProblem.badRequest("from", "the window may span at most 366 days");
		}
		return StatisticsView.of(this.queries.statistics(start, end), India.ZONE.getId());
	}

}
