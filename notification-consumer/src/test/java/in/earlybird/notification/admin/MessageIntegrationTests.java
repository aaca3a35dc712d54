package in.earlybird.notification.admin;

import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;

import in.earlybird.events.Customer;
import in.earlybird.events.EventType;
import in.earlybird.events.PhoneNumber;
import in.earlybird.notification.TestEvents;
import in.earlybird.notification.TestTokens;
import in.earlybird.notification.TestTopics;
import in.earlybird.notification.admin.AdminCalls.Answer;
import in.earlybird.notification.history.NotificationHistory;
import in.earlybird.notification.history.NotificationRecord;
import in.earlybird.notification.history.NotificationStatus;
import in.earlybird.notification.preferences.CustomerPreferenceStore;
import in.earlybird.notification.sandbox.MyOperatorSandbox;
import in.earlybird.notification.sandbox.SandboxMode;
import in.earlybird.notification.shared.India;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code POST /send-message} and {@code POST /resend/{id}} through the real dispatcher,
 * broker, MongoDB and MyOperator sandbox.
 */
@AdminIntegrationTest
class MessageIntegrationTests {

	private static final String API = AdminCalls.API;

	@Autowired
	MockMvc mvc;

	@Autowired
	MyOperatorSandbox sandbox;

	@Autowired
	CustomerPreferenceStore preferences;

	@Autowired
	NotificationHistory history;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	TestTopics topics;

	AdminCalls calls;

	@BeforeEach
	void setUp() {
		this.calls = new AdminCalls(this.mvc);
		this.sandbox.reset();
	}

	@Test
	void sendsImmediatelyAndAnswersWithTheRecordedNotification() throws Exception {
		Customer customer = TestEvents.customer();
		Answer answer = this.calls.post(TestTokens.admin(), API + "/send-message", reminder(customer, true));

		assertThat(answer.status()).isEqualTo(200);
		JsonNode body = answer.json();
		assertThat(body.get("status").asString()).isEqualTo("sent");
		assertThat(body.get("phone").asString()).isEqualTo(customer.phone());
		assertThat(body.get("type").asString()).isEqualTo("delivery_reminder");
		assertThat(body.get("eventId").asString()).startsWith("admin:");
		assertThat(body.get("timestamp").asString()).isNotBlank();
		assertThat(body.get("message").asString()).contains("Asha");
		String id = body.get("id").asString();
		assertThat(this.sandbox.receivedFor(id)).singleElement().satisfies((message) -> {
			assertThat(message.templateName()).isEqualTo("delivery_reminder");
			assertThat(message.number()).isEqualTo(PhoneNumber.parse(customer.phone()).nationalNumber());
			assertThat(body.get("providerMessageId").asString()).isEqualTo(message.messageId());
		});
		NotificationRecord record = this.history.findById(id).orElseThrow();
		assertThat(record.attempts()).singleElement()
			.satisfies((attempt) -> assertThat(attempt.trigger()).isEqualTo("admin"));
		assertThat(this.mongo.count(Query.query(Criteria.where("action").is("send").and("target").is(id)),
				AuditEntry.COLLECTION))
			.isOne();
	}

	@Test
	void queuesThroughKafkaWhenNotImmediate() throws Exception {
		Customer customer = TestEvents.customer();
		Answer answer = this.calls.post(TestTokens.admin(), API + "/send-message", reminder(customer, false));

		assertThat(answer.status()).isEqualTo(202);
		JsonNode body = answer.json();
		assertThat(body.get("status").asString()).isEqualTo("queued");
		assertThat(body.get("topic").asString()).isEqualTo(this.topics.of(EventType.DELIVERY_SCHEDULED));
		String eventId = body.get("eventId").asString();
		assertThat(answer.header(HttpHeaders.LOCATION)).endsWith("/history?eventId=" + eventId);
		await().atMost(20, TimeUnit.SECONDS)
			.until(() -> this.history.findByEventId(eventId)
				.stream()
				.anyMatch((record) -> record.status() == NotificationStatus.SENT));
		JsonNode listed = this.calls.get(TestTokens.admin(), API + "/history?eventId=" + eventId).json();
		assertThat(listed.get("items")).singleElement()
			.satisfies((item) -> assertThat(item.get("status").asString()).isEqualTo("sent"));
	}

