package in.earlybird.notification.templates;

import java.io.IOException;
import java.io.InputStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

import in.earlybird.events.Customer;
import in.earlybird.events.EventType;
import in.earlybird.events.NotificationEvent;
import in.earlybird.notification.shared.EventJson;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Renders the published example of every event (from {@code event-schemas}) in both
 * languages: what upstream teams are told to send must always render, with no placeholder
 * left and no parameter empty.
 */
class EventExampleRenderingIntegrationTests {

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
