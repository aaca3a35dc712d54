package in.earlybird.notification.templates;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import in.earlybird.events.Customer;
import in.earlybird.events.EventType;
import in.earlybird.events.NotificationEvent;
import in.earlybird.notification.shared.EventJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class NotificationTemplatesIntegrationTests {

	/** Values each template's body must show for its sample event, by language. */
	private static final Map<TemplateType, Map<String, List<String>>> EXPECTED = Map.of(TemplateType.DELIVERY_REMINDER,
			Map.of("en", List.of("Toned Milk 500 ml", "28 Jan, 6-8 AM", "Bandra West", "https://earlybird.in/track"),
					"hi",
					List.of("Toned Milk 500 ml", "28 जन॰", "6-8 AM", "Bandra West", "https://earlybird.in/track")),
			TemplateType.DELIVERY_CONFIRMED,
			Map.of("en", List.of("ORD-58213", "28 Jan", "7:15 AM"), "hi", List.of("ORD-58213", "28 जन॰", "सुबह 7:15")),
			TemplateType.DELIVERY_DELAYED,
			Map.of("en", List.of("⏰", "heavy rain", "7:15 AM"), "hi", List.of("⏰", "heavy rain", "सुबह 7:15")),
			TemplateType.PAYMENT_REMINDER,
			Map.of("en", List.of("₹2,500", "January 2026", "5 Feb", "https://earlybird.in/pay/BILL-202601-1042"), "hi",
					List.of("₹2,500", "जनवरी 2026", "5 फ़र॰", "https://earlybird.in/pay/BILL-202601-1042")),
			TemplateType.PAYMENT_CONFIRMATION,
			Map.of("en", List.of("₹2,500", "UPI", "PAY-77120"), "hi", List.of("₹2,500", "UPI", "PAY-77120")),
			TemplateType.SUBSCRIPTION_CONFIRMATION,
			Map.of("en", List.of("Toned Milk 500 ml", "*2*", "1 Feb"), "hi",
					List.of("Toned Milk 500 ml", "*2*", "1 फ़र॰")),
			TemplateType.PAUSE_CONFIRMATION, Map.of("en", List.of("⏸️", "31 Jan"), "hi", List.of("⏸️", "31 जन॰")),
			TemplateType.ORDER_CONFIRMATION,
			Map.of("en", List.of("ORD-58213", "₹1,249.50", "28 Jan"), "hi",
					List.of("ORD-58213", "₹1,249.50", "28 जन॰")),
			TemplateType.CHURN_RISK,
			Map.of("en", List.of("❤️", "25% off", "COMEBACK25", "STOP"), "hi",
					List.of("❤️", "25% की छूट", "COMEBACK25", "STOP")),
			TemplateType.NEW_PRODUCT, Map.of("en", List.of("🆕", "A2 Cow Ghee 500 ml", "Bandra West", "1 Feb"), "hi",
					List.of("🆕", "A2 Cow Ghee 500 ml", "Bandra West", "1 फ़र॰")));

	private static InMemoryMongo mongo;

	private static NotificationTemplates templates;

	@BeforeAll
	static void seedTemplates() {
		mongo = new InMemoryMongo();
		templates = TemplateFixture.on(mongo.template()).seeded().templates();
	}

	@AfterAll
	static void stopMongo() {
		mongo.close();
	}

	static Stream<Arguments> everyTemplateInEveryLanguage() {
		return Stream.of(TemplateType.values())
			.flatMap((type) -> Stream.of(Arguments.of(type, "en"), Arguments.of(type, "hi")));
	}

	@ParameterizedTest(name = "{0} in {1}")
	@MethodSource("everyTemplateInEveryLanguage")
	void rendersEveryTemplateForItsSampleEvent(TemplateType type, String language) {
		NotificationEvent event = TestEvents.sample(type, language);

		RenderedNotification rendered = templates.render(event);

		assertThat(rendered.type()).isEqualTo(type);
		assertThat(rendered.providerTemplateName()).isEqualTo(type.key());
		assertThat(rendered.providerLanguage()).isEqualTo(language);
		assertThat(rendered.language()).isEqualTo(language);
		assertThat(rendered.templateVersion()).isEqualTo(1);
		assertThat(rendered.parameters()).hasSizeBetween(2, 5)
			.allSatisfy((parameter) -> assertThat(parameter).isNotBlank().doesNotContain("\n", "${", "{{"));
		assertThat(rendered.parameters().get(0)).isEqualTo("Ananya");
		assertThat(rendered.body()).contains("Ananya")
			.contains(EXPECTED.get(type).get(language))
			.doesNotContain("${", "{{", "<#", "9812345678")
			.hasSizeLessThanOrEqualTo(TemplateValidator.MAX_BODY_LENGTH);
		assertThat(rendered.parameters()).allSatisfy((parameter) -> assertThat(rendered.body()).contains(parameter));
	}

	@Test
	void rendersHindiInDevanagari() {
		RenderedNotification rendered = templates.render(TestEvents.deliveryScheduled("hi"));

		assertThat(rendered.body()).startsWith("नमस्ते Ananya जी! 👋").contains("की डिलीवरी");
	}

	@Test
	void fillsTheParametersOfTheApprovedTemplateInOrder() {
		RenderedNotification rendered = templates.render(TestEvents.deliveryScheduled("en"));

		assertThat(rendered.parameters()).containsExactly("Ananya", "Toned Milk 500 ml", "28 Jan", "6-8 AM",
				"Bandra West");
		assertThat(rendered.body()).isEqualTo("""
				Hi Ananya! 👋

				Your *Toned Milk 500 ml* delivery is scheduled for *28 Jan, 6-8 AM* in Bandra West.

				Track it here: https://earlybird.in/track

				Reply to pause or change this delivery.""");
	}

	@ParameterizedTest
	@ValueSource(strings = { "ta", "fr", "xx" })
	void fallsBackToEnglishForALanguageWithoutATranslation(String language) {
		RenderedNotification rendered = templates.render(TestEvents.deliveryScheduled(language));

		assertThat(rendered.language()).isEqualTo("en");
		assertThat(rendered.providerLanguage()).isEqualTo("en");
		assertThat(rendered.body()).startsWith("Hi Ananya!");
	}

	@ParameterizedTest
	@ValueSource(strings = { "hi-IN", "HI", "hi_IN", " hi " })
	void recognisesALanguageWrittenWithARegionOrInCapitals(String language) {
		assertThat(templates.render(TestEvents.deliveryScheduled(language)).language()).isEqualTo("hi");
	}

	@Test
	void refusesToSendABlankParameter() {
		assertThatExceptionOfType(TemplateRenderingException.class)
			.isThrownBy(() -> templates.render(TestEvents.deliveryDelayed("   ")))
			.withMessage("Template delivery_delayed (en, version 1): {{2}} rendered blank")
			.satisfies((ex) -> {
				assertThat(ex.type()).isEqualTo(TemplateType.DELIVERY_DELAYED);
				assertThat(ex.language()).isEqualTo("en");
				assertThat(ex.part()).isEqualTo("{{2}}");
				assertThat(ex.getMessage()).doesNotContain("9812345678");
			});
	}

	@Test
	void putsAParameterOnOneLine() {
		RenderedNotification rendered = templates.render(TestEvents.deliveryDelayed("heavy\n\train   and  traffic"));

		assertThat(rendered.parameters().get(1)).isEqualTo("heavy rain and traffic");
	}

	@Test
	void rendersAmountsInRupees() {
		assertThat(templates.render(TestEvents.billGenerated("125000.00")).parameters()).contains("₹1,25,000");
		assertThat(templates.render(TestEvents.billGenerated("2500.50")).parameters()).contains("₹2,500.50");
	}

	// What upstream teams are told to send (the event-schemas examples) must always
	// render.

	static Stream<Arguments> everyExampleInEveryLanguage() {
		return Stream.of(EventType.values())
			.flatMap((type) -> Stream.of(Arguments.of(type, "en"), Arguments.of(type, "hi")));
	}

	@ParameterizedTest(name = "{0} in {1}")
	@MethodSource("everyExampleInEveryLanguage")
	void rendersTheEventExampleWithNothingLeftEmpty(EventType type, String language) throws IOException {
		NotificationEvent example = example(type, language);

		RenderedNotification rendered = templates.render(example);

		assertThat(rendered.type()).isEqualTo(TemplateType.of(example));
		assertThat(rendered.language()).isEqualTo(language);
		assertThat(rendered.parameters()).isNotEmpty().allSatisfy((parameter) -> assertThat(parameter).isNotBlank());
		assertThat(rendered.body()).contains(example.customer().name())
			.doesNotContain("${")
			.doesNotContain("{{")
			.doesNotContain("null");
	}

	private static NotificationEvent example(EventType type, String language) throws IOException {
		try (InputStream in = EventType.class.getClassLoader().getResourceAsStream(type.exampleResource())) {
			JsonNode envelope = EventJson.mapper().readTree(in);
			NotificationEvent event = EventJson.mapper().treeToValue(envelope.get("data"), type.dataClass());
			Customer customer = event.customer();
			return withLanguage(event, new Customer(customer.id(), customer.name(), customer.phone(), language));
		}
	}

	private static NotificationEvent withLanguage(NotificationEvent event, Customer customer) {
		tools.jackson.databind.node.ObjectNode json = EventJson.mapper().valueToTree(event);
		json.set("customer", EventJson.mapper().valueToTree(customer));
		return EventJson.mapper().treeToValue(json, event.eventType().dataClass());
	}

}
