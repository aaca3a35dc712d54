package in.earlybird.notification.admin;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import in.earlybird.events.Customer;
import in.earlybird.notification.TestEvents;
import in.earlybird.notification.TestTokens;
import in.earlybird.notification.admin.AdminCalls.Answer;
import in.earlybird.notification.history.NotificationHistory;
import in.earlybird.notification.history.NotificationRecord;
import in.earlybird.notification.history.NotificationStatus;
import in.earlybird.notification.history.ProviderStatusReports;
import in.earlybird.notification.preferences.CustomerPreferenceStore;
import in.earlybird.notification.sandbox.MyOperatorSandbox;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MyOperator's delivery-status and inbound-message webhooks: authentication, dedupe,
 * out-of-order and unknown deliveries, and STOP/START replies.
 */
@AdminIntegrationTest
class WebhookIntegrationTests {

	private static final String WEBHOOK = AdminCalls.API + "/webhooks/myoperator";

	@Autowired
	MockMvc mvc;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	NotificationHistory history;

	@Autowired
	ProviderStatusReports reports;

	@Autowired
	CustomerPreferenceStore preferences;

	@Autowired
	MyOperatorSandbox sandbox;

	@Autowired
	MeterRegistry meters;

	AdminCalls calls;

	@BeforeEach
	void setUp() {
		this.calls = new AdminCalls(this.mvc);
		this.sandbox.reset();
	}

	@Test
	void acceptsTheApiKeyOrBasicCredentialsAndNothingElse() throws Exception {
		String body = status("message.delivered", UUID.randomUUID().toString(), Instant.now());

		assertThat(deliver(body, null).status()).isEqualTo(401);
		Answer refused = deliver(body, (request) -> request.header("X-Api-Key", "wrong"));
		assertThat(refused.status()).isEqualTo(401);
		assertThat(refused.header(HttpHeaders.WWW_AUTHENTICATE)).isEqualTo("Basic realm=\"myoperator-webhook\"");
		assertThat(refused.json().get("code").asString()).isEqualTo("UNAUTHENTICATED");
		assertThat(deliver(body,
				(request) -> request.header(HttpHeaders.AUTHORIZATION, basic(TestTokens.IT_WEBHOOK_USERNAME, "guess")))
			.status()).isEqualTo(401);
		assertThat(deliver(body, (request) -> request.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.admin()))
			.status()).isEqualTo(401);

