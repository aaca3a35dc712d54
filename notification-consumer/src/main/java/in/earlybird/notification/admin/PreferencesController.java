package in.earlybird.notification.admin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonInclude;
import in.earlybird.notification.admin.AdminProblem.FieldError;
import in.earlybird.notification.preferences.CustomerPreferenceStore;
import in.earlybird.notification.preferences.CustomerPreferences;
import in.earlybird.notification.preferences.QuietHours;
import in.earlybird.notification.templates.TemplateType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A customer's opt-outs per category and quiet hours for promotional messages, keyed by
 * WhatsApp number.
 */
@RestController
@RequestMapping(AdminSecurityConfiguration.API)
@Tag(name = "Preferences")
class PreferencesController {

	static final Set<String> CATEGORIES = Arrays.stream(TemplateType.Category.values())
		.map(TemplateType.Category::value)
		.collect(Collectors.toUnmodifiableSet());

	private final CustomerPreferenceStore preferences;

	private final AdminAudit audit;

	PreferencesController(CustomerPreferenceStore preferences, AdminAudit audit) {
		this.preferences = preferences;
		this.audit = audit;
	}

	@GetMapping("/preferences/{phone}")
	@Operation(summary = "Show a customer's opt-outs and quiet hours",
			description = "A customer who never set any gets every category and no quiet hours.")
	PreferencesView preferences(@PathVariable String phone, Caller caller) {
		String e164 = RequestValues.phone("phone", phone);
		return this.preferences.find(e164)
			.map((found) -> PreferencesView.of(found, caller))
			.orElseGet(() -> new PreferencesView(caller.phone(e164), null, List.of(), null, null, null));
	}

	@PutMapping("/preferences/{phone}")
	@Operation(summary = "Replace a customer's opt-outs and quiet hours (admin)",
			description = "optedOut lists the categories the customer does not want (transactional, promotional); "
					+ "quietHours (HH:mm, India time, may span midnight) holds promotional messages back until it "
					+ "ends; null or absent removes it.")
	PreferencesView change(@PathVariable String phone, @RequestBody PreferencesChange change, Caller caller) {
		String e164 = RequestValues.phone("phone", phone);
		List<FieldError> errors = new ArrayList<>();
		Set<String> optedOut = new LinkedHashSet<>();
		List<String> requested = (change.optedOut() != null) ? change.optedOut() : List.of();
		for (int i = 0; i < requested.size(); i++) {
			String category = (requested.get(i) != null) ? requested.get(i).trim().toLowerCase(Locale.ROOT) : "";
			if (CATEGORIES.contains(category)) {
				optedOut.add(category);
			}
			else {
				errors.add(new FieldError("optedOut[" + i + "]", "must be transactional or promotional"));
			}
		}
		QuietHours quietHours = null;
		if (change.quietHours() != null) {
			quietHours = quietHours(change.quietHours(), errors);
		}
		if (!errors.isEmpty()) {
			throw AdminProblem.badRequest(errors);
		}
		CustomerPreferences saved = this.preferences.replace(e164, change.customerId(), optedOut, quietHours,
				caller.subject());
		this.audit.record(caller, "preferences.update", e164, "saved",
				Map.of("optedOut", List.copyOf(optedOut), "quietHours", (quietHours != null) ? quietHours : "none"));
		return PreferencesView.of(saved, caller);
	}

	private static @Nullable QuietHours quietHours(QuietHoursBody body, List<FieldError> errors) {
		boolean valid = true;
		if (body.start() == null || !validTime(body.start())) {
			errors.add(new FieldError("quietHours.start", "must be a time of day as HH:mm, e.g. 22:00"));
			valid = false;
		}
		if (body.end() == null || !validTime(body.end())) {
			errors.add(new FieldError("quietHours.end", "must be a time of day as HH:mm, e.g. 08:00"));
			valid = false;
		}
		if (!valid) {
			return null;
		}
		try {
			return new QuietHours(body.start(), body.end());
		}
		catch (IllegalArgumentException ex) {
			errors.add(new FieldError("quietHours.end", "must differ from start"));
			return null;
		}
	}

	private static boolean validTime(String time) {
		try {
			QuietHours.parse(time);
			return true;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	/**
	 * The new preferences.
	 *
	 * @param optedOut the categories the customer does not want
	 * @param quietHours when promotional messages must wait, or null for never
	 * @param customerId the customer's id, if known
	 */
	record PreferencesChange(@Nullable List<String> optedOut, @Nullable QuietHoursBody quietHours,
			@Nullable String customerId) {
	}

	/**
	 * Quiet hours as sent.
	 *
	 * @param start HH:mm, India time
	 * @param end HH:mm, India time
	 */
	record QuietHoursBody(@Nullable String start, @Nullable String end) {
	}

	/**
	 * A customer's preferences.
	 *
	 * @param phone the number, masked for viewers
	 * @param customerId the customer id, when known
	 * @param optedOut the categories the customer does not want
	 * @param quietHours when promotional messages wait, if set
	 * @param updatedAt when they last changed, if ever
	 * @param updatedBy who changed them: an admin's subject, or whatsapp for a STOP/START
	 * reply
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record PreferencesView(@Nullable String phone, @Nullable String customerId, List<String> optedOut,
			@Nullable QuietHours quietHours, @Nullable Instant updatedAt, @Nullable String updatedBy) {

		static PreferencesView of(CustomerPreferences preferences, Caller caller) {
			return new PreferencesView(caller.phone(preferences.phone()), preferences.customerId(),
					preferences.optedOut().stream().sorted().toList(), preferences.quietHours(),
					preferences.updatedAt(), preferences.updatedBy());
		}

	}

}
