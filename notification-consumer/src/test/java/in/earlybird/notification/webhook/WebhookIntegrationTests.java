package in.earlybird.notification.webhook;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.UUID;
import java.util.function.UnaryOperator;

import in.earlybird.events.Customer;
import in.earlybird.notification.NotificationIntegrationTest;
import in.earlybird.notification.SeededHistory;
import in.earlybird.notification.TestEvents;
import in.earlybird.notification.TestTokens;
import in.earlybird.notification.history.NotificationHistory;
import in.earlybird.notification.history.NotificationRecord;
import in.earlybird.notification.history.NotificationStatus;
import in.earlybird.notification.history.ProviderStatusReports;
import in.earlybird.notification.preferences.CustomerPreferenceStore;
import in.earlybird.notification.sandbox.MyOperatorSandbox;
import in.earlybird.notification.shared.India;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import static in.earlybird.notification.webhook.WebhookDeliveries.failed;
import static in.earlybird.notification.webhook.WebhookDeliveries.inbound;
import static in.earlybird.notification.webhook.WebhookDeliveries.status;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * MyOperator's delivery-status and inbound-message webhooks: authentication, dedupe,
 * out-of-order and unknown deliveries, and STOP/START replies.
 */
@NotificationIntegrationTest
@AutoConfigureMockMvc
class WebhookIntegrationTests {

	private static final String WEBHOOK = "/api/notifications/webhooks/myoperator";

	private static final JsonMapper JSON = JsonMapper.builder().build();

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

	@BeforeEach
	void setUp() {
		this.sandbox.reset();
	}

	@Test
	void acceptsTheApiKeyOrBasicCredentialsAndNothingElse() throws Exception {
		String body = status("message.delivered", UUID.randomUUID().toString(), Instant.now());

		assertThat(deliver(body, null).getStatus()).isEqualTo(401);
		MockHttpServletResponse refused = deliver(body, (request) -> request.header("X-Api-Key", "wrong"));
		assertThat(refused.getStatus()).isEqualTo(401);
		assertThat(refused.getHeader(HttpHeaders.WWW_AUTHENTICATE)).isEqualTo("Basic realm=\"myoperator-webhook\"");
		assertThat(json(refused).get("code").asString()).isEqualTo("UNAUTHENTICATED");
		assertThat(deliver(body,
				(request) -> request.header(HttpHeaders.AUTHORIZATION, basic(TestTokens.IT_WEBHOOK_USERNAME, "guess")))
			.getStatus()).isEqualTo(401);
		MockHttpServletResponse bearer = deliver(body,
				(request) -> request.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.admin()));
		assertThat(bearer.getStatus()).isEqualTo(401);
		assertThat(json(bearer).get("code").asString()).isEqualTo("UNAUTHENTICATED");

		assertThat(deliver(status("message.delivered", "m-" + UUID.randomUUID(), Instant.now()),
				(request) -> request.header(HttpHeaders.AUTHORIZATION,
						basic(TestTokens.IT_WEBHOOK_USERNAME, TestTokens.IT_WEBHOOK_PASSWORD)))
			.getStatus()).isEqualTo(200);
		assertThat(deliver(status("message.delivered", "m-" + UUID.randomUUID(), Instant.now())).getStatus())
			.isEqualTo(200);
	}

	@Test
	void readsNoBearerTokenSoAStaleOneSentAlongIsIgnored() throws Exception {
		String body = status("message.delivered", "m-" + UUID.randomUUID(), Instant.now());

		MockHttpServletResponse answer = deliver(body,
				(request) -> request.header("X-Api-Key", TestTokens.IT_WEBHOOK_API_KEY)
					.header(HttpHeaders.AUTHORIZATION, "Bearer not-a-token"));

		assertThat(answer.getStatus()).isEqualTo(200);
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
		JsonNode sent = json(this.mvc
			.perform(MockMvcRequestBuilders.post("/api/notifications/send-message")
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.admin())
				.contentType(MediaType.APPLICATION_JSON)
				.content("""
						{"phone": "%s", "messageType": "delivery_reminder", "immediate": true, "customerName": "Asha",
						 "context": {"deliveryId": "del-9", "deliveryDate": "%s", "slot": "6-8 AM",
						             "area": "Bandra West", "product": "Toned Milk 500 ml"}}
						""".formatted(customer.phone(), LocalDate.now(India.ZONE).plusDays(1))))
			.andReturn()
			.getResponse());

		assertThat(
				outcome(deliver(status("message.delivered", sent.get("providerMessageId").asString(), Instant.now()))))
			.isEqualTo("delivered");

		NotificationRecord record = this.history.findById(sent.get("id").asString()).orElseThrow();
		assertThat(record.status()).isEqualTo(NotificationStatus.DELIVERED);
		assertThat(record.deliveredAt()).isNotNull();
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
		MockHttpServletResponse notJson = deliver("{not json");
		assertThat(notJson.getStatus()).isEqualTo(400);
		assertThat(notJson.getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		assertThat(json(notJson).get("code").asString()).isEqualTo("INVALID_REQUEST");
		assertThat(json(notJson).get("errors").get(0).get("field").asString()).isEqualTo("body");

		MockHttpServletResponse noId = deliver("{\"event_type\": \"message.delivered\", \"payload\": {\"id\": \"x\"}}");
		assertThat(noId.getStatus()).isEqualTo(400);
		assertThat(json(noId).get("detail").asString()).isEqualTo("event_id: is required");
		assertThat(json(noId).get("errors").get(0).get("field").asString()).isEqualTo("event_id");

		String eventId = UUID.randomUUID().toString();
		MockHttpServletResponse noMessageId = deliver("""
				{"event_id": "%s", "event_type": "message.delivered", "payload": {"status": "delivered"}}
				""".formatted(eventId));
		assertThat(noMessageId.getStatus()).isEqualTo(400);
		assertThat(json(noMessageId).get("errors").get(0).get("field").asString()).isEqualTo("payload.id");
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

	private MockHttpServletResponse deliver(String body) throws Exception {
		return deliver(body, (request) -> request.header("X-Api-Key", TestTokens.IT_WEBHOOK_API_KEY));
	}

	private MockHttpServletResponse deliver(String body, UnaryOperator<MockHttpServletRequestBuilder> auth)
			throws Exception {
		MockHttpServletRequestBuilder request = MockMvcRequestBuilders.post(WEBHOOK)
			.contentType(MediaType.APPLICATION_JSON)
			.content(body);
		if (auth != null) {
			auth.apply(request);
		}
		return this.mvc.perform(request).andReturn().getResponse();
	}

	private static String outcome(MockHttpServletResponse answer) throws Exception {
		assertThat(answer.getStatus()).as(answer.getContentAsString()).isEqualTo(200);
		return json(answer).get("outcome").asString();
	}

	private static JsonNode json(MockHttpServletResponse answer) throws Exception {
		return JSON.readTree(answer.getContentAsString());
	}

	private static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

}
