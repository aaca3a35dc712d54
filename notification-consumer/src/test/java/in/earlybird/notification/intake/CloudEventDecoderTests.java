package in.earlybird.notification.intake;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Optional;
import java.util.function.Consumer;

import in.earlybird.events.CloudEvent;
import in.earlybird.events.CloudEvents;
import in.earlybird.events.Customer;
import in.earlybird.events.DeliveryScheduled;
import in.earlybird.events.EventType;
import in.earlybird.events.NotificationEvent;
import in.earlybird.notification.TestEvents;
import in.earlybird.notification.shared.EventJson;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every way a record can fail to be an event, in binary and structured mode, each with
 * the code and the reason an upstream team acts on.
 */
class CloudEventDecoderTests {

	private static final String TOPIC = "earlybird.deliveries";

	private static final Customer CUSTOMER = new Customer("cust-1001", "Priya Sharma", "+919876543210", "en");

	private static final String EVENT_ID = "3b9c2f0e-7d4a-4c21-9a55-123456789012";

	private final CloudEventDecoder decoder = new CloudEventDecoder(new EventSchemas());

	@Test
	void decodesABinaryModeEvent() {
		CloudEvent<NotificationEvent> envelope = envelope();

		DecodedEvent decoded = this.decoder.decode(consumed(TestEvents.binary(TOPIC, envelope)));

		assertThat(decoded.id()).isEqualTo(EVENT_ID);
		assertThat(decoded.type()).isEqualTo(EventType.DELIVERY_SCHEDULED);
		assertThat(decoded.source()).isEqualTo("/earlybird/test");
		assertThat(decoded.time()).isEqualTo(envelope.time());
		assertThat(decoded.event()).isEqualTo(envelope.data());
	}

	@Test
	void decodesAStructuredModeEvent() {
		CloudEvent<NotificationEvent> envelope = envelope();

		DecodedEvent decoded = this.decoder.decode(consumed(TestEvents.structured(TOPIC, envelope)));

		assertThat(decoded.id()).isEqualTo(EVENT_ID);
		assertThat(decoded.type()).isEqualTo(EventType.DELIVERY_SCHEDULED);
		assertThat(decoded.event()).isEqualTo(envelope.data());
	}

	@Test
	void acceptsJsonMediaTypesWithParameters() {
		ProducerRecord<String, byte[]> binary = TestEvents.binary(TOPIC, envelope());
		set(binary.headers(), CloudEvents.CONTENT_TYPE_HEADER, "Application/JSON; charset=utf-8");

		assertThat(this.decoder.decode(consumed(binary)).id()).isEqualTo(EVENT_ID);
	}

	@Test
	void refusesARecordThatIsNotACloudEvent() {
		ProducerRecord<String, byte[]> plain = TestEvents.raw(TOPIC, "cust-1001", json(CUSTOMER), "content-type",
				"application/json");

		assertPoison(plain, CloudEventDecoder.MALFORMED, "not a CloudEvent");
	}

	@Test
	void refusesAnEmptyValueInEitherMode() {
		ProducerRecord<String, byte[]> binary = withValue(TestEvents.binary(TOPIC, envelope()), "");
		ProducerRecord<String, byte[]> structured = withValue(TestEvents.structured(TOPIC, envelope()), "");

		assertPoison(binary, CloudEventDecoder.MALFORMED, "empty record value");
		assertPoison(structured, CloudEventDecoder.MALFORMED, "empty record value");
	}

	@Test
	void refusesMalformedJsonInEitherMode() {
		assertPoison(withValue(TestEvents.binary(TOPIC, envelope()), "{not json"), CloudEventDecoder.MALFORMED,
				"value is not valid JSON");
		assertPoison(withValue(TestEvents.structured(TOPIC, envelope()), "{not json"), CloudEventDecoder.MALFORMED,
				"value is not valid JSON");
	}

	@Test
	void namesTheEventOfABinaryRecordWhoseDataIsUnreadable() {
		PoisonEventException poison = poison(withValue(TestEvents.binary(TOPIC, envelope()), "{not json"));

		// An id with a long run of digits is kept whole, so x-event-id finds it.
		assertThat(poison.eventId()).isEqualTo(EVENT_ID);
		assertThat(poison.eventType()).isEqualTo(EventType.DELIVERY_SCHEDULED.ceType());
	}

	@Test
	void refusesAStructuredEventThatIsNotAJsonObject() {
		PoisonEventException poison = poison(withValue(TestEvents.structured(TOPIC, envelope()), "[1, 2]"));

		assertThat(poison.code()).isEqualTo(CloudEventDecoder.MALFORMED);
		assertThat(poison).hasMessage("structured CloudEvent must be a JSON object");
		assertThat(poison.eventId()).isNull();
		assertThat(poison.eventType()).isNull();
	}

