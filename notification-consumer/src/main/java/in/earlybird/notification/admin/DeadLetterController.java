package in.earlybird.notification.admin;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import in.earlybird.notification.retry.DeadLetterReplayer;
import in.earlybird.notification.retry.ReplayFilter;
import in.earlybird.notification.retry.ReplayReport;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The dead-letter topic for SREs: inspect it, and replay it ({@code POST /process-queue},
 * the Kafka form of the original plan's queue processing). Admin only, rate-limited per
 * caller and audited, like the replay command.
 */
@RestController
@RequestMapping(AdminSecurityConfiguration.API)
@Tag(name = "Dead letters")
class DeadLetterController {

	/** Records per second when the request does not say. */
	static final double DEFAULT_RATE = 20;

	private final DeadLetterReplayer replayer;

	private final AdminAudit audit;

	DeadLetterController(DeadLetterReplayer replayer, AdminAudit audit) {
		this.replayer = replayer;
		this.audit = audit;
	}

	@GetMapping("/dead-letters")
	@Operation(summary = "Inspect the dead-letter topic (admin)",
			description = "Counts by failure class and code, and the first 100 matching records with their reasons "
					+ "and payloads, phone numbers masked. Moves nothing.")
	ReplayReport inspect(@RequestParam(required = false) @Nullable Instant from,
			@RequestParam(required = false) @Nullable Instant to, @RequestParam(required = false) @Nullable String type,
			@RequestParam(required = false) @Nullable String errorClass,
			@RequestParam(required = false) @Nullable String eventId) {
		return this.replayer.inspect(new ReplayFilter(from, to, type, errorClass, eventId));
	}

	@PostMapping("/process-queue")
	@Operation(summary = "Replay the dead-letter topic (admin)",
			description = "Moves matching dead-lettered records back to their original topic with a fresh retry "
					+ "budget, at most `rate` per second. dryRun lists what would move and moves nothing. Safe to "
					+ "repeat: an event already sent is not sent again. Every call leaves an audit record.")
	ReplayReport processQueue(@RequestBody(required = false) @Nullable ReplayRequest request, Caller caller) {
		ReplayRequest replay = (request != null) ? request
				: new ReplayRequest(null, null, null, null, null, null, null);
		double rate = (replay.rate() != null) ? replay.rate() : DEFAULT_RATE;
		if (!(rate > 0) || rate > 1000) {
			throw AdminProblem.badRequest("rate", "must be more than 0 and at most 1000 records per second");
		}
		if (replay.from() != null && replay.to() != null && !replay.from().isBefore(replay.to())) {
			throw AdminProblem.badRequest("to", "must be after from");
		}
		this.audit.admit(caller, "replay");
		boolean dryRun = Boolean.TRUE.equals(replay.dryRun());
		ReplayReport report = this.replayer.replay(replay.filter(), dryRun, rate, caller.subject());
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("dryRun", dryRun);
		details.put("matched", report.matched());
		details.put("replayed", report.replayed());
		this.audit.record(caller, "replay", report.replayId(), dryRun ? "dry_run" : "replayed", details);
		return report;
	}

	/**
	 * What to replay; every field is optional.
	 *
	 * @param from only records that last failed at or after this instant
	 * @param to only records that last failed before this instant
	 * @param type only this event type
	 * @param errorClass only this failure class, e.g. {@code ProviderTransient}
	 * @param eventId only this event
	 * @param dryRun list only, move nothing
	 * @param rate records per second at most (default 20)
	 */
	record ReplayRequest(@Nullable Instant from, @Nullable Instant to, @Nullable String type,
			@Nullable String errorClass, @Nullable String eventId, @Nullable Boolean dryRun, @Nullable Double rate) {

		ReplayFilter filter() {
			return new ReplayFilter(this.from, this.to, this.type, this.errorClass, this.eventId);
		}

	}

}
