package in.earlybird.notification.webhook;

import java.time.Instant;

import in.earlybird.notification.history.NotificationStatus;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class MyOperatorWebhookTests {

	private final JsonMapper json = JsonMapper.builder().build();

	@Test
	void readsTheEnvelopeWithANanosecondTimestamp() {
		MyOperatorWebhook webhook = parse("""
				{"event_id": "e-1", "event_type": "message.read", "timestamp": "2026-01-27T10:30:05.123456789+05:30",
				 "customer_identifier": "919876543210", "payload": {"id": "m-1"}}
				""");

		assertThat(webhook.deliveryStatus()).hasValue(NotificationStatus.READ);
		assertThat(webhook.messageId()).isEqualTo("m-1");
		assertThat(webhook.timestamp()).isEqualTo(Instant.parse("2026-01-27T05:00:05.123456789Z"));
	}

	@Test
	void readsAGenericStatusEventByItsPayloadStatus() {
		assertThat(parse("""
				{"event_id": "e-1", "event_type": "message.status", "payload": {"id": "m-1", "status": "DELIVERED"}}
				""").deliveryStatus()).hasValue(NotificationStatus.DELIVERED);
		assertThat(parse("""
				{"event_id": "e-1", "event_type": "message.received", "payload": {"id": "m-1", "status": "received"}}
				""").deliveryStatus()).isEmpty();
	}

	@Test
	void readsTheErrorOfAFailureInEveryShapeSeen() {
		assertThat(parse("""
				{"event_id": "e", "event_type": "message.failed", "payload": {"id": "m",
				 "error": {"code": 131026, "message": "Message undeliverable"}}}
				""").errorCode()).isEqualTo("131026");
		MyOperatorWebhook meta = parse("""
				{"event_id": "e", "event_type": "message.failed", "payload": {"id": "m",
				 "errors": [{"code": 132001, "title": "Template does not exist"}]}}
				""");
		assertThat(meta.errorCode()).isEqualTo("132001");
		assertThat(meta.errorMessage()).isEqualTo("Template does not exist");
		MyOperatorWebhook flat = parse("""
				{"event_id": "e", "event_type": "message.failed", "payload": {"id": "m", "error_code": "131047",
				 "reason": "Re-engagement message"}}
				""");
		assertThat(flat.errorCode()).isEqualTo("131047");
		assertThat(flat.errorMessage()).isEqualTo("Re-engagement message");
	}

	@Test
	void readsTheTextOfAnInboundMessage() {
		assertThat(parse("""
				{"event_id": "e", "event_type": "message.received",
				 "payload": {"id": "m", "data": {"type": "text", "context": {"body": "STOP"}}}}
				""").inboundText()).isEqualTo("STOP");
	}

	@Test
	void namesTheMissingEnvelopeField() {
		assertThatExceptionOfType(MalformedWebhookException.class)
			.isThrownBy(() -> parse("{\"event_type\": \"message.read\", \"payload\": {}}"))
			.satisfies((problem) -> assertThat(problem.field()).isEqualTo("event_id"));
		assertThatExceptionOfType(MalformedWebhookException.class)
			.isThrownBy(() -> parse("{\"event_id\": \"e\", \"event_type\": \"message.read\"}"))
			.satisfies((problem) -> assertThat(problem.field()).isEqualTo("payload"));
	}

	private MyOperatorWebhook parse(String body) {
		return MyOperatorWebhook.parse(this.json.readTree(body));
	}

}
