package in.earlybird.notification;

import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import in.earlybird.events.CloudEvent;
import in.earlybird.events.CloudEvents;
import in.earlybird.events.Customer;
import in.earlybird.events.EventType;
import in.earlybird.events.NotificationEvent;
import in.earlybird.events.PhoneNumber;
import in.earlybird.notification.history.NotificationRecord;
import in.earlybird.notification.history.NotificationStatus;
import in.earlybird.notification.sandbox.MyOperatorSandbox;
import in.earlybird.notification.sandbox.SandboxMode;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Scrapes {@code /actuator/prometheus} after a run of events (one sent and delivered, one
 * dead-lettered for configuration, one poison record) and checks every metric that the
 * dashboards and alert rules of {@code deploy/} use, with the counts the run produced.
 */
@NotificationIntegrationTest
@AutoConfigureMockMvc
class MetricsIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	KafkaTemplate<String, byte[]> kafka;

	@Autowired
	MyOperatorSandbox sandbox;

	@Autowired
	TestTopics topics;

	@Autowired
	MongoTemplate mongo;

	@Test
	void exportsEveryMetricTheDeploymentUsesWithTheRunsCounts() throws Exception {
		String before = scrape();
		String topic = this.topics.of(EventType.DELIVERY_SCHEDULED);

		Customer happy = TestEvents.customer();
		CloudEvent<NotificationEvent> sent = TestEvents.envelope(TestEvents.deliveryScheduled(happy));
		Customer misconfigured = TestEvents.customer();
		this.sandbox.failFor(PhoneNumber.parse(misconfigured.phone()).nationalNumber(),
				SandboxMode.permanent("CHAT_0302"));
		CloudEvent<NotificationEvent> deadLettered = TestEvents.envelope(TestEvents.deliveryScheduled(misconfigured));
		this.kafka.send(TestEvents.binary(topic, sent)).get(10, TimeUnit.SECONDS);
		this.kafka.send(TestEvents.binary(topic, deadLettered)).get(10, TimeUnit.SECONDS);
		this.kafka.send(TestEvents.raw(topic, "cust-poison", "{oops", CloudEvents.SPEC_VERSION_HEADER, "1.0"))
			.get(10, TimeUnit.SECONDS);
		await().atMost(20, TimeUnit.SECONDS)
			.until(() -> status(sent.id()) == NotificationStatus.SENT && status(deadLettered.id()) != null
					&& find(deadLettered.id()).deadLettered());
		NotificationRecord record = find(sent.id());
		this.mvc
			.perform(MockMvcRequestBuilders.post("/api/notifications/webhooks/myoperator")
				.contentType(MediaType.APPLICATION_JSON)
				.header("X-Api-Key", TestTokens.IT_WEBHOOK_API_KEY)
				.content("""
						{"event_id": "%s", "company_id": "earlybird-test", "event_type": "message.delivered",
						 "event_sequence": 1, "event_version": "2", "timestamp": "%s", "channel": "whatsapp",
						 "direction": "outbound", "session_id": "s-1", "system_identifier": "pn-100200300",
						 "customer_identifier": "919800000000", "payload": {"id": "%s", "status": "delivered"}}
						""".formatted(UUID.randomUUID(), Instant.now(), record.providerMessageId())))
			.andReturn();
		// The poison record has no history; wait for its dead-letter counter instead.
		await().atMost(20, TimeUnit.SECONDS)
			.until(() -> value(scrape(), "notification_dead_lettered_total", "reason=\"PoisonEvent\"")
					- value(before, "notification_dead_lettered_total", "reason=\"PoisonEvent\"") >= 1);

		String after = scrape();
		assertThat(delta(before, after, "notification_outcomes_total", "outcome=\"sent\"")).isEqualTo(1);
		assertThat(delta(before, after, "notification_outcomes_total", "outcome=\"dead_letter\"")).isEqualTo(1);
		assertThat(delta(before, after, "notification_dead_lettered_total", "reason=\"ProviderConfiguration\""))
			.isEqualTo(1);
		assertThat(delta(before, after, "notification_dead_lettered_total", "reason=\"PoisonEvent\"")).isEqualTo(1);
		assertThat(delta(before, after, "notification_provider_latency_seconds_count", "")).isEqualTo(2);
		assertThat(delta(before, after, "notification_template_render_seconds_count", "")).isEqualTo(2);
		assertThat(delta(before, after, "notification_webhook_updates_total", "status=\"delivered\"")).isEqualTo(1);
		assertThat(value(after, "notification_webhook_last_received_seconds", ""))
			.isGreaterThan(Instant.now().minusSeconds(60).getEpochSecond());
		assertThat(after).doesNotContain(happy.phone()).doesNotContain(sent.id());

		// Micrometer binds the per-partition Kafka metrics (lag) on its next refresh,
		// about a minute after the consumer is assigned its partitions.
		await().atMost(90, TimeUnit.SECONDS)
			.pollInterval(2, TimeUnit.SECONDS)
			.until(() -> scrape().contains("kafka_consumer_fetch_manager_records_lag{"));
		String settled = scrape();
		for (String name : DeploymentManifestsTests.EXPORTED_METRICS) {
			assertThat(settled).as("exported metric %s", name).containsPattern("(?m)^" + Pattern.quote(name) + "[{ ]");
		}
	}

	private String scrape() throws Exception {
		return this.mvc
			.perform(MockMvcRequestBuilders.get("/actuator/prometheus")
				.header("Authorization", "Bearer " + TestTokens.viewer()))
			.andReturn()
			.getResponse()
			.getContentAsString();
	}

	private static double delta(String before, String after, String name, String label) {
		return value(after, name, label) - value(before, name, label);
	}

	/** Sums the samples of a metric whose labels contain the given text. */
	private static double value(String scrape, String name, String label) {
		Matcher samples = Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*\\})? (\\S+)$").matcher(scrape);
		double sum = 0;
		while (samples.find()) {
			String labels = (samples.group(1) != null) ? samples.group(1) : "";
			if (labels.contains(label)) {
				sum += Double.parseDouble(samples.group(2));
			}
		}
		return sum;
	}

	private NotificationRecord find(String eventId) {
		return this.mongo.findOne(Query.query(Criteria.where("eventId").is(eventId)), NotificationRecord.class);
	}

	private NotificationStatus status(String eventId) {
		NotificationRecord record = find(eventId);
		return (record != null) ? record.status() : null;
	}

}
