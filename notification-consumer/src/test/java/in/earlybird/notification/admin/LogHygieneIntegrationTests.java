package in.earlybird.notification.admin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import in.earlybird.events.CloudEvent;
import in.earlybird.events.Customer;
import in.earlybird.events.NotificationEvent;
import in.earlybird.events.PhoneNumber;
import in.earlybird.notification.IntegrationTestConfiguration;
import in.earlybird.notification.TestEvents;
import in.earlybird.notification.TestTokens;
import in.earlybird.notification.TestTopics;
import in.earlybird.notification.history.NotificationHistory;
import in.earlybird.notification.history.NotificationStatus;
import in.earlybird.notification.sandbox.MyOperatorSandbox;
import in.earlybird.notification.sandbox.SandboxMode;
import in.earlybird.notification.webhook.WebhookDeliveries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The logs of a whole run, from start-up on and with this service's debug logging on:
 * events through Kafka, failing and retried sends, admin calls with tokens, webhooks with
 * credentials, bad input. No full phone number, token, API key or secret may appear.
 */
@AdminIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
@TestPropertySource(properties = { "logging.level.in.earlybird=DEBUG", "notification.test.context=log-hygiene" })
class LogHygieneIntegrationTests {

	private static final String API = AdminCalls.API;

	@Autowired
	MockMvc mvc;

	@Autowired
	KafkaTemplate<String, byte[]> kafka;

	@Autowired
	TestTopics topics;

	@Autowired
	MyOperatorSandbox sandbox;

	@Autowired
	NotificationHistory history;

	@Test
	void neverLogsAPhoneNumberTokenOrSecret(CapturedOutput output) throws Exception {
		AdminCalls calls = new AdminCalls(this.mvc);
		String admin = TestTokens.admin();
		String viewer = TestTokens.viewer();
		List<Customer> customers = List.of(TestEvents.customer(), TestEvents.customer("hi"), TestEvents.customer(),
				TestEvents.customer());
		Customer failing = customers.get(2);
		this.sandbox.failFor(PhoneNumber.parse(failing.phone()).nationalNumber(), 3, SandboxMode.HTTP_503);
		this.sandbox.failFor(PhoneNumber.parse(customers.get(3).phone()).nationalNumber(),
				SandboxMode.permanent("131026"));

		List<String> eventIds = new ArrayList<>();
		for (Customer customer : customers) {
			for (NotificationEvent event : TestEvents.oneOfEach(customer).subList(0, 4)) {
				CloudEvent<NotificationEvent> envelope = TestEvents.envelope(event);
				eventIds.add(envelope.id());
				this.kafka.send(TestEvents.binary(this.topics.of(event.eventType()), envelope))
					.get(10, TimeUnit.SECONDS);
			}
		}
		Customer adHoc = TestEvents.customer();
		JsonNode sent = calls.post(admin, API + "/send-message", MessageIntegrationTests.reminder(adHoc, true)).json();
		calls.post(admin, API + "/send-message", MessageIntegrationTests.reminder(TestEvents.customer(), false));
		calls.post(admin, API + "/send-message", "{\"phone\": \"+91987654\", \"messageType\": \"delivery_reminder\"}");
		calls.post(admin, API + "/resend/" + sent.get("id").asString(), "");
		calls.get(viewer, API + "/history/" + adHoc.phone());
		calls.get(admin, API + "/history?phone=%2B" + adHoc.phone().substring(1));
		calls.get(viewer, API + "/history/" + adHoc.phone() + "?cursor=broken");
		calls.get(viewer, API + "/history/" + adHoc.phone() + "0");
		calls.put(admin, API + "/preferences/" + adHoc.phone(), "{\"optedOut\": [\"promotional\"]}");
		calls.get(viewer, API + "/preferences/" + adHoc.phone());
		calls.get(viewer, API + "/statistics");
		calls.get(null, API + "/history/" + adHoc.phone());
		calls.get("forged." + admin.substring(admin.indexOf('.') + 1), API + "/history/" + adHoc.phone());
		webhook(WebhookDeliveries.status("message.delivered", sent.get("providerMessageId").asString(), Instant.now()),
				TestTokens.IT_WEBHOOK_API_KEY);
		webhook(WebhookDeliveries.inbound(adHoc.phone().substring(1), "STOP"), TestTokens.IT_WEBHOOK_API_KEY);
		webhook(WebhookDeliveries.failed("unknown-" + adHoc.phone(), "131026",
				"Message undeliverable to " + adHoc.phone()), TestTokens.IT_WEBHOOK_API_KEY);
		webhook(WebhookDeliveries.inbound(adHoc.phone().substring(1), "STOP"), "wrong-key");

		await().atMost(30, TimeUnit.SECONDS).until(() -> eventIds.stream().allMatch((id) -> {
			List<in.earlybird.notification.history.NotificationRecord> records = this.history.findByEventId(id);
			return !records.isEmpty() && records.getFirst().status() != NotificationStatus.SENDING
					&& records.getFirst().status() != NotificationStatus.QUEUED;
		}));

		String logs = output.getAll();
		assertThat(logs).contains("Started").contains("Audit:");
		List<String> forbidden = new ArrayList<>();
		for (Customer customer : append(customers, adHoc)) {
			PhoneNumber number = PhoneNumber.parse(customer.phone());
			forbidden.add(customer.phone());
			forbidden.add(number.countryCode() + number.nationalNumber());
			forbidden.add(number.nationalNumber());
		}
		forbidden.addAll(List.of(admin, viewer, admin.substring(admin.lastIndexOf('.') + 1), TestTokens.IT_SECRET,
				TestTokens.IT_WEBHOOK_API_KEY, TestTokens.IT_WEBHOOK_PASSWORD, IntegrationTestConfiguration.API_KEY));
		assertThat(forbidden).allSatisfy((secret) -> assertThat(logs).doesNotContain(secret));
	}

	private void webhook(String body, String key) throws Exception {
		this.mvc.perform(MockMvcRequestBuilders.post(API + "/webhooks/myoperator")
			.contentType(MediaType.APPLICATION_JSON)
			.header("X-Api-Key", key)
			.header(HttpHeaders.USER_AGENT, "MyOperator-Webhooks/2")
			.content(body));
	}

	private static List<Customer> append(List<Customer> customers, Customer another) {
		List<Customer> all = new ArrayList<>(customers);
		all.add(another);
		return all;
	}

}
