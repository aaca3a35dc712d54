package in.earlybird.notification.intake;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
import in.earlybird.notification.TopicReader;
import in.earlybird.notification.history.NotificationRecord;
import in.earlybird.notification.history.NotificationStatus;
import in.earlybird.notification.preferences.CustomerPreferenceStore;
import in.earlybird.notification.retry.FailureHeaders;
import in.earlybird.notification.sandbox.MyOperatorSandbox;
import in.earlybird.notification.sandbox.ReceivedMessage;
import in.earlybird.notification.templates.TemplateType;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.MessageListenerContainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Events in through the real embedded broker, messages out to the strict MyOperator
 * sandbox over real HTTP, history in MongoDB over the wire protocol.
 */
@NotificationIntegrationTest
class PipelineIntegrationTests {

	@Autowired
	KafkaTemplate<String, byte[]> kafka;

	@Autowired
	MyOperatorSandbox sandbox;

	@Autowired
	TestTopics topics;

	@Autowired
	MongoTemplate mongo;

	@Autowired
	CustomerPreferenceStore preferences;

	@Autowired
	KafkaListenerEndpointRegistry listeners;

	@Autowired
	MeterRegistry meters;

	@Value("${spring.kafka.bootstrap-servers}")
	String bootstrapServers;

	@BeforeEach
	void noRejections() {
		this.sandbox.reset();
	}

	@Test
	void sendsOneCorrectRequestPerEventForEveryEventType() throws Exception {
		Customer customer = TestEvents.customer();
		List<NotificationEvent> events = TestEvents.oneOfEach(customer);
		for (NotificationEvent event : events) {
			publish(TestEvents.binary(this.topics.of(event.eventType()), TestEvents.envelope(event)));
		}
		String national = PhoneNumber.parse(customer.phone()).nationalNumber();
		await().atMost(30, TimeUnit.SECONDS).until(() -> messagesTo(national).size() == events.size());
		List<NotificationRecord> history = historyOf(customer);
		assertThat(history).hasSize(events.size())
			.allSatisfy((record) -> assertThat(record.status()).isEqualTo(NotificationStatus.SENT));
		for (NotificationEvent event : events) {
			TemplateType type = TemplateType.of(event);
			NotificationRecord record = history.stream()
				.filter((candidate) -> candidate.type().equals(type.key()))
				.findFirst()
				.orElseThrow();
			ReceivedMessage received = this.sandbox.receivedFor(record.id()).getFirst();
			assertThat(received.templateName()).isEqualTo(type.key());
			assertThat(received.language()).isEqualTo("en");
			assertThat(received.countryCode()).isEqualTo("91");
			assertThat(received.number()).isEqualTo(national);
			assertThat(received.parameters()).isNotEmpty().allSatisfy((value) -> assertThat(value).isNotBlank());
			assertThat(received.parameters()).isEqualTo(record.parameters());
			assertThat(record.providerMessageId()).isEqualTo(received.messageId());
			assertThat(record.eventType()).isEqualTo(event.eventType().ceType());
			assertThat(record.message()).contains(customer.name().split(" ")[0]).doesNotContain("${");
			assertThat(record.attempts()).hasSize(1);
		}
		assertThat(this.sandbox.rejections()).isEmpty();
	}

	@Test
	void acceptsStructuredModeEvents() throws Exception {
		Customer customer = TestEvents.customer("hi");
		CloudEvent<NotificationEvent> envelope = TestEvents.envelope(TestEvents.deliveryScheduled(customer));
		publish(TestEvents.structured(this.topics.of(EventType.DELIVERY_SCHEDULED), envelope));
		await().atMost(20, TimeUnit.SECONDS).until(() -> statusOf(envelope.id()) == NotificationStatus.SENT);
		NotificationRecord record = historyOf(customer).getFirst();
		assertThat(record.language()).isEqualTo("hi");
		assertThat(this.sandbox.receivedFor(record.id())).singleElement()
			.satisfies((message) -> assertThat(message.language()).isEqualTo("hi"));
	}

