package in.earlybird.notification.admin;

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
import in.earlybird.notification.history.NotificationRecord;
import in.earlybird.notification.history.NotificationStatus;
import in.earlybird.notification.retry.DeadLetterReplayer;
import in.earlybird.notification.sandbox.MyOperatorSandbox;
import in.earlybird.notification.sandbox.SandboxMode;
import org.bson.Document;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Inspecting and replaying the dead-letter topic over the admin API. */
@AdminIntegrationTest
class DeadLetterApiIntegrationTests {

	static final String API = AdminCalls.API;

	@Autowired
	MockMvc mvc;

	AdminCalls calls;

	@Autowired
	KafkaTemplate<String, byte[]> kafka;

	@Autowired
	MyOperatorSandbox sandbox;

	@Autowired
	TestTopics topics;

	@Autowired
	MongoTemplate mongo;

	@BeforeEach
	void calls() {
		this.calls = new AdminCalls(this.mvc);
	}

	@Test
	void replaysADeadLetteredEventOnceAndAuditsWhoDidIt() throws Exception {
		Customer customer = TestEvents.customer();
		this.sandbox.failFor(PhoneNumber.parse(customer.phone()).nationalNumber(), SandboxMode.permanent("CHAT_0302"));
		CloudEvent<NotificationEvent> envelope = TestEvents.envelope(TestEvents.deliveryScheduled(customer));
		this.kafka.send(TestEvents.binary(this.topics.of(EventType.DELIVERY_SCHEDULED), envelope))
			.get(10, TimeUnit.SECONDS);
		await().atMost(20, TimeUnit.SECONDS)
			.until(() -> find(envelope.id()) != null && find(envelope.id()).deadLettered());

		Answer inspection = this.calls.get(TestTokens.admin(), API + "/dead-letters?eventId=" + envelope.id());
		assertThat(inspection.status()).isEqualTo(200);
		assertThat(inspection.json().get("matched").asInt()).isOne();
		JsonNode deadLetter = inspection.json().get("records").get(0);
		assertThat(deadLetter.get("errorClass").asString()).isEqualTo("ProviderConfiguration");
		assertThat(deadLetter.get("maskedPayload").asString()).doesNotContain(customer.phone());

		String filter = "{\"eventId\": \"%s\", \"dryRun\": %s, \"rate\": 50}";
		Answer dryRun = this.calls.post(TestTokens.admin(), API + "/process-queue",
				filter.formatted(envelope.id(), true));
		assertThat(dryRun.status()).isEqualTo(200);
		assertThat(dryRun.json().get("replayed").asInt()).isZero();

		this.sandbox.clearModes();
		Answer replay = this.calls.post(TestTokens.admin(), API + "/process-queue",
				filter.formatted(envelope.id(), false));
		assertThat(replay.json().get("replayed").asInt()).isOne();
		await().atMost(20, TimeUnit.SECONDS).until(() -> find(envelope.id()).status() == NotificationStatus.SENT);
		Answer again = this.calls.post(TestTokens.admin(), API + "/process-queue",
				filter.formatted(envelope.id(), false));
		assertThat(again.json().get("replayed").asInt()).isOne();
		CloudEvent<NotificationEvent> marker = TestEvents.envelope(TestEvents.deliveryScheduled(customer));
		this.kafka.send(TestEvents.binary(this.topics.of(EventType.DELIVERY_SCHEDULED), marker))
			.get(10, TimeUnit.SECONDS);
		await().atMost(20, TimeUnit.SECONDS)
			.until(() -> find(marker.id()) != null && find(marker.id()).status() == NotificationStatus.SENT);
		assertThat(this.sandbox.receivedFor(find(envelope.id()).id())).hasSize(1);

		assertThat(this.mongo.count(Query.query(Criteria.where("requestedBy").is("asha@earlybird.in")), Document.class,
				DeadLetterReplayer.AUDIT_COLLECTION))
			.isEqualTo(3);
	}

	@Test
	void refusesViewersAndAnonymousCallers() throws Exception {
		assertThat(this.calls.post(TestTokens.viewer(), API + "/process-queue", "{}").status()).isEqualTo(403);
		assertThat(this.calls.get(TestTokens.viewer(), API + "/dead-letters").status()).isEqualTo(403);
		assertThat(this.calls.post(null, API + "/process-queue", "{}").status()).isEqualTo(401);
	}

	@Test
	void rejectsANonsenseRateWithAProblemNamingTheField() throws Exception {
		Answer answer = this.calls.post(TestTokens.admin(), API + "/process-queue", "{\"rate\": 0}");
		assertThat(answer.status()).isEqualTo(400);
		assertThat(answer.json().toString()).contains("rate");
	}

	private NotificationRecord find(String eventId) {
		return this.mongo.findOne(Query.query(Criteria.where("eventId").is(eventId)), NotificationRecord.class);
	}

}
