package in.earlybird.notification.reliability;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import in.earlybird.events.CloudEvent;
import in.earlybird.events.EventType;
import in.earlybird.events.NotificationEvent;
import in.earlybird.notification.EmbeddedInfrastructure;
import in.earlybird.notification.NotificationIntegrationTest;
import in.earlybird.notification.TcpProxy;
import in.earlybird.notification.TestEvents;
import in.earlybird.notification.TestTopics;
import in.earlybird.notification.history.NotificationRecord;
import in.earlybird.notification.history.NotificationStatus;
import in.earlybird.notification.sandbox.MyOperatorSandbox;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * MongoDB goes away in the middle of a stream and comes back: every event is still sent,
 * none twice.
 */
@NotificationIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class MongoOutageIntegrationTests {

	static final String DATABASE = "outage-" + UUID.randomUUID().toString().substring(0, 8);

	static TcpProxy proxy;

	CapturedOutput output;

	@Autowired
	KafkaTemplate<String, byte[]> kafka;

	@Autowired
	MyOperatorSandbox sandbox;

	@Autowired
	TestTopics topics;

	@Autowired
	MongoTemplate mongo;

	@DynamicPropertySource
	static void mongoThroughProxy(DynamicPropertyRegistry registry) throws IOException {
		URI direct = URI.create(EmbeddedInfrastructure.shared().mongoUri(DATABASE));
		proxy = TcpProxy.start(direct.getHost(), direct.getPort());
		// Fail fast while it is down, so the outage is noticed in seconds, not 30.
		registry.add("test.mongodb.uri", () -> "mongodb://127.0.0.1:" + proxy.port() + "/" + DATABASE
				+ "?serverSelectionTimeoutMS=1000&connectTimeoutMS=1000&socketTimeoutMS=3000");
	}

	@AfterAll
	static void closeProxy() throws IOException {
		proxy.close();
	}

	@Test
	void losesAndDuplicatesNothingAcrossAMongoOutage(CapturedOutput output) throws Exception {
		this.output = output;
		// Slow provider answers keep requests in flight at the moment MongoDB goes away,
		// so some answers arrive with nowhere to be recorded.
		this.sandbox.setLatency(java.time.Duration.ofMillis(300));
		// The consumer must be in its group and sending before the outage starts.
		CloudEvent<NotificationEvent> warmUp = TestEvents.envelope(TestEvents.deliveryScheduled(TestEvents.customer()));
		this.kafka.send(TestEvents.binary(this.topics.of(EventType.DELIVERY_SCHEDULED), warmUp))
			.get(10, TimeUnit.SECONDS);
		await().atMost(30, TimeUnit.SECONDS).until(() -> sent(List.of(warmUp.id())) == 1);
		int count = 60;
		List<String> ids = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			if (i == count / 3) {
				proxy.cut();
			}
			CloudEvent<NotificationEvent> envelope = TestEvents
				.envelope(TestEvents.deliveryScheduled(TestEvents.customer()));
			ids.add(envelope.id());
			this.kafka.send(TestEvents.binary(this.topics.of(EventType.DELIVERY_SCHEDULED), envelope))
				.get(10, TimeUnit.SECONDS);
			Thread.sleep(50);
		}
		// Events keep arriving while history is unreachable; the pipeline must notice and
		// keep trying them in place.
		await().atMost(30, TimeUnit.SECONDS).until(() -> this.output.getAll().contains("trying it again"));
		Thread.sleep(2000);
		proxy.restore();
		try {
			await().atMost(60, TimeUnit.SECONDS).until(() -> sent(ids) == count);
		}
		catch (ConditionTimeoutException ex) {
			Map<String, Integer> requests = this.sandbox.countByRefId();
			List<String> notSent = this.mongo
				.find(Query.query(Criteria.where("eventId").in(ids)), NotificationRecord.class)
				.stream()
				.filter((record) -> record.status() != NotificationStatus.SENT)
				.map((record) -> record.status() + " requests=" + requests.get(record.id()) + " " + record.attempts())
				.toList();
			throw new AssertionError("Not all sent: " + notSent, ex);
		}
		List<NotificationRecord> records = this.mongo.find(Query.query(Criteria.where("eventId").in(ids)),
				NotificationRecord.class);
		assertThat(records).hasSize(count);
		Map<String, Integer> requests = this.sandbox.countByRefId();
		assertThat(records).allSatisfy((record) -> assertThat(requests.get(record.id())).isOne());
		this.sandbox.setLatency(java.time.Duration.ZERO);
	}

	private long sent(List<String> ids) {
		return this.mongo.count(
				Query.query(Criteria.where("eventId").in(ids).and("status").is(NotificationStatus.SENT.value())),
				NotificationRecord.class);
	}

}
