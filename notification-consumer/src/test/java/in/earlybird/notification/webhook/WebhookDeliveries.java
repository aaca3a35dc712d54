package in.earlybird.notification.webhook;

import java.time.Instant;
import java.util.UUID;

/** MyOperator Webhooks v2 deliveries as MyOperator sends them, for tests. */
public final class WebhookDeliveries {

	private WebhookDeliveries() {
	}

	/**
	 * A status report for one of our sends.
	 * @param eventType e.g. {@code message.delivered}
	 * @param messageId MyOperator's message id
	 * @param at when it happened
	 * @return the body
	 */
	public static String status(String eventType, String messageId, Instant at) {
		return """
				{"event_id": "%s", "company_id": "earlybird-test", "event_type": "%s", "event_sequence": 1,
				 "event_version": "2", "timestamp": "%s", "channel": "whatsapp", "direction": "outbound",
				 "session_id": "s-1", "system_identifier": "pn-100200300", "customer_identifier": "919800000000",
				 "payload": {"id": "%s", "status": "%s"}}
				""".formatted(UUID.randomUUID(), eventType, at, messageId, eventType.substring(8));
	}

	/**
	 * A failure report with WhatsApp's error.
	 * @param messageId MyOperator's message id
	 * @param code the error code
	 * @param message the error message
	 * @return the body
	 */
	public static String failed(String messageId, String code, String message) {
		return """
				{"event_id": "%s", "event_type": "message.failed", "timestamp": "%s",
				 "customer_identifier": "919800000000",
				 "payload": {"id": "%s", "status": "failed", "error": {"code": "%s", "message": "%s"}}}
				""".formatted(UUID.randomUUID(), Instant.now(), messageId, code, message);
	}

	/**
	 * A customer's reply.
	 * @param customerIdentifier the customer's number without {@code +}
	 * @param text what they wrote
	 * @return the body
	 */
	public static String inbound(String customerIdentifier, String text) {
		return """
				{"event_id": "%s", "event_type": "message.received", "timestamp": "2026-01-27T10:30:00.123456789+05:30",
				 "direction": "inbound", "customer_identifier": "%s",
				 "payload": {"id": "in-%s", "status": "received", "data": {"type": "text", "context": {"body": "%s"}}}}
				""".formatted(UUID.randomUUID(), customerIdentifier, UUID.randomUUID(), text);
	}

}