	@Test
	void sendsAnEventPublishedTwiceOnlyOnce() throws Exception {
		Customer customer = TestEvents.customer();
		CloudEvent<NotificationEvent> envelope = TestEvents.envelope(TestEvents.deliveryScheduled(customer));
		String topic = this.topics.of(EventType.DELIVERY_SCHEDULED);
		publish(TestEvents.binary(topic, envelope));
		publish(TestEvents.structured(topic, envelope));
		await().atMost(20, TimeUnit.SECONDS).until(() -> statusOf(envelope.id()) == NotificationStatus.SENT);
		// Give the second copy every chance to be (wrongly) sent.
		publishMarkerAndWait(customer);
		NotificationRecord record = historyOf(customer).stream()
			.filter((candidate) -> candidate.eventId().equals(envelope.id()))
			.findFirst()
			.orElseThrow();
		assertThat(this.sandbox.receivedFor(record.id())).hasSize(1);
		assertThat(this.mongo.count(Query.query(Criteria.where("eventId").is(envelope.id())), NotificationRecord.class))
			.isOne();
	}

	@Test
	void deadLettersBadRecordsWithoutStoppingTheNextEventOnThePartition() throws Exception {
		Customer customer = TestEvents.customer();
		String topic = this.topics.of(EventType.DELIVERY_SCHEDULED);
		String key = customer.id();
		publish(TestEvents.raw(topic, key, "{not json", CloudEvents.SPEC_VERSION_HEADER, "1.0", CloudEvents.ID_HEADER,
				"bad-json-" + key, CloudEvents.SOURCE_HEADER, "/test", CloudEvents.TYPE_HEADER,
				EventType.DELIVERY_SCHEDULED.ceType(), CloudEvents.TIME_HEADER, "2026-01-27T10:00:00+05:30"));
		CloudEvent<NotificationEvent> valid = TestEvents.envelope(TestEvents.deliveryScheduled(customer));
		ProducerRecord<String, byte[]> unknownType = TestEvents.binary(topic,
				TestEvents.envelope(TestEvents.deliveryScheduled(customer)));
		unknownType.headers().remove(CloudEvents.TYPE_HEADER);
		unknownType.headers().add(CloudEvents.TYPE_HEADER, "earlybird.delivery.teleported".getBytes());
		publish(unknownType);
		publish(TestEvents.raw(topic, key,
				"{\"customer\":{\"id\":\"" + key + "\",\"name\":\"X\",\"phone\":\"+91512\"}}",
				CloudEvents.SPEC_VERSION_HEADER, "1.0", CloudEvents.ID_HEADER, "schema-" + key,
				CloudEvents.SOURCE_HEADER, "/test", CloudEvents.TYPE_HEADER, EventType.DELIVERY_SCHEDULED.ceType(),
				CloudEvents.TIME_HEADER, "2026-01-27T10:00:00+05:30"));
		publish(TestEvents.raw(topic, key, "{}", "content-type", "text/plain"));
		publish(TestEvents.binary(topic, valid));
		await().atMost(20, TimeUnit.SECONDS).until(() -> statusOf(valid.id()) == NotificationStatus.SENT);
		List<ConsumerRecord<String, byte[]>> deadLetters = TopicReader
			.readAll(this.bootstrapServers, this.topics.deadLetter())
			.stream()
			.filter((record) -> key.equals(record.key()))
			.toList();
		assertThat(deadLetters).hasSize(4);
		assertThat(deadLetters).extracting((record) -> TopicReader.header(record, FailureHeaders.ERROR_CODE))
			.containsExactly("MALFORMED_EVENT", "UNKNOWN_EVENT_TYPE", "SCHEMA_VIOLATION", "MALFORMED_EVENT");
		assertThat(deadLetters).allSatisfy((record) -> {
			assertThat(TopicReader.header(record, FailureHeaders.FAILURE_CLASS)).isEqualTo("PoisonEvent");
			assertThat(TopicReader.header(record, FailureHeaders.ORIGINAL_TOPIC)).isEqualTo(topic);
			assertThat(TopicReader.header(record, FailureHeaders.ORIGINAL_OFFSET)).isNotBlank();
			assertThat(TopicReader.header(record, FailureHeaders.ATTEMPTS)).isEqualTo("1");
			assertThat(TopicReader.header(record, FailureHeaders.EXCEPTION_MESSAGE)).isNotBlank()
				.doesNotContain("+91512");
		});
		assertThat(TopicReader.header(deadLetters.get(1), FailureHeaders.EXCEPTION_MESSAGE))
			.contains("earlybird.delivery.teleported");
		assertThat(TopicReader.header(deadLetters.get(2), FailureHeaders.EXCEPTION_MESSAGE))
			.contains("/customer/phone");
	}