	@Test
	void namesEveryMissingOrInvalidFieldInAProblem() throws Exception {
		Answer missing = this.calls.post(TestTokens.admin(), API + "/send-message",
				"{\"phone\": \"+91512\", \"message_type\": \"teleport\"}");
		assertThat(missing.status()).isEqualTo(400);
		assertThat(missing.header(HttpHeaders.CONTENT_TYPE)).startsWith("application/problem+json");
		assertThat(fields(missing.json())).containsExactly("phone", "messageType", "customerName");
		assertThat(missing.text()).doesNotContain("+91512").doesNotContain("Exception").doesNotContain("at in.");

		Answer badContext = this.calls.post(TestTokens.admin(), API + "/send-message", """
				{"phone": "+919812345678", "message_type": "delivery_reminder", "immediate": true,
				 "context": {"customer_name": "Asha", "delivery_date": "Jan 28", "area": "Bandra"}}
				""");
		assertThat(badContext.status()).isEqualTo(400);
		assertThat(fields(badContext.json())).contains("context.deliveryDate", "context.deliveryId", "context.slot",
				"context.product");

		Answer both = this.calls.post(TestTokens.admin(), API + "/send-message",
				"""
						{"phone": "12345", "message_type": "delivery_reminder", "context": {"customer_name": "Asha",
						 "delivery_id": "del-1", "delivery_date": "28 Jan", "slot": "6-8 AM", "area": "Bandra", "product": "Milk"}}
						""");
		assertThat(fields(both.json())).containsExactly("phone", "context.deliveryDate");

		Answer notJson = this.calls.post(TestTokens.admin(), API + "/send-message", "{\"phone\": ");
		assertThat(notJson.status()).isEqualTo(400);
		assertThat(notJson.json().get("code").asString()).isEqualTo("INVALID_REQUEST");

		Answer wrongType = this.calls.post(TestTokens.admin(), API + "/send-message",
				"{\"phone\": \"+919812345678\", \"immediate\": \"soon\"}");
		assertThat(wrongType.status()).isEqualTo(400);
		assertThat(fields(wrongType.json())).containsExactly("immediate");
	}

	@Test
	void answersTheOriginalPlansFirstTestWithOnePlainErrorPerField() throws Exception {
		Answer answer = this.calls.post(TestTokens.admin(), API + "/send-message", """
				{"phone": "+919876543210", "message_type": "delivery_reminder", "immediate": true,
				 "context": {"customer_name": "John", "delivery_date": "Jan 28", "area": "Bandra"}}
				""");

		assertThat(answer.status()).isEqualTo(400);
		String needs = "delivery_reminder needs deliveryId, deliveryDate, slot, area and product";
		assertThat(errors(answer.json())).containsExactly(
				"context.deliveryId: is required: expected text of 1 to 64 characters like DEL-20260128-0042 (" + needs
						+ ")",
				"context.deliveryDate: expected a date like 2026-12-31",
				"context.slot: is required: expected text of 1 to 40 characters like 6-8 AM (" + needs + ")",
				"context.product: is required: expected text of 1 to 200 characters like Toned Milk 500 ml (" + needs
						+ ")");
	}

