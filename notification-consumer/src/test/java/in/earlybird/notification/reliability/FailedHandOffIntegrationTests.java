package in.earlybird.notification.reliability;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import in.earlybird.events.CloudEvent;
import in.earlybird.events.Customer;
import in.earlybird.events.EventType;
import in.earlybird.events.NotificationEvent;
import in.earlybird.events.PhoneNumber;
import in.earlybird.notification.NotificationIntegrationTest;
import in.earlybird.notification.TestEvents;
import in.earlybird.notification.TestTopics;
import in.earlybird.notification.TopicReader;
import in.earlybird.notification.history.NotificationRecord;
import in.earlybird.notification.retry.FailureHeaders;
import in.earlybird.notification.sandbox.MyOperatorSandbox;
import in.earlybird.notification.sandbox.SandboxMode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.willAnswer;

/**
 * The dead-letter topic refuses the first hand-off: the record must not be committed, so
 * it comes back and is dead-lettered then, with the provider called only once.
 */
@NotificationIntegrationTest
class FailedHandOffIntegrationTests {

	// Boot declares the template as KafkaTemplate<?, ?>; a raw field matches it.
	@SuppressWarnings("rawtypes")
	@MockitoSpyBean
	KafkaTemplate kafka;

	@Autowired
	MyOperatorSandbox sandbox;

	@Autowired
	TestTopics topics;

	@Autowired
	MongoTemplate mongo;

	@Value("${spring.kafka.bootstrap-servers}")
	String bootstrapServers;

	@Test
	@SuppressWarnings("unchecked")
	void aRefusedDeadLetterHandOffIsRetriedWithoutCallingTheProviderAgain() throws Exception {
		AtomicBoolean refused = new AtomicBoolean();
		willAnswer((invocation) -> {
			ProducerRecord<String, byte[]> record = invocation.getArgument(0);
			if (record.topic().equals(this.topics.deadLetter()) && refused.compareAndSet(false, true)) {
				return CompletableFuture.failedFuture(new TimeoutException("the dead-letter topic is unavailable"));
			}
			return invocation.callRealMethod();
		}).given(this.kafka).send(any(ProducerRecord.class));
		Customer customer = TestEvents.customer();
		this.sandbox.failFor(PhoneNumber.parse(customer.phone()).nationalNumber(), SandboxMode.permanent("CHAT_0302"));
		CloudEvent<NotificationEvent> envelope = TestEvents.envelope(TestEvents.deliveryScheduled(customer));
		((KafkaTemplate<String, byte[]>) this.kafka)
			.send(TestEvents.binary(this.topics.of(EventType.DELIVERY_SCHEDULED), envelope))
			.get(10, TimeUnit.SECONDS);

		await().atMost(30, TimeUnit.SECONDS)
			.until(() -> find(envelope.id()) != null && find(envelope.id()).deadLettered());
		assertThat(refused).isTrue();
		List<ConsumerRecord<String, byte[]>> deadLetters = TopicReader
			.readAll(this.bootstrapServers, this.topics.deadLetter())
			.stream()
			.filter((record) -> envelope.id().equals(TopicReader.header(record, FailureHeaders.EVENT_ID)))
			.toList();
		assertThat(deadLetters).hasSize(1);
		assertThat(find(envelope.id()).attempts()).singleElement()
			.satisfies((attempt) -> assertThat(attempt.providerCalls()).isOne());
	}

	private NotificationRecord find(String eventId) {
		return this.mongo.findOne(Query.query(Criteria.where("eventId").is(eventId)), NotificationRecord.class);
	}

}