	@Test
	void doesNotSendToACustomerWhoOptedOut() throws Exception {
		Customer customer = TestEvents.customer();
		this.preferences.optOut(customer.phone(), customer.id(), "promotional", "test");
		List<NotificationEvent> events = TestEvents.oneOfEach(customer);
		NotificationEvent promotional = events.get(EventType.CHURN_RISK_DETECTED.ordinal());
		NotificationEvent transactional = events.get(EventType.ORDER_CREATED.ordinal());
		CloudEvent<NotificationEvent> optedOut = TestEvents.envelope(promotional);
		CloudEvent<NotificationEvent> allowed = TestEvents.envelope(transactional);
		publish(TestEvents.binary(this.topics.of(promotional.eventType()), optedOut));
		publish(TestEvents.binary(this.topics.of(transactional.eventType()), allowed));
		await().atMost(20, TimeUnit.SECONDS)
			.until(() -> statusOf(allowed.id()) == NotificationStatus.SENT
					&& statusOf(optedOut.id()) == NotificationStatus.FAILED);
		NotificationRecord refused = historyOf(customer).stream()
			.filter((record) -> record.eventId().equals(optedOut.id()))
			.findFirst()
			.orElseThrow();
		assertThat(refused.errorCode()).isEqualTo("OPTED_OUT");
		assertThat(this.sandbox.receivedFor(refused.id())).isEmpty();
	}

