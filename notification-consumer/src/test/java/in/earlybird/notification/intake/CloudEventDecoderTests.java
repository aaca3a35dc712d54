package in.earlybird.notification.intake;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

import in.earlybird.events.CloudEvent;
import in.earlybird.events.CloudEvents;
import in.earlybird.events.NotificationEvent;
import in.earlybird.notification.TestEvents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What the decoder takes for an event and what it refuses, for input the pipeline tests
 * do not reach.
 */
class CloudEventDecoderTests {

	private final CloudEventDecoder decoder = new CloudEventDecoder(new EventSchemas());

	@Test
	void refusesACloudEventWhoseIdIsNotUtf8() {
		CloudEvent<NotificationEvent> envelope = TestEvents
			.envelope(TestEvents.deliveryScheduled(TestEvents.customer()));
		byte[] id = envelope.id().getBytes(StandardCharsets.UTF_8);
		byte[] broken = Arrays.copyOf(id, id.length + 2);
		broken[id.length] = (byte) 0x80;
		broken[id.length + 1] = (byte) 0xE0;

		assertThatExceptionOfType(PoisonEventException.class)
			.isThrownBy(() -> this.decoder.decode(withHeader(envelope, CloudEvents.ID_HEADER, broken)))
			.satisfies((poison) -> {
				assertThat(poison.code()).isEqualTo(CloudEventDecoder.MALFORMED);
				assertThat(poison.getMessage()).isEqualTo("header ce_id is not valid UTF-8");
			});
	}

	@Test
	void takesAnIdThatHoldsTheReplacementCharacterItself() {
		CloudEvent<NotificationEvent> envelope = TestEvents
			.envelope(TestEvents.deliveryScheduled(TestEvents.customer()));
		String id = envelope.id() + "\uFFFD";

		DecodedEvent event = this.decoder
			.decode(withHeader(envelope, CloudEvents.ID_HEADER, id.getBytes(StandardCharsets.UTF_8)));

		assertThat(event.id()).isEqualTo(id);
	}

	private static ConsumerRecord<String, byte[]> withHeader(CloudEvent<NotificationEvent> envelope, String name,
			byte[] value) {
		ProducerRecord<String, byte[]> record = TestEvents.binary("earlybird.deliveries", envelope);
		RecordHeaders headers = new RecordHeaders(record.headers().toArray());
		headers.remove(name);
		headers.add(name, value);
		return new ConsumerRecord<>(record.topic(), 0, 0, 0L, org.apache.kafka.common.record.TimestampType.CREATE_TIME,
				0, 0, record.key(), record.value(), headers, java.util.Optional.empty());
	}

}
