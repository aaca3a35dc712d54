package in.earlybird.notification.templates;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import in.earlybird.events.EventType;
import in.earlybird.events.NotificationEvent;
import in.earlybird.notification.shared.EventJson;
import in.earlybird.notification.templates.TemplateType.Category;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The mapping from events to templates, against the contract that upstream teams read:
 * each event type's schema names the template it gets and says whether it is promotional,
 * and each example event is mapped as its schema says.
 */
class TemplateTypeTests {

	private static final Pattern NAMED_TEMPLATE = Pattern.compile("sends the (\\w+) WhatsApp template");

	@ParameterizedTest
	@EnumSource(EventType.class)
	void sendsTheTemplateTheContractNamesForEachEventType(EventType eventType) {
		String description = contract(eventType.schemaResource()).get("description").asString();
		Matcher named = NAMED_TEMPLATE.matcher(description);
		assertThat(named.find()).as(description).isTrue();

		TemplateType type = TemplateType.of(example(eventType));

		assertThat(type.key()).isEqualTo(named.group(1));
		assertThat(type.category() == Category.PROMOTIONAL).as(description)
			.isEqualTo(description.contains("A promotional message"));
	}

	@Test
	void givesEveryEventTypeOfTheContractATemplateOfItsOwn() {
		assertThat(Arrays.stream(EventType.values()).map((eventType) -> TemplateType.of(example(eventType))))
			.doesNotHaveDuplicates()
			.containsExactlyInAnyOrder(TemplateType.values());
	}

	@ParameterizedTest
	@EnumSource(TemplateType.class)
	void findsEachTemplateByItsKey(TemplateType type) {
		assertThat(TemplateType.fromKey(type.key())).contains(type);
		assertThat(type.key()).matches("[a-z_]+");
	}

	@Test
	void findsNoTemplateForAnUnknownKey() {
		assertThat(TemplateType.fromKey("DELIVERY_REMINDER")).isEmpty();
		assertThat(TemplateType.fromKey("birthday_wishes")).isEmpty();
		assertThat(TemplateType.fromKey(null)).isEmpty();
	}

	@Test
	void namesEachCategoryAsOptOutsDo() {
		assertThat(Category.TRANSACTIONAL.value()).isEqualTo("transactional");
		assertThat(Category.PROMOTIONAL.value()).isEqualTo("promotional");
	}

	@Test
	void classifiesOnlyChurnRiskAndNewProductAsPromotional() {
		assertThat(Arrays.stream(TemplateType.values()).filter((type) -> type.category() == Category.PROMOTIONAL))
			.containsExactly(TemplateType.CHURN_RISK, TemplateType.NEW_PRODUCT);
	}

	private static NotificationEvent example(EventType eventType) {
		JsonNode example = contract(eventType.exampleResource());
		assertThat(example.get("type").asString()).isEqualTo(eventType.ceType());
		return EventJson.mapper().treeToValue(example.get("data"), eventType.dataClass());
	}

	private static JsonNode contract(String resource) {
		try (InputStream in = EventType.class.getClassLoader().getResourceAsStream(resource)) {
			assertThat(in).as(resource).isNotNull();
			return EventJson.mapper().readTree(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
