package in.earlybird.notification.retry;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import in.earlybird.events.CloudEvent;
import in.earlybird.events.CloudEvents;
import in.earlybird.events.Customer;
import in.earlybird.events.EventType;
import in.earlybird.events.NotificationEvent;
import in.earlybird.events.PhoneNumber;
import in.earlybird.notification.NotificationIntegrationTest;
import in.earlybird.notification.TestEvents;
import in.earlybird.notification.TestTopics;
import in.earlybird.notification.history.NotificationRecord;
import in.earlybird.notification.history.NotificationStatus;
import in.earlybird.notification.sandbox.MyOperatorSandbox;
import in.earlybird.notification.sandbox.SandboxMode;
import org.bson.Document;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Dead-lettered events replayed after the provider recovers are sent exactly once, and a
 * second replay sends nothing.
 */
@NotificationIntegrationTest
@TestPropertySource(properties = "notification.retry.max-topic-attempts=1")
class DeadLetterReplayIntegrationTests {

	@Autowired
	KafkaTemplate<String, byte[]> kafka;

	@Autowired
	MyOperatorSandbox sandbox;

	@Autowired
	TestTopics topics;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	DeadLetterReplayer replayer;

	@Test
	void replaysDeadLettersOnceAndASecondReplaySendsNothing() throws Exception {
		Instant start = Instant.now();
		Customer number = TestEvents.customer();
		// An id of its own: the test customers' ids hold their numbers' digits, and ids
		// are not masked.
		Customer customer = new Customer("cust-" + UUID.randomUUID(), number.name(), number.phone(), null);
		String national = PhoneNumber.parse(customer.phone()).nationalNumber();
		this.sandbox.failFor(national, SandboxMode.HTTP_503);
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			CloudEvent<NotificationEvent> envelope = TestEvents.envelope(TestEvents.deliveryScheduled(customer));
			this.kafka.send(TestEvents.binary(this.topics.of(EventType.DELIVERY_SCHEDULED), envelope))
				.get(10, TimeUnit.SECONDS);
			ids.add(envelope.id());
		}
		this.kafka.send(TestEvents.raw(this.topics.of(EventType.DELIVERY_SCHEDULED), customer.id(), "{broken",
				CloudEvents.SPEC_VERSION_HEADER, "1.0"))
			.get(10, TimeUnit.SECONDS);
		await().atMost(30, TimeUnit.SECONDS).until(() -> ids.stream().allMatch((id) -> deadLettered(id)));
		ReplayFilter transientOnly = new ReplayFilter(start, null, EventType.DELIVERY_SCHEDULED.ceType(),
				"ProviderTransient", null);

		ReplayReport inspection = this.replayer.inspect(ReplayFilter.ALL);
		assertThat(inspection.byReason()).containsEntry("ProviderTransient/HTTP_503", 3)
			.containsEntry("PoisonEvent/MALFORMED_EVENT", 1);
		assertThat(inspection.records())
			.allSatisfy((deadLetter) -> assertThat(deadLetter.maskedPayload()).doesNotContain(national));

		ReplayReport dryRun = this.replayer.replay(transientOnly, true, 100, "sre-test");
		assertThat(dryRun.matched()).isEqualTo(3);
		assertThat(dryRun.replayed()).isZero();
		assertThat(dryRun.records()).extracting(DeadLetter::eventId).containsExactlyInAnyOrderElementsOf(ids);

		this.sandbox.clearModes();
		ReplayReport first = this.replayer.replay(transientOnly, false, 100, "sre-test");
		assertThat(first.replayed()).isEqualTo(3);
		await().atMost(20, TimeUnit.SECONDS)
			.until(() -> ids.stream().allMatch((id) -> find(id).status() == NotificationStatus.SENT));
		for (String id : ids) {
			NotificationRecord record = find(id);
			assertThat(record.deadLettered()).isFalse();
			assertThat(record.attempts()).last().satisfies((attempt) -> {
				assertThat(attempt.trigger()).isEqualTo("replay");
				assertThat(attempt.outcome()).isEqualTo("sent");
			});
			assertThat(this.sandbox.receivedFor(record.id())).hasSize(1);
		}

		ReplayReport second = this.replayer.replay(transientOnly, false, 100, "sre-test");
		assertThat(second.replayed()).isEqualTo(3);
		// A marker published after the second replay proves the replayed records were
		// consumed.
		CloudEvent<NotificationEvent> marker = TestEvents.envelope(TestEvents.deliveryScheduled(customer));
		this.kafka.send(TestEvents.binary(this.topics.of(EventType.DELIVERY_SCHEDULED), marker))
			.get(10, TimeUnit.SECONDS);
		await().atMost(20, TimeUnit.SECONDS)
			.until(() -> find(marker.id()) != null && find(marker.id()).status() == NotificationStatus.SENT);
		Map<String, Integer> requests = this.sandbox.countByRefId();
		for (String id : ids) {
			assertThat(requests.get(find(id).id())).isOne();
		}

		List<Document> audit = this.mongo.find(Query.query(Criteria.where("requestedBy").is("sre-test")),
				Document.class, DeadLetterReplayer.AUDIT_COLLECTION);
		assertThat(audit).hasSize(3);
		assertThat(audit).extracting((entry) -> entry.getBoolean("dryRun"))
			.containsExactlyInAnyOrder(true, false, false);
		assertThat(audit).allSatisfy((entry) -> assertThat(entry.getList("eventIds", String.class))
			.containsExactlyInAnyOrderElementsOf(ids));
	}

	private boolean deadLettered(String eventId) {
		NotificationRecord record = find(eventId);
		return record != null && record.deadLettered();
	}

	private NotificationRecord find(String eventId) {
		return this.mongo.findOne(Query.query(Criteria.where("eventId").is(eventId)), NotificationRecord.class);
	}

}