	@Test
	void saysWhatEachMessageTypeExpectsOfAWrongValue() throws Exception {
		Answer churn = this.calls.post(TestTokens.admin(), API + "/send-message", """
				{"phone": "+919876543210", "messageType": "churn_risk", "customerName": "Asha",
				 "context": {"offerPercent": "25%", "offerCode": 25, "offer_valid_until": "2026-12-31"}}
				""");
		assertThat(errors(churn.json())).containsExactly("context.offerPercent: expected a whole number from 1 to 100",
				"context.offerCode: expected text of 1 to 32 characters like COMEBACK20",
				"context.offerValidUntil: is not used by churn_risk, which needs offerPercent and offerCode");

		Answer payment = this.calls.post(TestTokens.admin(), API + "/send-message", """
				{"phone": "+919876543210", "messageType": "payment_confirmation", "customerName": "Asha",
				 "context": {"paymentId": "PAY-1", "billId": "BILL-1", "amount": "2500.505", "method": "CHEQUE"}}
				""");
		assertThat(errors(payment.json())).containsExactly(
				"context.amount: expected an amount in rupees like 2500.00 (at most two decimals)",
				"context.method: expected one of UPI, CARD, NET_BANKING, CASH or WALLET");

		Answer delayed = this.calls.post(TestTokens.admin(), API + "/send-message", """
				{"phone": "+919876543210", "messageType": "delivery_delayed", "customerName": "Asha",
				 "context": {"deliveryId": "DEL-1", "newEta": "2026-12-31 09:30", "reason": "rain"}}
				""");
		assertThat(errors(delayed.json()))
			.containsExactly("context.newEta: expected a date-time with its offset like 2026-12-31T07:30:00+05:30");
		assertThat(delayed.json().get("detail").asString())
			.isEqualTo("context.newEta: expected a date-time with its offset like 2026-12-31T07:30:00+05:30");
	}

	@Test
	void refusesToSendToACustomerWhoOptedOut() throws Exception {
		Customer customer = TestEvents.customer();
		this.preferences.optOut(customer.phone(), customer.id(), "promotional", "test");
		Answer answer = this.calls.post(TestTokens.admin(), API + "/send-message", """
				{"phone": "%s", "messageType": "churn_risk", "immediate": true, "customerName": "Asha",
				 "context": {"offerPercent": 25, "offerCode": "COMEBACK25"}}
				""".formatted(customer.phone()));

		assertThat(answer.status()).isEqualTo(409);
		assertThat(answer.json().get("code").asString()).isEqualTo("OPTED_OUT");
		assertThat(this.sandbox.received())
			.noneMatch((message) -> message.number().equals(PhoneNumber.parse(customer.phone()).nationalNumber()));
	}

	@Test
	void putsAnImmediateSendTheProviderCannotTakeOnTheDelayTopic() throws Exception {
		Customer customer = TestEvents.customer();
		// Four calls per attempt (the first and three in-process retries) all fail.
		this.sandbox.failFor(PhoneNumber.parse(customer.phone()).nationalNumber(), 4, SandboxMode.HTTP_503);
		Answer answer = this.calls.post(TestTokens.admin(), API + "/send-message", reminder(customer, true));

		assertThat(answer.status()).isEqualTo(202);
		JsonNode body = answer.json();
		assertThat(body.get("status").asString()).isEqualTo("queued");
		assertThat(body.get("retryCount").asInt()).isEqualTo(1);
		String id = body.get("id").asString();
		await().atMost(20, TimeUnit.SECONDS)
			.until(() -> this.history.findById(id).orElseThrow().status() == NotificationStatus.SENT);
		assertThat(this.sandbox.receivedFor(id)).hasSize(1);
	}

