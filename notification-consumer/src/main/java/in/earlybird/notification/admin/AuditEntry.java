package in.earlybird.notification.admin;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One sensitive admin action in {@code admin_audit}: who did what to what, when, and how
 * it ended.
 *
 * @param id the entry's id
 * @param at when the action ended
 * @param actor the caller's JWT subject
 * @param action e.g. {@code send}, {@code resend}, {@code template.update},
 * {@code preferences.update}, {@code replay}
 * @param target what it acted on: a notification id, a template key, a phone number
 * @param outcome how it ended, e.g. {@code sent}, {@code queued}, {@code refused}
 * @param details a few more facts (event id, template version…)
 */
@Document(AuditEntry.COLLECTION)
record AuditEntry(@Id String id, Instant at, String actor, String action, String target, String outcome,
		@Nullable Map<String, Object> details) {

	static final String COLLECTION = "admin_audit";

}
