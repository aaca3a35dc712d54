package in.earlybird.notification.benchmark;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.context.TestPropertySource;

import in.earlybird.events.EventType;
import in.earlybird.notification.NotificationIntegrationTest;
import in.earlybird.notification.TestEvents;
import in.earlybird.notification.TestTopics;
import in.earlybird.notification.history.NotificationRecord;
import in.earlybird.notification.history.NotificationStatus;

import static org.awaitility.Awaitility.await;

/**
 * Raw pipeline throughput against the zero-latency sandbox: a backlog of events is
 * published while the listener is stopped, then drained, and the rate is printed. Not
 * part of the test suite (the name matches no Surefire pattern); run it with
 * {@code ./mvnw -pl notification-consumer -am verify -Dtest=PipelineThroughputBenchmark -Dsurefire.failIfNoSpecifiedTests=false -Dbenchmark.events=20000}.
 */
@NotificationIntegrationTest
@TestPropertySource(properties = { "notification.delivery.rate-limit=10000", "logging.level.in.earlybird=warn" })
class PipelineThroughputBenchmark {

	@Autowired
	KafkaTemplate<String, byte[]> kafka;

	@Autowired
	TestTopics topics;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	KafkaListenerEndpointRegistry listeners;

	@Test
	void drainABacklog() throws Exception {
		int events = Integer.getInteger("benchmark.events", 20_000);
		MessageListenerContainer container = this.listeners.getListenerContainer("domain-events");
		container.stop();
		String topic = this.topics.of(EventType.DELIVERY_SCHEDULED);
		for (int i = 0; i < events; i++) {
			this.kafka.send(
					TestEvents.binary(topic, TestEvents.envelope(TestEvents.deliveryScheduled(TestEvents.customer()))));
		}
		this.kafka.flush();
		long start = System.nanoTime();
		container.start();
		await().atMost(30, TimeUnit.MINUTES)
			.pollInterval(500, TimeUnit.MILLISECONDS)
			.until(() -> this.mongo.count(Query.query(Criteria.where("status").is(NotificationStatus.SENT.value())),
					NotificationRecord.class) >= events);
		double seconds = (System.nanoTime() - start) / 1e9;
		System.out.printf("BENCHMARK %d events drained in %.1f s: %.0f events/s%n", events, seconds, events / seconds);
	}

}
