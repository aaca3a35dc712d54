package in.earlybird.notification.admin;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import in.earlybird.events.NotificationEvent;
import in.earlybird.notification.delivery.Trigger;
import in.earlybird.notification.history.NotificationHistory;
import in.earlybird.notification.history.NotificationQueries;
import in.earlybird.notification.history.NotificationRecord;
import in.earlybird.notification.history.NotificationStatus;
import in.earlybird.notification.preferences.CustomerPreferenceStore;
import in.earlybird.notification.templates.TemplateType;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Ad-hoc sends and resends: admin actions, rate-limited per caller and audited.
 */
@RestController
@RequestMapping(AdminSecurityConfiguration.API)
@Tag(name = "Messages")
class MessageController {

	private final AdHocEvents events;

	private final AdminDispatch dispatch;

	private final NotificationHistory history;

	private final NotificationQueries queries;

	private final CustomerPreferenceStore preferences;

	private final AdminAudit audit;

	MessageController(AdHocEvents events, AdminDispatch dispatch, NotificationHistory history,
			NotificationQueries queries, CustomerPreferenceStore preferences, AdminAudit audit) {
		this.events = events;
		this.dispatch = dispatch;
		this.history = history;
		this.queries = queries;
		this.preferences = preferences;
		this.audit = audit;
	}

	@PostMapping("/send-message")
	@Operation(summary = "Send a template to a phone number (admin)",
			description = "Builds the template's event from messageType and context and checks it against the event "
					+ "schema. immediate=true sends now and answers with the notification (200, or 202 while it "
					+ "waits for a retry); otherwise the event is published to its Kafka topic (202) and sent like "
					+ "any other. Refused (409) for a customer who opted out of the template's category.")
	ResponseEntity<?> sendMessage(@RequestBody SendMessageRequest request, Caller caller) {
		NotificationEvent event = this.events.fromRequest(request);
		this.audit.admit(caller, "send");
		TemplateType type = TemplateType.of(event);
		refuseIfOptedOut(event.customer().phone(), type, caller, "send");
		String eventId = "admin:" + UUID.randomUUID();
		if (request.sendsNow()) {
			NotificationRecord record = this.dispatch.sendNow(eventId, event, Trigger.ADMIN, null);
			this.audit.record(caller, "send", record.id(), record.status().value(),
					details(eventId, type, record.phone()));
			return answer(record, caller);
		}
		String topic = this.dispatch.publish(eventId, event);
		this.audit.record(caller, "send", eventId, "queued", details(eventId, type, event.customer().phone()));
		URI location = UriComponentsBuilder.fromPath(AdminSecurityConfiguration.API + "/history")
			.queryParam("eventId", eventId)
			.build()
			.toUri();
		return ResponseEntity.accepted()
			.location(location)
			.body(new QueuedView(eventId, event.eventType().ceType(), type.key(), topic, "queued",
					caller.phone(event.customer().phone())));
	}

	@PostMapping("/resend/{messageId}")
	@Operation(summary = "Send a recorded notification again (admin)",
			description = "A new attempt with a new event id (resend:<id>:<n>), linked to the original by resendOf, "
					+ "with the event rebuilt from history. Refused (409) for a customer who opted out, and while "
					+ "the original is still queued or sending.")
	ResponseEntity<?> resend(@PathVariable String messageId,
			@RequestBody(required = false) @Nullable ResendRequest body, Caller caller) {
		NotificationRecord original = this.history.findById(messageId)
			.orElseThrow(() -> AdminProblem.notFound("MESSAGE_NOT_FOUND", "No notification with that id"));
		if (original.status() == NotificationStatus.QUEUED || original.status() == NotificationStatus.SENDING) {
			throw AdminProblem.conflict("IN_PROGRESS",
					"The notification is still " + original.status().value() + "; wait for it to finish");
		}
		NotificationEvent event = this.events.fromRecord(original, (body != null) ? body.customerName() : null);
		this.audit.admit(caller, "resend");
		TemplateType type = TemplateType.of(event);
		refuseIfOptedOut(original.phone(), type, caller, "resend");
		String eventId = "resend:" + original.id() + ":" + (this.queries.countResendsOf(original.id()) + 1);
		NotificationRecord record = this.dispatch.sendNow(eventId, event, Trigger.RESEND, original.id());
		Map<String, Object> details = details(eventId, type, record.phone());
		details.put("resendOf", original.id());
		this.audit.record(caller, "resend", record.id(), record.status().value(), details);
		return answer(record, caller);
	}

	private void refuseIfOptedOut(String phone, TemplateType type, Caller caller, String action) {
		String category = type.category().value();
		boolean optedOut = this.preferences.find(phone)
			.map((preferences) -> preferences.hasOptedOutOf(category))
			.orElse(false);
		if (optedOut) {
			this.audit.record(caller, action, phone, "refused", Map.of("code", "OPTED_OUT", "type", type.key()));
			throw AdminProblem.conflict("OPTED_OUT", "The customer opted out of " + category + " messages");
		}
	}

	private static ResponseEntity<NotificationView> answer(NotificationRecord record, Caller caller) {
		HttpStatus status = (record.status() == NotificationStatus.QUEUED) ? HttpStatus.ACCEPTED : HttpStatus.OK;
		return ResponseEntity.status(status).body(NotificationView.of(record, caller));
	}

	private static Map<String, Object> details(String eventId, TemplateType type, String phone) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("eventId", eventId);
		details.put("type", type.key());
		details.put("phone", phone);
		return details;
	}

	/**
	 * An optional resend body.
	 *
	 * @param customerName the name to greet the customer by, for notifications recorded
	 * without it
	 */
	record ResendRequest(@Nullable String customerName) {
	}

	/**
	 * An ad-hoc send accepted onto Kafka.
	 *
	 * @param eventId the event's id; {@code GET /history?eventId=} finds its notification
	 * @param eventType the CloudEvents type
	 * @param type the template key
	 * @param topic the Kafka topic it was published to
	 * @param status always {@code queued}
	 * @param phone the recipient, masked for viewers
	 */
	record QueuedView(String eventId, String eventType, String type, String topic, String status,
			@Nullable String phone) {
	}

}
