package in.earlybird.notification.reliability;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import in.earlybird.events.CloudEvent;
import in.earlybird.events.CloudEvents;
import in.earlybird.events.Customer;
import in.earlybird.events.EventType;
import in.earlybird.events.NotificationEvent;
import in.earlybird.notification.NotificationIntegrationTest;
import in.earlybird.notification.TestEvents;
import in.earlybird.notification.TestTopics;
import in.earlybird.notification.TopicReader;
import in.earlybird.notification.history.NotificationRecord;
import in.earlybird.notification.history.NotificationStatus;
import in.earlybird.notification.retry.DeadLetterReplayer;
import in.earlybird.notification.retry.FailureHeaders;
import in.earlybird.notification.retry.OversizedValues;
import in.earlybird.notification.retry.ReplayFilter;
import in.earlybird.notification.retry.ReplayReport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.bson.Document;
import org.bson.types.Binary;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A poison record just under the broker's 1 MiB limit: the broker takes it, but its
 * dead-letter copy, with our headers added, would not fit. It must not stall its
 * partition: the copy is shortened, the whole value kept, and the valid events behind it
 * are sent.
 */
@NotificationIntegrationTest
class OversizedDeadLetterIntegrationTests {

	@Autowired
	KafkaTemplate<String, byte[]> kafka;

	@Autowired
	TestTopics topics;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	DeadLetterReplayer replayer;

	@Value("${spring.kafka.bootstrap-servers}")
	String bootstrapServers;

	@Test
	void deadLettersARecordTooLargeToCopyAndMovesOnToTheEventsBehindIt() throws Exception {
		Instant started = Instant.now();
		Customer customer = TestEvents.customer();
		String topic = this.topics.of(EventType.DELIVERY_SCHEDULED);
		byte[] huge = new byte[1_048_400];
		Arrays.fill(huge, (byte) 'x');
		RecordHeaders headers = new RecordHeaders();
		headers.add(CloudEvents.CONTENT_TYPE_HEADER, CloudEvents.JSON.getBytes(StandardCharsets.UTF_8));
		this.kafka.send(new ProducerRecord<>(topic, null, customer.id(), huge, headers)).get(30, TimeUnit.SECONDS);
		List<String> behind = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			CloudEvent<NotificationEvent> envelope = TestEvents.envelope(TestEvents.deliveryScheduled(customer));
			behind.add(envelope.id());
			this.kafka.send(TestEvents.binary(topic, envelope)).get(10, TimeUnit.SECONDS);
		}
		await().atMost(60, TimeUnit.SECONDS).until(() -> sent(behind) == behind.size());
		ConsumerRecord<String, byte[]> deadLetter = TopicReader.readAll(this.bootstrapServers, this.topics.deadLetter())
			.stream()
			.filter((record) -> customer.id().equals(record.key()))
			.findFirst()
			.orElseThrow();
		assertThat(TopicReader.header(deadLetter, OversizedValues.TRUNCATED)).isEqualTo("true");
		assertThat(TopicReader.header(deadLetter, OversizedValues.SIZE)).isEqualTo("1048400");
		assertThat(TopicReader.header(deadLetter, FailureHeaders.FAILURE_CLASS)).isEqualTo("PoisonEvent");
		assertThat(deadLetter.value()).hasSizeLessThan(huge.length);
		Document kept = this.mongo.getCollection(OversizedValues.COLLECTION)
			.find(new Document("_id", TopicReader.header(deadLetter, OversizedValues.DIGEST)))
			.first();
		assertThat(kept).isNotNull();
		assertThat(kept.get("value", Binary.class).getData()).isEqualTo(huge);

		// An SRE sees where the whole value is; a replay cannot put it back on its topic
		// with the replay's headers (it was at the limit already), and says so instead of
		// failing. Other tests of this context dead-letter records too: only this test's.
		ReplayReport report = this.replayer.replay(new ReplayFilter(started, null, null, "PoisonEvent", null), false,
				100, "sre@earlybird.in");
		assertThat(report.records()).singleElement()
			.satisfies((listed) -> assertThat(listed.wholeValueDigest())
				.isEqualTo(TopicReader.header(deadLetter, OversizedValues.DIGEST)));
		assertThat(report.replayed()).isZero();
		assertThat(report.refused()).isOne();
	}

	private long sent(List<String> eventIds) {
		return this.mongo.count(
				Query.query(Criteria.where("eventId").in(eventIds).and("status").is(NotificationStatus.SENT.value())),
				NotificationRecord.class);
	}

}