	@Test
	void sendsNothingTwiceWhenTheConsumerRestartsOrEveryRecordIsRedelivered() throws Exception {
		this.sandbox.setLatency(Duration.ofMillis(20));
		try {
			int count = 150;
			List<CloudEvent<NotificationEvent>> sent = new ArrayList<>();
			for (int i = 0; i < count; i++) {
				CloudEvent<NotificationEvent> envelope = TestEvents
					.envelope(TestEvents.deliveryScheduled(TestEvents.customer()));
				sent.add(envelope);
				this.kafka.send(TestEvents.binary(this.topics.of(EventType.DELIVERY_SCHEDULED), envelope));
				if (i == count / 3) {
					this.listeners.getListenerContainer(DomainEventListener.ID).stop();
					this.listeners.getListenerContainer(DomainEventListener.ID).start();
				}
				if (i == 2 * count / 3) {
					this.listeners.getListenerContainer(DomainEventListener.ID).stop();
					// Redeliver from the last commit, as after a crash before commit.
					this.listeners.getListenerContainer(DomainEventListener.ID).start();
				}
			}
			this.kafka.flush();
			List<String> ids = sent.stream().map(CloudEvent::id).toList();
			await().atMost(60, TimeUnit.SECONDS)
				.until(() -> this.mongo.count(
						Query
							.query(Criteria.where("eventId").in(ids).and("status").is(NotificationStatus.SENT.value())),
						NotificationRecord.class) == count);
			Map<String, Integer> requestsPerNotification = this.sandbox.countByRefId();
			List<String> notificationIds = this.mongo
				.find(Query.query(Criteria.where("eventId").in(ids)), NotificationRecord.class)
				.stream()
				.map(NotificationRecord::id)
				.toList();
			assertThat(notificationIds).hasSize(count)
				.allSatisfy((id) -> assertThat(requestsPerNotification.get(id)).isEqualTo(1));

			// Now every record is redelivered, as after a crash before any commit.
			MessageListenerContainer container = this.listeners.getListenerContainer(DomainEventListener.ID);
			container.stop();
			String group = container.getGroupId();
			try (AdminClient admin = AdminClient
				.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, this.bootstrapServers))) {
				Map<TopicPartition, Long> ends = endOffsets(admin, this.topics.of(EventType.DELIVERY_SCHEDULED));
				// Every partition has records to read again, or the test proves nothing.
				assertThat(ends).hasSize(TestTopics.PARTITIONS)
					.allSatisfy((partition, end) -> assertThat(end).isPositive());
				Map<TopicPartition, OffsetAndMetadata> earliest = new HashMap<>();
				ends.keySet().forEach((partition) -> earliest.put(partition, new OffsetAndMetadata(0)));
				// Refused while a member of the group is left to commit over it.
				admin.alterConsumerGroupOffsets(group, earliest).all().get(10, TimeUnit.SECONDS);
				double duplicates = duplicates();
				container.start();
				// The group commits past a record only once it is finished, so
				// commits at the end of every partition prove each was read again.
				await().atMost(60, TimeUnit.SECONDS)
					.untilAsserted(() -> assertThat(committed(admin, group, ends.keySet()))
						.allSatisfy((partition, committed) -> assertThat(committed).as(partition.toString())
							.isGreaterThanOrEqualTo(ends.get(partition))));
				// And each event got as far as the dispatcher, which found it sent.
				assertThat(duplicates() - duplicates).isGreaterThanOrEqualTo(count);
			}
			Map<String, Integer> afterRedelivery = this.sandbox.countByRefId();
			assertThat(notificationIds).allSatisfy((id) -> assertThat(afterRedelivery.get(id)).isEqualTo(1));
		}
		finally {
			this.sandbox.setLatency(Duration.ZERO);
		}
	}

	private double duplicates() {
		return this.meters.get("notification.outcomes")
			.tag("type", TemplateType.DELIVERY_REMINDER.key())
			.tag("outcome", "duplicate")
			.counter()
			.count();
	}

	private static Map<TopicPartition, Long> endOffsets(AdminClient admin, String topic) throws Exception {
		Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
		for (int partition = 0; partition < TestTopics.PARTITIONS; partition++) {
			latest.put(new TopicPartition(topic, partition), OffsetSpec.latest());
		}
		Map<TopicPartition, Long> ends = new HashMap<>();
		admin.listOffsets(latest)
			.all()
			.get(10, TimeUnit.SECONDS)
			.forEach((partition, info) -> ends.put(partition, info.offset()));
		return ends;
	}

	private static Map<TopicPartition, Long> committed(AdminClient admin, String group, Set<TopicPartition> partitions)
			throws Exception {
		Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(group)
			.partitionsToOffsetAndMetadata()
			.get(10, TimeUnit.SECONDS);
		Map<TopicPartition, Long> committed = new HashMap<>();
		for (TopicPartition partition : partitions) {
			OffsetAndMetadata offset = offsets.get(partition);
			committed.put(partition, (offset != null) ? offset.offset() : -1L);
		}
		return committed;
	}

	private void publish(ProducerRecord<String, byte[]> record) throws Exception {
		this.kafka.send(record).get(10, TimeUnit.SECONDS);
	}

	private void publishMarkerAndWait(Customer customer) throws Exception {
		CloudEvent<NotificationEvent> marker = TestEvents.envelope(TestEvents.deliveryScheduled(customer));
		publish(TestEvents.binary(this.topics.of(EventType.DELIVERY_SCHEDULED), marker));
		await().atMost(20, TimeUnit.SECONDS).until(() -> statusOf(marker.id()) == NotificationStatus.SENT);
	}

	private List<ReceivedMessage> messagesTo(String nationalNumber) {
		return this.sandbox.received().stream().filter((message) -> message.number().equals(nationalNumber)).toList();
	}

	private List<NotificationRecord> historyOf(Customer customer) {
		return this.mongo.find(Query.query(Criteria.where("phone").is(customer.phone())), NotificationRecord.class);
	}

	private NotificationStatus statusOf(String eventId) {
		NotificationRecord record = this.mongo.findOne(Query.query(Criteria.where("eventId").is(eventId)),
				NotificationRecord.class);
		return (record != null) ? record.status() : null;
	}

}
