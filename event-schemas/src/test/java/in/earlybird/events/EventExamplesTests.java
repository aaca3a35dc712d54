package in.earlybird.events;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The example of every event is a valid structured-mode CloudEvent whose data survives a
 * round trip through the Java records unchanged.
 */
class EventExamplesTests {

	private static final ZoneOffset IST = ZoneOffset.ofHoursMinutes(5, 30);

	@ParameterizedTest
	@EnumSource(EventType.class)
	void exampleIsAValidStructuredModeCloudEvent(EventType type) {
		assertThat(EventSchemas.envelope().validate(EventJson.example(type))).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(EventType.class)
	void exampleDataConformsToItsEventSchema(EventType type) {
		assertThat(EventSchemas.validate(type, EventJson.exampleData(type))).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(EventType.class)
	void exampleNamesItsTypeSchemaAndCustomer(EventType type) {
		ObjectNode example = EventJson.example(type);
		assertThat(example.get("type").stringValue()).isEqualTo(type.ceType());
		assertThat(example.get("dataschema").stringValue()).isEqualTo(type.schemaId().toString());
		assertThat(example.get("subject").stringValue()).isEqualTo(example.at("/data/customer/id").stringValue());
		assertThat(example.get("datacontenttype").stringValue()).isEqualTo(CloudEvents.JSON);
		assertThat(OffsetDateTime.parse(example.get("time").stringValue()).getOffset()).isEqualTo(IST);
	}

	@ParameterizedTest
	@EnumSource(EventType.class)
	void exampleDataRoundTripsThroughItsRecordWithoutLoss(EventType type) {
		ObjectNode data = EventJson.exampleData(type);
		NotificationEvent event = EventJson.mapper().readValue(data.toString(), type.dataClass());
		assertThat(event.eventType()).isEqualTo(type);
		JsonNode written = EventJson.mapper().readTree(EventJson.mapper().writeValueAsString(event));
		assertThat(written).isEqualTo(data);
		assertThat(EventSchemas.validate(type, written)).isEmpty();
	}

	@ParameterizedTest
	@EnumSource(EventType.class)
	void exampleRoundTripsThroughCloudEventWithoutLoss(EventType type) {
		String json = EventJson.text(type.exampleResource());
		CloudEvent<?> event = EventJson.mapper().readValue(json, EventJson.cloudEventOf(type));
		assertThat(event.data()).isInstanceOf(type.dataClass());
		assertThat(event.type()).isEqualTo(type.ceType());
		assertThat(event.time().getOffset()).isEqualTo(IST);
		JsonNode written = EventJson.mapper().readTree(EventJson.mapper().writeValueAsString(event));
		assertThat(written).isEqualTo(EventJson.mapper().readTree(json));
	}

	@Test
	void amountsStayExactDecimalStrings() {
		BillGenerated bill = EventJson.mapper()
			.readValue(EventJson.exampleData(EventType.BILL_GENERATED).toString(), BillGenerated.class);
		assertThat(bill.amount()).isEqualByComparingTo("2500").hasScaleOf(2);
		JsonNode written = EventJson.mapper().valueToTree(bill);
		assertThat(written.get("amount").isString()).isTrue();
		assertThat(written.get("amount").stringValue()).isEqualTo("2500.00");
	}

	@Test
	void amountsAreWrittenInPlainNotationEvenWhenCreatedWithAnExponent() {
		OrderCreated order = new OrderCreated(customer("en"), "ORD-1", new BigDecimal("1E+3"),
				LocalDate.of(2026, 1, 29));
		JsonNode written = EventJson.mapper().readTree(EventJson.mapper().writeValueAsString(order));
		assertThat(written.get("totalAmount").stringValue()).isEqualTo("1000");
		assertThat(EventSchemas.validate(EventType.ORDER_CREATED, written)).isEmpty();
	}

	@Test
	void dateTimesKeepTheirOffset() {
		DeliveryConfirmed confirmed = EventJson.mapper()
			.readValue(EventJson.exampleData(EventType.DELIVERY_CONFIRMED).toString(), DeliveryConfirmed.class);
		assertThat(confirmed.deliveredAt()).isEqualTo(OffsetDateTime.of(2026, 1, 28, 7, 12, 45, 0, IST));
		assertThat(confirmed.deliveredAt().getOffset()).isEqualTo(IST);
		assertThat(EventJson.mapper().valueToTree(confirmed).get("deliveredAt").stringValue())
			.isEqualTo("2026-01-28T07:12:45+05:30");
	}

	@Test
	void datesStayCalendarDates() {
		SubscriptionPaused paused = EventJson.mapper()
			.readValue(EventJson.exampleData(EventType.SUBSCRIPTION_PAUSED).toString(), SubscriptionPaused.class);
		assertThat(paused.resumeDate()).isEqualTo(LocalDate.of(2026, 2, 10));
		assertThat(EventJson.mapper().valueToTree(paused).get("resumeDate").stringValue()).isEqualTo("2026-02-10");
	}

	@Test
	void someExamplesAreForHindiSpeakingCustomers() {
		assertThat(Arrays.stream(EventType.values()).map(EventJson::exampleData))
			.anySatisfy((data) -> assertThat(data.at("/customer/language").stringValue()).isEqualTo("hi"));
	}

	@Test
	void missingLanguageMeansEnglish() {
		ObjectNode data = EventJson.exampleData(EventType.DELIVERY_SCHEDULED);
		((ObjectNode) data.get("customer")).remove("language");
		assertThat(EventSchemas.validate(EventType.DELIVERY_SCHEDULED, data)).isEmpty();
		DeliveryScheduled event = EventJson.mapper().readValue(data.toString(), DeliveryScheduled.class);
		assertThat(event.customer().language()).isEqualTo(Customer.DEFAULT_LANGUAGE);
	}

	@Test
	void extensionAttributesAreValidAndIgnoredWhenReading() {
		ObjectNode example = EventJson.example(EventType.PAYMENT_RECORDED);
		example.put("traceparent", "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01");
		example.put("partitionkey", "cust-1001");
		assertThat(EventSchemas.envelope().validate(example)).isEmpty();
		CloudEvent<?> event = EventJson.mapper()
			.readValue(example.toString(), EventJson.cloudEventOf(EventType.PAYMENT_RECORDED));
		assertThat(event.id()).isEqualTo(example.get("id").stringValue());
	}

	@ParameterizedTest
	@EnumSource(EventType.class)
	void cloudEventOfWritesWhatTheSchemasAccept(EventType type) {
		NotificationEvent data = EventJson.mapper().readValue(EventJson.exampleData(type).toString(), type.dataClass());
		CloudEvent<NotificationEvent> event = CloudEvent.of("0b7e6c1a-2f44-4d2b-9f0e-5a1c3d7e9b21", "/earlybird/test",
				OffsetDateTime.of(2026, 1, 27, 18, 30, 0, 0, IST), data);
		assertThat(event.subject()).isEqualTo(data.customer().id());
		assertThat(event.dataschema()).isEqualTo(type.schemaId());
		JsonNode written = EventJson.mapper().valueToTree(event);
		assertThat(EventSchemas.envelope().validate(written)).isEmpty();
		assertThat(EventSchemas.validate(type, written.get("data"))).isEmpty();
	}

	@Test
	void absentOptionalAttributesAreLeftOutRatherThanWrittenAsNull() {
		DeliveryScheduled data = EventJson.mapper()
			.readValue(EventJson.exampleData(EventType.DELIVERY_SCHEDULED).toString(), DeliveryScheduled.class);
		CloudEvent<DeliveryScheduled> event = new CloudEvent<>(CloudEvents.SPEC_VERSION, "id-1", "/earlybird/test",
				EventType.DELIVERY_SCHEDULED.ceType(), OffsetDateTime.now(IST), null, CloudEvents.JSON, (URI) null,
				data);
		JsonNode written = EventJson.mapper().valueToTree(event);
		assertThat(written.has("subject")).isFalse();
		assertThat(written.has("dataschema")).isFalse();
		assertThat(EventSchemas.envelope().validate(written)).isEmpty();
	}

	private static Customer customer(String language) {
		return new Customer("cust-1001", "Priya Sharma", "+919876543210", language);
	}

}