	@Test
	void refusesAnotherSpecVersionInEitherMode() {
		ProducerRecord<String, byte[]> binary = TestEvents.binary(TOPIC, envelope());
		set(binary.headers(), CloudEvents.SPEC_VERSION_HEADER, "0.3");

		assertPoison(binary, CloudEventDecoder.MALFORMED, "specversion must be \"1.0\" but was '0.3'");
		assertPoison(structured((json) -> json.put("specversion", "0.3")), CloudEventDecoder.MALFORMED,
				"specversion must be \"1.0\" but was '0.3'");
		assertPoison(structured((json) -> json.remove("specversion")), CloudEventDecoder.MALFORMED,
				"specversion must be \"1.0\" but was missing");
	}

	@ParameterizedTest
	@ValueSource(strings = { "id", "source", "type", "time" })
	void refusesABinaryEventWithoutEachRequiredAttribute(String attribute) {
		ProducerRecord<String, byte[]> missing = TestEvents.binary(TOPIC, envelope());
		missing.headers().remove("ce_" + attribute);
		ProducerRecord<String, byte[]> blank = TestEvents.binary(TOPIC, envelope());
		set(blank.headers(), "ce_" + attribute, " ");

		assertPoison(missing, CloudEventDecoder.MALFORMED, "missing CloudEvents attribute '" + attribute + "'");
		assertPoison(blank, CloudEventDecoder.MALFORMED, "missing CloudEvents attribute '" + attribute + "'");
	}

	@ParameterizedTest
	@ValueSource(strings = { "id", "source", "type", "time" })
	void refusesAStructuredEventWithoutEachRequiredAttribute(String attribute) {
		assertPoison(structured((json) -> json.remove(attribute)), CloudEventDecoder.MALFORMED,
				"missing CloudEvents attribute '" + attribute + "'");
		assertPoison(structured((json) -> json.put(attribute, 42)), CloudEventDecoder.MALFORMED,
				"missing CloudEvents attribute '" + attribute + "'");
	}

	@Test
	void refusesATimeThatIsNotAnRfc3339Timestamp() {
		ProducerRecord<String, byte[]> binary = TestEvents.binary(TOPIC, envelope());
		set(binary.headers(), CloudEvents.TIME_HEADER, "27/01/2026 10:00");

		assertPoison(binary, CloudEventDecoder.MALFORMED,
				"time must be an RFC 3339 timestamp but was '27/01/2026 10:00'");
		assertPoison(structured((json) -> json.put("time", "2026-01-27T10:00:00")), CloudEventDecoder.MALFORMED,
				"time must be an RFC 3339 timestamp");
	}

	@Test
	void refusesDataThatIsNotJsonInEitherMode() {
		ProducerRecord<String, byte[]> binary = TestEvents.binary(TOPIC, envelope());
		set(binary.headers(), CloudEvents.CONTENT_TYPE_HEADER, "text/plain");

		assertPoison(binary, CloudEventDecoder.MALFORMED,
				"unsupported content-type 'text/plain': data must be application/json");
		assertPoison(structured((json) -> json.put("datacontenttype", "application/xml")), CloudEventDecoder.MALFORMED,
				"unsupported datacontenttype 'application/xml': data must be application/json");
	}

	@Test
	void refusesBase64Data() {
		assertPoison(structured((json) -> {
			json.remove("data");
			json.put("data_base64", "eyJ9");
		}), CloudEventDecoder.MALFORMED, "data_base64 is not supported");
	}

	@Test
	void refusesAStructuredEventWithoutData() {
		assertPoison(structured((json) -> json.remove("data")), CloudEventDecoder.MALFORMED, "missing data");
		assertPoison(structured((json) -> json.putNull("data")), CloudEventDecoder.MALFORMED, "missing data");
	}

	@Test
	void refusesAnUnknownTypeNamingIt() {
		ProducerRecord<String, byte[]> binary = TestEvents.binary(TOPIC, envelope());
		set(binary.headers(), CloudEvents.TYPE_HEADER, "earlybird.delivery.teleported");

		PoisonEventException poison = poison(binary);

		assertThat(poison.code()).isEqualTo(CloudEventDecoder.UNKNOWN_TYPE);
		assertThat(poison).hasMessageContaining("unknown event type 'earlybird.delivery.teleported'");
		assertThat(poison.eventType()).isEqualTo("earlybird.delivery.teleported");
		assertPoison(structured((json) -> json.put("type", "earlybird.delivery.teleported")),
				CloudEventDecoder.UNKNOWN_TYPE, "earlybird.delivery.teleported");
	}