	@Test
	void resendsAsANewAttemptLinkedToTheOriginal() throws Exception {
		Customer customer = TestEvents.customer();
		String original = this.calls.post(TestTokens.admin(), API + "/send-message", reminder(customer, true))
			.json()
			.get("id")
			.asString();

		Answer first = this.calls.post(TestTokens.admin(), API + "/resend/" + original, "");
		Answer second = this.calls.post(TestTokens.admin(), API + "/resend/" + original, "");

		assertThat(first.status()).isEqualTo(200);
		JsonNode resent = first.json();
		assertThat(resent.get("id").asString()).isNotEqualTo(original);
		assertThat(resent.get("resendOf").asString()).isEqualTo(original);
		assertThat(resent.get("eventId").asString()).isEqualTo("resend:" + original + ":1");
		assertThat(resent.get("status").asString()).isEqualTo("sent");
		assertThat(second.json().get("eventId").asString()).isEqualTo("resend:" + original + ":2");
		String national = PhoneNumber.parse(customer.phone()).nationalNumber();
		assertThat(this.sandbox.received()).filteredOn((message) -> message.number().equals(national)).hasSize(3);
		NotificationRecord record = this.history.findById(resent.get("id").asString()).orElseThrow();
		assertThat(record.attempts()).singleElement()
			.satisfies((attempt) -> assertThat(attempt.trigger()).isEqualTo("resend"));
	}

	@Test
	void refusesToResendToACustomerWhoOptedOutAndAnswers404ForAnUnknownMessage() throws Exception {
		Customer customer = TestEvents.customer();
		String original = this.calls.post(TestTokens.admin(), API + "/send-message", reminder(customer, true))
			.json()
			.get("id")
			.asString();
		this.preferences.optOut(customer.phone(), customer.id(), "transactional", "test");

		Answer refused = this.calls.post(TestTokens.admin(), API + "/resend/" + original, "");
		Answer unknown = this.calls.post(TestTokens.admin(), API + "/resend/no-such-id", "");

		assertThat(refused.status()).isEqualTo(409);
		assertThat(refused.json().get("code").asString()).isEqualTo("OPTED_OUT");
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.json().get("code").asString()).isEqualTo("MESSAGE_NOT_FOUND");
	}

	@Test
	void rateLimitsSensitiveActionsPerCaller() throws Exception {
		Customer customer = TestEvents.customer();
		this.preferences.optOut(customer.phone(), customer.id(), "promotional", "test");
		String busy = TestTokens.token(TestTokens.IT_SECRET, "busy@earlybird.in", List.of("admin"),
				java.time.Duration.ofHours(1));
		String churn = """
				{"phone": "%s", "messageType": "churn_risk", "customerName": "Asha",
				 "context": {"offerPercent": 25, "offerCode": "COMEBACK25"}}
				""".formatted(customer.phone());
		int admitted = 0;
		Answer last = this.calls.post(busy, API + "/send-message", churn);
		while (last.status() == 409 && admitted < 40) {
			admitted++;
			last = this.calls.post(busy, API + "/send-message", churn);
		}
		assertThat(admitted).isEqualTo(30);
		assertThat(last.status()).isEqualTo(429);
		assertThat(last.header(HttpHeaders.RETRY_AFTER)).isNotBlank();
		assertThat(last.json().get("code").asString()).isEqualTo("RATE_LIMITED");
		assertThat(this.calls.post(TestTokens.admin(), API + "/send-message", churn).status()).isEqualTo(409);
	}

	static String reminder(Customer customer, boolean immediate) {
		LocalDate tomorrow = LocalDate.now(India.ZONE).plusDays(1);
		return """
				{"phone": "%s", "message_type": "delivery_reminder", "immediate": %s, "customer_id": "%s",
				 "context": {"customer_name": "Asha", "delivery_id": "del-9", "delivery_date": "%s",
				             "slot": "6-8 AM", "area": "Bandra West", "product": "Toned Milk 500 ml"}}
				""".formatted(customer.phone(), immediate, customer.id(), tomorrow);
	}

	static List<String> errors(JsonNode problem) {
		return problem.get("errors")
			.valueStream()
			.map((error) -> error.get("field").asString() + ": " + error.get("message").asString())
			.toList();
	}

	static List<String> fields(JsonNode problem) {
		return problem.get("errors").valueStream().map((error) -> error.get("field").asString()).toList();
	}

}
