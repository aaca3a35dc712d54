package in.earlybird.notification.admin;

import java.util.List;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The audit trail of sensitive admin actions. */
@RestController
@RequestMapping(AdminSecurityConfiguration.API)
@Tag(name = "Audit")
class AuditController {

	private final AdminAudit audit;

	AuditController(AdminAudit audit) {
		this.audit = audit;
	}

	@GetMapping("/audit")
	@Operation(summary = "List the latest admin actions, newest first (admin)")
	List<AuditEntry> audit(@RequestParam(required = false) @Nullable String actor,
			@RequestParam(required = false) @Nullable String action, @RequestParam(defaultValue = "50") int limit) {
		if (limit < 1 || limit > HistoryController.MAX_PAGE_SIZE) {
			throw AdminProblem.badRequest("limit", "must be between 1 and " + HistoryController.MAX_PAGE_SIZE);
		}
		return this.audit.latest(actor, action, limit);
	}

}
