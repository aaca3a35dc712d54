package in.earlybird.notification.admin;

import java.time.LocalTime;
import java.util.concurrent.TimeUnit;

import in.earlybird.events.CloudEvent;
import in.earlybird.events.Customer;
import in.earlybird.events.EventType;
import in.earlybird.events.NotificationEvent;
import in.earlybird.events.PhoneNumber;
import in.earlybird.notification.TestEvents;
import in.earlybird.notification.TestTokens;
import in.earlybird.notification.TestTopics;
import in.earlybird.notification.admin.AdminCalls.Answer;
import in.earlybird.notification.delivery.NotificationDispatcher;
import in.earlybird.notification.history.NotificationHistory;
import in.earlybird.notification.history.NotificationRecord;
import in.earlybird.notification.history.NotificationStatus;
import in.earlybird.notification.shared.India;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code GET} and {@code PUT /preferences/{phone}}, and quiet hours honoured by the
 * pipeline.
 */
@AdminIntegrationTest
class PreferencesIntegrationTests {

	private static final String PREFERENCES = AdminCalls.API + "/preferences/";

	@Autowired
	MockMvc mvc;

	@Autowired
	KafkaTemplate<String, byte[]> kafka;

	@Autowired
	TestTopics topics;

	@Autowired
	NotificationHistory history;

	AdminCalls calls;

	@BeforeEach
	void setUp() {
		this.calls = new AdminCalls(this.mvc);
	}

	@Test
	void showsEveryCategoryAllowedForACustomerWhoNeverChose() throws Exception {
		String phone = TestEvents.customer().phone();
		JsonNode preferences = this.calls.get(TestTokens.admin(), PREFERENCES + phone).json();

		assertThat(preferences.get("phone").asString()).isEqualTo(phone);
		assertThat(preferences.get("optedOut")).isEmpty();
		assertThat(preferences.has("quietHours")).isFalse();
	}

	@Test
	void replacesOptOutsAndQuietHoursAndShowsViewersAMaskedNumber() throws Exception {
		String phone = TestEvents.customer().phone();
		Answer saved = this.calls.put(TestTokens.admin(), PREFERENCES + phone, """
				{"optedOut": ["Promotional"], "quietHours": {"start": "22:00", "end": "08:00"}, "customerId": "cust-7"}
				""");

		assertThat(saved.status()).isEqualTo(200);
		JsonNode seen = this.calls.get(TestTokens.viewer(), PREFERENCES + phone).json();
		assertThat(seen.get("phone").asString()).isEqualTo(PhoneNumber.mask(phone));
		assertThat(seen.get("optedOut").valueStream().map(JsonNode::asString)).containsExactly("promotional");
		assertThat(seen.get("quietHours").get("start").asString()).isEqualTo("22:00");
		assertThat(seen.get("quietHours").get("end").asString()).isEqualTo("08:00");
		assertThat(seen.get("updatedBy").asString()).isEqualTo("asha@earlybird.in");
		assertThat(seen.get("customerId").asString()).isEqualTo("cust-7");

		this.calls.put(TestTokens.admin(), PREFERENCES + phone, "{\"optedOut\": []}");
		JsonNode cleared = this.calls.get(TestTokens.viewer(), PREFERENCES + phone).json();
		assertThat(cleared.get("optedOut")).isEmpty();
		assertThat(cleared.has("quietHours")).isFalse();
	}

	@Test
	void namesEveryInvalidField() throws Exception {
		Answer refused = this.calls.put(TestTokens.admin(), PREFERENCES + TestEvents.customer().phone(), """
				{"optedOut": ["promotional", "spam"], "quietHours": {"start": "10pm", "end": "08:00"}}
				""");

		assertThat(refused.status()).isEqualTo(400);
		assertThat(MessageIntegrationTests.fields(refused.json())).containsExactly("optedOut[1]", "quietHours.start");
		assertThat(this.calls.put(TestTokens.admin(), PREFERENCES + "12", "{}")
			.json()
			.get("errors")
			.get(0)
			.get("field")
			.asString()).isEqualTo("phone");
	}

	@Test
	void holdsAPromotionalMessageBackDuringQuietHoursAndSendsItAfter() throws Exception {
		Customer customer = TestEvents.customer();
		LocalTime now = LocalTime.now(India.ZONE);
		String start = now.minusHours(1).withMinute(0).toString().substring(0, 5);
		String end = now.plusHours(2).withMinute(0).toString().substring(0, 5);
		this.calls.put(TestTokens.admin(), PREFERENCES + customer.phone(), """
				{"optedOut": [], "quietHours": {"start": "%s", "end": "%s"}}
				""".formatted(start, end));
		NotificationEvent offer = TestEvents.oneOfEach(customer).get(EventType.CHURN_RISK_DETECTED.ordinal());
		NotificationEvent order = TestEvents.oneOfEach(customer).get(EventType.ORDER_CREATED.ordinal());
		CloudEvent<NotificationEvent> held = TestEvents.envelope(offer);
		CloudEvent<NotificationEvent> transactional = TestEvents.envelope(order);
		this.kafka.send(TestEvents.binary(this.topics.of(EventType.CHURN_RISK_DETECTED), held))
			.get(10, TimeUnit.SECONDS);
		this.kafka.send(TestEvents.binary(this.topics.of(EventType.ORDER_CREATED), transactional))
			.get(10, TimeUnit.SECONDS);

		await().atMost(20, TimeUnit.SECONDS).until(() -> status(transactional.id()) == NotificationStatus.SENT);
		await().atMost(20, TimeUnit.SECONDS).until(() -> status(held.id()) == NotificationStatus.QUEUED);
		NotificationRecord waiting = this.history.findByEventId(held.id()).getFirst();
		assertThat(waiting.errorCode()).isEqualTo(NotificationDispatcher.QUIET_HOURS);
		assertThat(waiting.sentAt()).isNull();

		this.calls.put(TestTokens.admin(), PREFERENCES + customer.phone(), "{\"optedOut\": []}");
		await().atMost(30, TimeUnit.SECONDS).until(() -> status(held.id()) == NotificationStatus.SENT);
	}

	private NotificationStatus status(String eventId) {
		return this.history.findByEventId(eventId).stream().findFirst().map(NotificationRecord::status).orElse(null);
	}

}