		assertThat(deliver(status("message.delivered", "m-" + UUID.randomUUID(), Instant.now()),
				(request) -> request.header(HttpHeaders.AUTHORIZATION,
						basic(TestTokens.IT_WEBHOOK_USERNAME, TestTokens.IT_WEBHOOK_PASSWORD)))
			.status()).isEqualTo(200);
		assertThat(deliver(status("message.delivered", "m-" + UUID.randomUUID(), Instant.now())).status())
			.isEqualTo(200);
	}

	@Test
	void movesAStatusForwardAndNeverBack() throws Exception {
		String messageId = "m-" + UUID.randomUUID();
		String id = seedSent(messageId);
		Instant delivered = Instant.parse("2026-01-27T05:00:01Z");
		Instant read = Instant.parse("2026-01-27T05:03:00Z");

		assertThat(outcome(deliver(status("message.delivered", messageId, delivered)))).isEqualTo("delivered");
		assertThat(outcome(deliver(status("message.read", messageId, read)))).isEqualTo("read");
		assertThat(outcome(deliver(status("message.delivered", messageId, delivered.plusSeconds(600)))))
			.isEqualTo("stale");
		assertThat(outcome(deliver(failed(messageId, "131026", "Message undeliverable")))).isEqualTo("stale");
		assertThat(outcome(deliver(status("message.sent", messageId, delivered)))).isEqualTo("stale");

		NotificationRecord record = this.history.findById(id).orElseThrow();
		assertThat(record.status()).isEqualTo(NotificationStatus.READ);
		assertThat(record.deliveredAt()).isEqualTo(delivered);
		assertThat(record.readAt()).isEqualTo(read);
		assertThat(record.errorCode()).isNull();
	}

	@Test
	void keepsReadWhenDeliveredArrivesLateButRecordsWhenItWasDelivered() throws Exception {
		String messageId = "m-" + UUID.randomUUID();
		String id = seedSent(messageId);
		Instant delivered = Instant.parse("2026-01-27T05:00:01Z");

		assertThat(outcome(deliver(status("message.read", messageId, delivered.plusSeconds(60))))).isEqualTo("read");
		assertThat(outcome(deliver(status("message.delivered", messageId, delivered)))).isEqualTo("stale");

		NotificationRecord record = this.history.findById(id).orElseThrow();
		assertThat(record.status()).isEqualTo(NotificationStatus.READ);
		assertThat(record.deliveredAt()).isEqualTo(delivered);
	}

	@Test
	void recordsAFailureWithWhatsAppsError() throws Exception {
		String messageId = "m-" + UUID.randomUUID();
		String id = seedSent(messageId);

		assertThat(outcome(deliver(failed(messageId, "131026", "Message undeliverable to +919876543210"))))
			.isEqualTo("failed");
		assertThat(outcome(deliver(status("message.delivered", messageId, Instant.now())))).isEqualTo("stale");

		NotificationRecord record = this.history.findById(id).orElseThrow();
		assertThat(record.status()).isEqualTo(NotificationStatus.FAILED);
		assertThat(record.errorCode()).isEqualTo("131026");
		assertThat(record.errorMessage()).contains("Message undeliverable").doesNotContain("+919876543210");
	}

	@Test
	void handlesADuplicateDeliveryOnce() throws Exception {
		String messageId = "m-" + UUID.randomUUID();
		seedSent(messageId);
		String body = status("message.delivered", messageId, Instant.now());
		double before = this.meters.counter("notification.webhook.updates", "status", "duplicate").count();

		assertThat(outcome(deliver(body))).isEqualTo("delivered");
		assertThat(outcome(deliver(body))).isEqualTo("duplicate");
		assertThat(outcome(deliver(body))).isEqualTo("duplicate");

		assertThat(this.meters.counter("notification.webhook.updates", "status", "duplicate").count() - before)
			.isEqualTo(2);
		assertThat(this.meters.get("notification.webhook.last.received").gauge().value())
			.isGreaterThan(Instant.now().minusSeconds(60).getEpochSecond());
	}

	@Test
	void keepsADeliveryForAnUnknownMessageAndAppliesItOnceTheMessageIsRecorded() throws Exception {
		String messageId = "m-" + UUID.randomUUID();
		Instant delivered = Instant.parse("2026-01-27T05:00:01Z");

		assertThat(outcome(deliver(status("message.delivered", messageId, delivered)))).isEqualTo("unmatched");
		Query kept = Query.query(Criteria.where("providerMessageId").is(messageId));
		assertThat(this.mongo.count(kept, ProviderStatusReports.UNMATCHED_COLLECTION)).isOne();

		String id = seedSent(messageId);
		this.reports.reconcile();

		NotificationRecord record = this.history.findById(id).orElseThrow();
		assertThat(record.status()).isEqualTo(NotificationStatus.DELIVERED);
		assertThat(record.deliveredAt()).isEqualTo(delivered);
		assertThat(this.mongo.count(kept, ProviderStatusReports.UNMATCHED_COLLECTION)).isZero();
	}

	@Test
	void updatesTheNotificationAMessageWasSentAs() throws Exception {
		Customer customer = TestEvents.customer();
		JsonNode sent = this.calls
			.post(TestTokens.admin(), AdminCalls.API + "/send-message",
					MessageIntegrationTests.reminder(customer, true))
			.json();

		assertThat(
				outcome(deliver(status("message.delivered", sent.get("providerMessageId").asString(), Instant.now()))))
			.isEqualTo("delivered");

		JsonNode listed = this.calls.get(TestTokens.viewer(), AdminCalls.API + "/history/" + customer.phone()).json();
		assertThat(listed.get("items").get(0).get("status").asString()).isEqualTo("delivered");
		assertThat(listed.get("items").get(0).get("deliveredAt").asString()).isNotBlank();
	}

	@Test
	void optsOutOfPromotionalMessagesOnStopAndBackInOnStart() throws Exception {
		Customer customer = TestEvents.customer();
		String identifier = customer.phone().substring(1);

		assertThat(outcome(deliver(inbound(identifier, " Stop.")))).isEqualTo("opt_out");
		assertThat(this.preferences.find(customer.phone()).orElseThrow().optedOut()).containsExactly("promotional");
		assertThat(this.preferences.find(customer.phone()).orElseThrow().updatedBy()).isEqualTo("whatsapp");

		assertThat(outcome(deliver(inbound(identifier, "START")))).isEqualTo("opt_in");
		assertThat(this.preferences.find(customer.phone()).orElseThrow().optedOut()).isEmpty();

		assertThat(outcome(deliver(inbound(identifier, "UNSUBSCRIBE")))).isEqualTo("opt_out");
		assertThat(outcome(deliver(inbound(identifier, "please stop the milk tomorrow")))).isEqualTo("ignored");
		assertThat(this.preferences.find(customer.phone()).orElseThrow().optedOut()).containsExactly("promotional");
	}

	@Test
	void refusesWhatIsNotAWebhookDelivery() throws Exception {
		Answer notJson = deliver("{not json");
		assertThat(notJson.status()).isEqualTo(400);
		assertThat(notJson.json().get("errors").get(0).get("field").asString()).isEqualTo("body");

		Answer noId = deliver("{\"event_type\": \"message.delivered\", \"payload\": {\"id\": \"x\"}}");
		assertThat(noId.status()).isEqualTo(400);
		assertThat(noId.json().get("errors").get(0).get("field").asString()).isEqualTo("event_id");

		String eventId = UUID.randomUUID().toString();
		Answer noMessageId = deliver("""
				{"event_id": "%s", "event_type": "message.delivered", "payload": {"status": "delivered"}}
				""".formatted(eventId));
		assertThat(noMessageId.status()).isEqualTo(400);
		assertThat(noMessageId.json().get("errors").get(0).get("field").asString()).isEqualTo("payload.id");
		// Not handled, so not remembered: a corrected retry is handled.
		assertThat(this.mongo.count(Query.query(Criteria.where("_id").is(eventId)), WebhookEventLog.COLLECTION))
			.isZero();
	}

	private String seedSent(String messageId) {
		return new SeededHistory(this.mongo)
			.record(TestEvents.customer().phone(), "delivery_reminder", "sent", Instant.now().toString())
			.sent(messageId)
			.save();
	}

	private Answer deliver(String body) throws Exception {
		return deliver(body, (request) -> request.header("X-Api-Key", TestTokens.IT_WEBHOOK_API_KEY));
	}

	private Answer deliver(String body, java.util.function.UnaryOperator<MockHttpServletRequestBuilder> auth)
			throws Exception {
		MockHttpServletRequestBuilder request = MockMvcRequestBuilders.post(WEBHOOK)
			.contentType(MediaType.APPLICATION_JSON)
			.content(body);
		if (auth != null) {
			auth.apply(request);
		}
		return this.calls.perform(null, request);
	}

	private static String outcome(Answer answer) throws Exception {
		assertThat(answer.status()).as(answer.text()).isEqualTo(200);
		return answer.json().get("outcome").asString();
	}

	static String status(String eventType, String messageId, Instant at) {
		return """
				{"event_id": "%s", "company_id": "earlybird-test", "event_type": "%s", "event_sequence": 1,
				 "event_version": "2", "timestamp": "%s", "channel": "whatsapp", "direction": "outbound",
				 "session_id": "s-1", "system_identifier": "pn-100200300", "customer_identifier": "919800000000",
				 "payload": {"id": "%s", "status": "%s"}}
				""".formatted(UUID.randomUUID(), eventType, at, messageId, eventType.substring(8));
	}

	static String failed(String messageId, String code, String message) {
		return """
				{"event_id": "%s", "event_type": "message.failed", "timestamp": "%s",
				 "customer_identifier": "919800000000",
				 "payload": {"id": "%s", "status": "failed", "error": {"code": "%s", "message": "%s"}}}
				""".formatted(UUID.randomUUID(), Instant.now(), messageId, code, message);
	}

	static String inbound(String customerIdentifier, String text) {
		return """
				{"event_id": "%s", "event_type": "message.received", "timestamp": "2026-01-27T10:30:00.123456789+05:30",
				 "direction": "inbound", "customer_identifier": "%s",
				 "payload": {"id": "in-%s", "status": "received", "data": {"type": "text", "context": {"body": "%s"}}}}
				""".formatted(UUID.randomUUID(), customerIdentifier, UUID.randomUUID(), text);
	}

	private static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

}
