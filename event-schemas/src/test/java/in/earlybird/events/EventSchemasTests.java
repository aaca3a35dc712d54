package in.earlybird.events;

import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import com.networknt.schema.Error;
import com.networknt.schema.SchemaLocation;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The JSON Schemas match the Java records and reject what the contract forbids.
 */
class EventSchemasTests {

	@ParameterizedTest
	@EnumSource(EventType.class)
	void everyEventTypeHasASchemaAndAnExample(EventType type) {
		ClassLoader classLoader = getClass().getClassLoader();
		assertThat(classLoader.getResource(type.schemaResource())).as(type.schemaResource()).isNotNull();
		assertThat(classLoader.getResource(type.exampleResource())).as(type.exampleResource()).isNotNull();
	}

	@ParameterizedTest
	@EnumSource(EventType.class)
	void schemaIsADraft2020SchemaIdentifiedByItsEventType(EventType type) {
		JsonNode schema = schemaJson(type);
		assertThat(schema.get("$schema").stringValue()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
		assertThat(schema.get("$id").stringValue()).isEqualTo(type.schemaId().toString());
		assertThat(schema.get("title").stringValue()).isEqualTo(type.dataClass().getSimpleName());
		assertThat(schema.get("description").stringValue()).contains(type.ceType(), type.defaultTopic());
	}

	@Test
	void customerDefinitionIsIdenticalInEverySchema() {
		JsonNode first = schemaJson(EventType.values()[0]).at("/$defs/customer");
		assertThat(first.isObject()).isTrue();
		for (EventType type : EventType.values()) {
			assertThat(schemaJson(type).at("/$defs/customer")).as(type.fileName()).isEqualTo(first);
			assertThat(schemaJson(type).at("/properties/customer/$ref").stringValue()).isEqualTo("#/$defs/customer");
		}
	}

	@ParameterizedTest
	@EnumSource(EventType.class)
	void propertiesAndRequiredMatchTheRecordComponents(EventType type) {
		JsonNode schema = schemaJson(type);
		assertThat(schema.get("properties").propertyNames())
			.containsExactlyElementsOf(componentNames(type.dataClass(), false));
		assertThat(strings(schema.get("required"))).containsExactlyElementsOf(componentNames(type.dataClass(), true));
		assertThat(schema.get("additionalProperties").asBoolean(true)).isFalse();
	}

	@Test
	void customerPropertiesAndRequiredMatchTheCustomerRecord() {
		JsonNode customer = schemaJson(EventType.DELIVERY_SCHEDULED).at("/$defs/customer");
		assertThat(customer.get("properties").propertyNames())
			.containsExactlyElementsOf(componentNames(Customer.class, false));
		assertThat(strings(customer.get("required"))).containsExactlyElementsOf(componentNames(Customer.class, true))
			.doesNotContain("language");
		assertThat(customer.get("additionalProperties").asBoolean(true)).isFalse();
	}

	@ParameterizedTest
	@EnumSource(EventType.class)
	void everyPropertyIsDescribed(EventType type) {
		JsonNode schema = schemaJson(type);
		Stream
			.concat(schema.get("properties").properties().stream(),
					schema.at("/$defs/customer/properties").properties().stream())
			.forEach((property) -> assertThat(property.getValue().path("description").stringValue(""))
				.as(property.getKey())
				.isNotBlank());
	}

	@ParameterizedTest
	@EnumSource(EventType.class)
	void rejectsEachMissingRequiredField(EventType type) {
		for (String field : componentNames(type.dataClass(), true)) {
			ObjectNode data = EventJson.exampleData(type);
			data.remove(field);
			assertThat(errors(type, data)).as(field).anySatisfy((error) -> assertThat(error).contains(field));
		}
	}

	@ParameterizedTest
	@EnumSource(EventType.class)
	void rejectsUnknownFields(EventType type) {
		ObjectNode data = EventJson.exampleData(type);
		data.put("discount", "10");
		assertThat(errors(type, data)).singleElement().asString().contains("discount");
		ObjectNode customerData = EventJson.exampleData(type);
		((ObjectNode) customerData.get("customer")).put("email", "priya@example.in");
		assertThat(errors(type, customerData)).singleElement().asString().contains("email");
	}

	@ParameterizedTest
	@EnumSource(EventType.class)
	void rejectsEmptyStrings(EventType type) {
		ObjectNode data = EventJson.exampleData(type);
		((ObjectNode) data.get("customer")).put("name", "");
		assertThat(errors(type, data)).singleElement().asString().contains("/customer/name");
	}

	@ParameterizedTest
	@ValueSource(strings = { "2500.5", "2500", "0.1" })
	void rejectsAmountsSentAsJsonNumbers(String number) {
		ObjectNode data = EventJson.exampleData(EventType.BILL_GENERATED);
		data.put("amount", new BigDecimal(number));
		assertThat(errors(EventType.BILL_GENERATED, data)).singleElement().asString().contains("/amount");
	}

	@ParameterizedTest
	@ValueSource(strings = { "2500.005", "-100.00", "1,250.00", "₹2500", "02500", "2500.", ".50", "1e3", "" })
	void rejectsAmountsThatAreNotPlainRupeeDecimals(String amount) {
		ObjectNode data = EventJson.exampleData(EventType.PAYMENT_RECORDED);
		data.put("amount", amount);
		assertThat(errors(EventType.PAYMENT_RECORDED, data)).singleElement().asString().contains("/amount");
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", "0.5", "2500", "2500.5", "2500.00", "125000.75" })
	void acceptsAmountsAsDecimalStrings(String amount) {
		ObjectNode data = EventJson.exampleData(EventType.ORDER_CREATED);
		data.put("totalAmount", amount);
		assertThat(errors(EventType.ORDER_CREATED, data)).isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "+91512345678", "+915123456789", "9876543210", "919876543210", "+91 98765 43210",
			"+91-9876543210", "+9198765", "+919876543210\n", "+0123456789", "+1234567890123456", "" })
	void rejectsPhoneNumbersOutsideTheRules(String phone) {
		ObjectNode data = EventJson.exampleData(EventType.DELIVERY_SCHEDULED);
		((ObjectNode) data.get("customer")).put("phone", phone);
		assertThat(errors(EventType.DELIVERY_SCHEDULED, data)).singleElement().asString().contains("/customer/phone");
	}

	@ParameterizedTest
	@ValueSource(strings = { "+919876543210", "+916000000000", "+14155552671", "+447911123456", "+971501234567",
			"+91512345678", "9876543210", "+91 98765 43210", "+9198765", "+0123456789", "+1234567890123456" })
	void phonePatternAgreesWithPhoneNumber(String phone) {
		ObjectNode data = EventJson.exampleData(EventType.DELIVERY_SCHEDULED);
		((ObjectNode) data.get("customer")).put("phone", phone);
		assertThat(errors(EventType.DELIVERY_SCHEDULED, data).isEmpty()).isEqualTo(PhoneNumber.isValid(phone));
	}

	@ParameterizedTest
	@ValueSource(strings = { "english", "EN", "e", "hin", "" })
	void rejectsLanguagesThatAreNotTwoLetterCodes(String language) {
		ObjectNode data = EventJson.exampleData(EventType.BILL_GENERATED);
		((ObjectNode) data.get("customer")).put("language", language);
		assertThat(errors(EventType.BILL_GENERATED, data)).singleElement().asString().contains("/customer/language");
	}

	@ParameterizedTest
	@ValueSource(strings = { "2026-02-30", "2026-13-01", "28-01-2026", "2026-1-5", "2026/01/28",
			"2026-01-28T06:00:00+05:30", "" })
	void rejectsBadDates(String date) {
		ObjectNode data = EventJson.exampleData(EventType.DELIVERY_SCHEDULED);
		data.put("deliveryDate", date);
		assertThat(errors(EventType.DELIVERY_SCHEDULED, data)).isNotEmpty()
			.allSatisfy((error) -> assertThat(error).contains("/deliveryDate"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "2026-01-28T09:30:00", "2026-01-28 09:30:00+05:30", "2026-01-28T09:30+05:30",
			"2026-01-28T25:30:00+05:30", "2026-02-30T09:30:00+05:30", "2026-01-28" })
	void rejectsBadDateTimes(String dateTime) {
		ObjectNode data = EventJson.exampleData(EventType.DELIVERY_DELAYED);
		data.put("newEta", dateTime);
		assertThat(errors(EventType.DELIVERY_DELAYED, data)).isNotEmpty()
			.allSatisfy((error) -> assertThat(error).contains("/newEta"));
	}

	@ParameterizedTest
	@ValueSource(strings = { "2026-01-28T09:30:00Z", "2026-01-28T09:30:00.250+05:30", "2026-01-28T04:00:00-05:00" })
	void acceptsDateTimesWithAnyOffset(String dateTime) {
		ObjectNode data = EventJson.exampleData(EventType.DELIVERY_DELAYED);
		data.put("newEta", dateTime);
		assertThat(errors(EventType.DELIVERY_DELAYED, data)).isEmpty();
	}

	@Test
	void catchesImpossibleDatesOnlyWithFormatAssertions() {
		ObjectNode data = EventJson.exampleData(EventType.BILL_GENERATED);
		data.put("dueDate", "2026-02-30");
		assertThat(errors(EventType.BILL_GENERATED, data)).singleElement().asString().contains("/dueDate");
		assertThat(EventSchemas.registry(false)
			.getSchema(SchemaLocation.of(EventType.BILL_GENERATED.schemaId().toString()))
			.validate(data)).as("2020-12 only annotates format unless assertions are on").isEmpty();
	}

	@Test
	void datePatternCatchesWrongShapesEvenWithoutFormatAssertions() {
		ObjectNode data = EventJson.exampleData(EventType.BILL_GENERATED);
		data.put("dueDate", "05/02/2026");
		assertThat(EventSchemas.registry(false)
			.getSchema(SchemaLocation.of(EventType.BILL_GENERATED.schemaId().toString()))
			.validate(data)).isNotEmpty();
	}

	@ParameterizedTest
	@ValueSource(ints = { 0, 101, -5 })
	void rejectsOfferPercentOutsideOneToHundred(int percent) {
		ObjectNode data = EventJson.exampleData(EventType.CHURN_RISK_DETECTED);
		data.put("offerPercent", percent);
		assertThat(errors(EventType.CHURN_RISK_DETECTED, data)).singleElement().asString().contains("/offerPercent");
	}

	@Test
	void rejectsFractionalOfferPercent() {
		ObjectNode data = EventJson.exampleData(EventType.CHURN_RISK_DETECTED);
		data.put("offerPercent", 12.5);
		assertThat(errors(EventType.CHURN_RISK_DETECTED, data)).singleElement().asString().contains("/offerPercent");
	}

	@Test
	void rejectsQuantityBelowOne() {
		ObjectNode data = EventJson.exampleData(EventType.SUBSCRIPTION_CREATED);
		data.put("quantity", 0);
		assertThat(errors(EventType.SUBSCRIPTION_CREATED, data)).singleElement().asString().contains("/quantity");
	}

	@Test
	void rejectsUnknownPaymentMethod() {
		ObjectNode data = EventJson.exampleData(EventType.PAYMENT_RECORDED);
		data.put("method", "upi");
		assertThat(errors(EventType.PAYMENT_RECORDED, data)).singleElement().asString().contains("/method");
	}

	@Test
	void paymentMethodEnumMatchesTheJavaEnum() {
		assertThat(strings(schemaJson(EventType.PAYMENT_RECORDED).at("/properties/method/enum")))
			.containsExactlyElementsOf(Arrays.stream(PaymentMethod.values()).map(Enum::name).toList());
	}

	@Test
	void envelopeTypeEnumListsEveryEventType() {
		JsonNode envelope = EventJson.resource("schemas/cloudevent.schema.json");
		assertThat(envelope.get("$id").stringValue()).isEqualTo(EventSchemas.ENVELOPE_ID);
		assertThat(strings(envelope.at("/properties/type/enum")))
			.containsExactlyElementsOf(Arrays.stream(EventType.values()).map(EventType::ceType).toList());
	}

	@ParameterizedTest
	@MethodSource("brokenEnvelopes")
	void envelopeRejectsWhatCloudEventsOrTheContractForbid(String attribute, @Nullable Object value) {
		ObjectNode example = EventJson.example(EventType.DELIVERY_SCHEDULED);
		if (value == null) {
			example.remove(attribute);
		}
		else if (value instanceof Number number) {
			example.put(attribute, new BigDecimal(number.toString()));
		}
		else {
			example.put(attribute, value.toString());
		}
		assertThat(EventSchemas.envelope().validate(example)).as(attribute + "=" + value).isNotEmpty();
	}

	static Stream<Arguments> brokenEnvelopes() {
		return Stream.of(Arguments.of("specversion", "0.3"), Arguments.of("specversion", null), Arguments.of("id", ""),
				Arguments.of("id", null), Arguments.of("source", null),
				Arguments.of("type", "earlybird.delivery.cancelled"), Arguments.of("type", null),
				Arguments.of("time", "2026-01-27T18:30:00"), Arguments.of("time", null),
				Arguments.of("datacontenttype", "text/plain"), Arguments.of("data", "{}"), Arguments.of("data", null),
				Arguments.of("dataschema", "not a uri"), Arguments.of("TraceParent", "00-abc"),
				Arguments.of("data_base64", "e30="), Arguments.of("extension", 1.5));
	}

	@Test
	void envelopeAcceptsOmittedOptionalAttributes() {
		ObjectNode example = EventJson.example(EventType.DELIVERY_SCHEDULED);
		example.remove(List.of("subject", "dataschema"));
		assertThat(EventSchemas.envelope().validate(example)).isEmpty();
	}

	private static List<String> errors(EventType type, JsonNode data) {
		return EventSchemas.validate(type, data).stream().map(Error::toString).toList();
	}

	private static JsonNode schemaJson(EventType type) {
		return EventJson.resource(type.schemaResource());
	}

	private static List<String> strings(JsonNode array) {
		List<String> strings = new ArrayList<>();
		array.forEach((element) -> strings.add(element.stringValue()));
		return strings;
	}

	/**
	 * The record's component names in declaration order, optionally without those that
	 * may be null (marked {@code @Nullable} on the component or on the canonical
	 * constructor's parameter).
	 */
	private static Set<String> componentNames(Class<?> recordClass, boolean requiredOnly) {
		RecordComponent[] components = recordClass.getRecordComponents();
		Constructor<?> canonical = canonicalConstructor(recordClass, components);
		AnnotatedType[] parameterTypes = canonical.getAnnotatedParameterTypes();
		Set<String> names = new LinkedHashSet<>();
		for (int i = 0; i < components.length; i++) {
			boolean nullable = components[i].getAnnotatedType().isAnnotationPresent(Nullable.class)
					|| parameterTypes[i].isAnnotationPresent(Nullable.class);
			if (!requiredOnly || !nullable) {
				names.add(components[i].getName());
			}
		}
		return names;
	}

	private static Constructor<?> canonicalConstructor(Class<?> recordClass, RecordComponent[] components) {
		try {
			return recordClass.getDeclaredConstructor(
					Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new));
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