	@Test
	void refusesDataAgainstTheSchemaWithoutQuotingThePhoneNumber() {
		ProducerRecord<String, byte[]> binary = withValue(TestEvents.binary(TOPIC, envelope()),
				"{\"customer\": {\"id\": \"cust-1001\", \"name\": \"Priya\", \"phone\": \"+91987654321\"},"
						+ " \"deliveryId\": \"DEL-1\", \"deliveryDate\": \"2026-01-28\", \"slot\": \"6-8 AM\","
						+ " \"area\": \"Bandra\", \"product\": \"Milk\"}");

		PoisonEventException poison = poison(binary);

		assertThat(poison.code()).isEqualTo(CloudEventDecoder.SCHEMA_VIOLATION);
		assertThat(poison).hasMessageStartingWith("data does not match schemas/delivery-scheduled.schema.json")
			.hasMessageContaining("/customer/phone")
			.hasMessageNotContaining("987654321");
		assertThat(poison.eventId()).isEqualTo(EVENT_ID);
	}

	@Test
	void refusesStructuredDataAgainstTheSchema() {
		assertPoison(structured((json) -> ((ObjectNode) json.get("data")).remove("slot")),
				CloudEventDecoder.SCHEMA_VIOLATION, "slot");
	}

	@Test
	void refusesDataThatIsNotAnObject() {
		assertPoison(withValue(TestEvents.binary(TOPIC, envelope()), "[\"milk\"]"), CloudEventDecoder.SCHEMA_VIOLATION,
				"data must be a JSON object");
		assertPoison(structured((json) -> json.put("data", "milk")), CloudEventDecoder.SCHEMA_VIOLATION,
				"data must be a JSON object");
	}

	@Test
	void refusesDataTheSchemaAllowsButTheEventCannotHold() {
		// RFC 3339 (and so the schema) allows offsets up to 23:59; java.time up to 18:00.
		CloudEvent<NotificationEvent> confirmed = CloudEvent.of(EVENT_ID, "/earlybird/test",
				OffsetDateTime.parse("2026-06-30T10:00:00+05:30"), TestEvents.oneOfEach(CUSTOMER).get(1));
		ProducerRecord<String, byte[]> binary = TestEvents.binary(TOPIC, confirmed);
		String data = new String(binary.value(), StandardCharsets.UTF_8).replaceFirst("\"deliveredAt\":\"[^\"]+\"",
				"\"deliveredAt\":\"2026-06-30T10:00:00+19:00\"");

		assertPoison(withValue(binary, data), CloudEventDecoder.SCHEMA_VIOLATION,
				"data cannot be read as DeliveryConfirmed");
	}

	private void assertPoison(ProducerRecord<String, byte[]> record, String code, String reason) {
		PoisonEventException poison = poison(record);
		assertThat(poison.code()).as(poison.getMessage()).isEqualTo(code);
		assertThat(poison).hasMessageContaining(reason);
	}

	private PoisonEventException poison(ProducerRecord<String, byte[]> record) {
		return assertThatExceptionOfType(PoisonEventException.class)
			.isThrownBy(() -> this.decoder.decode(consumed(record)))
			.actual();
	}

	private static CloudEvent<NotificationEvent> envelope() {
		return CloudEvent.of(EVENT_ID, "/earlybird/test", OffsetDateTime.parse("2026-01-27T18:30:00+05:30"),
				new DeliveryScheduled(CUSTOMER, "DEL-20260128-0042", LocalDate.of(2026, 1, 28), "6-8 AM", "Bandra West",
						"Toned Milk 500 ml"));
	}

	/** A structured-mode record of {@link #envelope()}, changed as the test needs. */
	private static ProducerRecord<String, byte[]> structured(Consumer<ObjectNode> change) {
		ProducerRecord<String, byte[]> record = TestEvents.structured(TOPIC, envelope());
		ObjectNode json = (ObjectNode) EventJson.mapper().readTree(record.value());
		change.accept(json);
		return withValue(record, EventJson.mapper().writeValueAsString(json));
	}

	private static ProducerRecord<String, byte[]> withValue(ProducerRecord<String, byte[]> record, String value) {
		return new ProducerRecord<>(record.topic(), null, record.key(), value.getBytes(StandardCharsets.UTF_8),
				record.headers());
	}

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
		ConsumerRecord<String, byte[]> record = consumed(TestEvents.binary(TOPIC, envelope));
		record.headers().remove(name);
		record.headers().add(name, value);
		return record;
	}

	private static void set(Headers headers, String name, String value) {
		headers.remove(name);
		headers.add(name, value.getBytes(StandardCharsets.UTF_8));
	}

	private static String json(Object value) {
		return EventJson.mapper().writeValueAsString(value);
	}

	static ConsumerRecord<String, byte[]> consumed(ProducerRecord<String, byte[]> record) {
		byte[] value = record.value();
		return new ConsumerRecord<>(record.topic(), 0, 42, 0L, TimestampType.CREATE_TIME, -1,
				(value != null) ? value.length : -1, record.key(), value, record.headers(), Optional.empty());
	}

}
