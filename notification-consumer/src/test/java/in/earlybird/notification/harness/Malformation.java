package in.earlybird.notification.harness;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

import in.earlybird.events.CloudEvent;
import in.earlybird.events.CloudEvents;
import in.earlybird.events.Customer;
import in.earlybird.events.NotificationEvent;
import in.earlybird.notification.TestEvents;
import in.earlybird.notification.shared.EventJson;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import tools.jackson.databind.node.ObjectNode;

/**
 * The ways a record on a domain topic can be unusable, as upstream bugs, stray producers
 * and broken tooling make them. Every one must be dead-lettered with a reason, and none
 * may hold up the valid events behind it on its key.
 */
public enum Malformation {

	/** Random bytes, no CloudEvents headers. */
	RANDOM_BYTES,

	/** Random bytes under binary-mode headers that promise JSON. */
	RANDOM_BYTES_AS_JSON,

	/** A valid event's JSON cut off half-way. */
	TRUNCATED_JSON,

	/** A valid event's JSON with a content type that is not JSON. */
	WRONG_CONTENT_TYPE,

	/** A structured-mode content type over a value that is not an object. */
	STRUCTURED_NOT_AN_OBJECT,

	/** A type no schema knows. */
	UNKNOWN_TYPE,

	/** A known type whose data breaks its schema (a required field missing). */
	SCHEMA_VIOLATION,

	/** A known type whose amount is a number, not a decimal string. */
	SCHEMA_WRONG_TYPE,

	/** A valid event whose {@code ce_id} header is not UTF-8. */
	INVALID_UTF8_ID,

	/** A valid event without {@code ce_time}. */
	MISSING_ATTRIBUTE,

	/** A value just under the broker's 1 MiB limit, under binary-mode headers. */
	NEAR_BROKER_LIMIT;

	/** The broker's default {@code message.max.bytes}. */
	static final int BROKER_LIMIT = 1_048_588;

	/**
	 * Builds a malformed record for a customer's key.
	 * @param topic the topic
	 * @param customer whose key it carries
	 * @param event a valid event to spoil, where the kind needs one
	 * @return the record
	 */
	ProducerRecord<String, byte[]> record(String topic, Customer customer, NotificationEvent event) {
		CloudEvent<NotificationEvent> envelope = TestEvents.envelope(event);
		ProducerRecord<String, byte[]> valid = TestEvents.binary(topic, envelope);
		return switch (this) {
			case RANDOM_BYTES ->
				new ProducerRecord<>(topic, null, customer.id(), randomBytes(200), new RecordHeaders());
			case RANDOM_BYTES_AS_JSON -> with(valid, randomBytes(300));
			case TRUNCATED_JSON -> with(valid, Arrays.copyOf(valid.value(), valid.value().length / 2));
			case WRONG_CONTENT_TYPE -> replaced(valid, CloudEvents.CONTENT_TYPE_HEADER,
					utf8(ThreadLocalRandom.current().nextBoolean() ? "text/plain" : "application/avro"));
			case STRUCTURED_NOT_AN_OBJECT ->
				new ProducerRecord<>(topic, null, customer.id(), utf8("[1, 2, 3]"), new RecordHeaders()
					.add(CloudEvents.CONTENT_TYPE_HEADER, utf8(CloudEvents.STRUCTURED_CONTENT_TYPE)));
			case UNKNOWN_TYPE -> replaced(valid, CloudEvents.TYPE_HEADER, utf8("earlybird.milk.spilt"));
			case SCHEMA_VIOLATION -> {
				ObjectNode data = EventJson.mapper().readValue(valid.value(), ObjectNode.class);
				data.remove("customer");
				yield with(valid, EventJson.mapper().writeValueAsBytes(data));
			}
			case SCHEMA_WRONG_TYPE -> {
				ObjectNode data = EventJson.mapper().readValue(valid.value(), ObjectNode.class);
				data.put("amount", 2500.5);
				data.put("deliveryDate", "tomorrow");
				yield with(valid, EventJson.mapper().writeValueAsBytes(data));
			}
			case INVALID_UTF8_ID -> {
				// A lone continuation byte and a truncated sequence: not UTF-8 at all.
				byte[] id = utf8("id-" + envelope.id());
				byte[] broken = Arrays.copyOf(id, id.length + 3);
				broken[id.length] = (byte) 0x80;
				broken[id.length + 1] = (byte) 0xE0;
				broken[id.length + 2] = (byte) 0xA4;
				yield replaced(valid, CloudEvents.ID_HEADER, broken);
			}
			case MISSING_ATTRIBUTE -> {
				RecordHeaders headers = new RecordHeaders(valid.headers().toArray());
				headers.remove(CloudEvents.TIME_HEADER);
				yield new ProducerRecord<>(topic, null, valid.key(), valid.value(), headers);
			}
			case NEAR_BROKER_LIMIT -> {
				int overhead = 0;
				for (Header header : valid.headers()) {
					overhead += header.key().length() + header.value().length + 4;
				}
				// A record batch of one record: about 61 bytes of batch header and 20 of
				// record framing around the key, the value and the headers.
				int size = BROKER_LIMIT - 200 - customer.id().length() - overhead;
				byte[] value = new byte[size];
				Arrays.fill(value, (byte) 'x');
				byte[] prefix = utf8("{\"padding\":\"");
				System.arraycopy(prefix, 0, value, 0, prefix.length);
				value[size - 2] = '"';
				value[size - 1] = '}';
				yield with(valid, value);
			}
		};
	}

	private static ProducerRecord<String, byte[]> with(ProducerRecord<String, byte[]> record, byte[] value) {
		return new ProducerRecord<>(record.topic(), null, record.key(), value, record.headers());
	}

	private static ProducerRecord<String, byte[]> replaced(ProducerRecord<String, byte[]> record, String header,
			byte[] value) {
		RecordHeaders headers = new RecordHeaders(record.headers().toArray());
		headers.remove(header);
		headers.add(header, value);
		return new ProducerRecord<>(record.topic(), null, record.key(), record.value(), headers);
	}

	private static byte[] randomBytes(int length) {
		byte[] bytes = new byte[length];
		ThreadLocalRandom.current().nextBytes(bytes);
		return bytes;
	}

	private static byte[] utf8(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
