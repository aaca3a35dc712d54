package in.earlybird.notification.retry;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import in.earlybird.events.CloudEvents;
import in.earlybird.events.Customer;
import in.earlybird.events.EventType;
import in.earlybird.events.PhoneNumber;
import in.earlybird.notification.NotificationIntegrationTest;
import in.earlybird.notification.TestEvents;
import in.earlybird.notification.TestTopics;
import in.earlybird.notification.TopicReader;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A dead-lettered event keeps its id exactly, however many digits it holds, so that SREs
 * find and replay it by id; phone numbers in its reason and payload are still masked.
 */
@NotificationIntegrationTest
class DeadLetterEventIdIntegrationTests {

	@Autowired
	KafkaTemplate<String, byte[]> kafka;

	@Autowired
	TestTopics topics;

	@Autowired
	DeadLetterReplayer replayer;

	@Value("${spring.kafka.bootstrap-servers}")
	String bootstrapServers;

	@Test
	void keepsTheIdsOfPoisonEventsExactWhateverDigitsTheyHold() {
		Customer number = TestEvents.customer();
		// An id of its own: the test customers' ids hold their numbers' digits.
		Customer customer = new Customer("cust-" + UUID.randomUUID(), number.name(), number.phone(), null);
		String national = PhoneNumber.parse(customer.phone()).nationalNumber();
		List<String> ids = List.of("11234562-7ef5-4c21-9a55-123456789012", "1732612345678", "DEL-20260128-0042");
		String topic = this.topics.of(EventType.DELIVERY_SCHEDULED);
		for (String id : ids) {
			// A schema violation: the delivery's fields are missing.
			String data = "{\"customer\": {\"id\": \"" + customer.id() + "\", \"name\": \"Priya\", \"phone\": \""
					+ customer.phone() + "\"}, \"deliveryId\": \"DEL-20260128-0042\"}";
			this.kafka.send(TestEvents.raw(topic, customer.id(), data, CloudEvents.SPEC_VERSION_HEADER, "1.0",
					CloudEvents.ID_HEADER, id, CloudEvents.SOURCE_HEADER, "/test", CloudEvents.TYPE_HEADER,
					EventType.DELIVERY_SCHEDULED.ceType(), CloudEvents.TIME_HEADER, "2026-11-30T10:00:00+05:30",
					CloudEvents.CONTENT_TYPE_HEADER, CloudEvents.JSON));
		}

		await().atMost(20, TimeUnit.SECONDS).until(() -> deadLetters(customer).size() == ids.size());
		assertThat(deadLetters(customer)).extracting((record) -> TopicReader.header(record, FailureHeaders.EVENT_ID))
			.containsExactlyElementsOf(ids);
		for (String id : ids) {
			ReplayReport found = this.replayer.inspect(new ReplayFilter(null, null, null, null, id));
			assertThat(found.matched()).as(id).isOne();
			DeadLetter deadLetter = found.records().getFirst();
			assertThat(deadLetter.eventId()).isEqualTo(id);
			assertThat(deadLetter.maskedPayload()).contains("DEL-20260128-0042").doesNotContain(national);
			assertThat(deadLetter.errorMessage()).doesNotContain(national);
		}
	}

	private List<ConsumerRecord<String, byte[]>> deadLetters(Customer customer) {
		return TopicReader.readAll(this.bootstrapServers, this.topics.deadLetter())
			.stream()
			.filter((record) -> customer.id().equals(record.key()))
			.toList();
	}

}
