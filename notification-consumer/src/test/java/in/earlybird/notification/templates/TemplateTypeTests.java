package in.earlybird.notification.templates;

import java.util.Arrays;

import in.earlybird.events.EventType;
import in.earlybird.notification.templates.TemplateType.Category;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

class TemplateTypeTests {

	@ParameterizedTest
	@EnumSource(TemplateType.class)
	void mapsEachSampleEventToItsTemplate(TemplateType type) {
		assertThat(TemplateType.of(TemplateSamples.sampleFor(type))).isEqualTo(type);
	}

	@Test
	void mapsEveryEventTypeOfTheContractToADifferentTemplate() {
		assertThat(Arrays.stream(EventType.values())
			.map((eventType) -> Arrays.stream(TemplateType.values())
				.filter((type) -> TemplateSamples.sampleFor(type).eventType() == eventType)
				.findFirst()
				.orElseThrow())
			.distinct()).hasSize(EventType.values().length);
	}

	@Test
	void mapsEventsAsTheProductSpecificationSays() {
		assertThat(TemplateType.of(TemplateSamples.sampleFor(TemplateType.DELIVERY_REMINDER)).key())
			.isEqualTo("delivery_reminder");
		assertThat(TemplateSamples.sampleFor(TemplateType.PAYMENT_REMINDER).eventType().ceType())
			.isEqualTo("earlybird.bill.generated");
		assertThat(TemplateSamples.sampleFor(TemplateType.NEW_PRODUCT).eventType().ceType())
			.isEqualTo("earlybird.product.launched");
		assertThat(TemplateSamples.sampleFor(TemplateType.CHURN_RISK).eventType().ceType())
			.isEqualTo("earlybird.customer.churn-risk-detected");
	}

	@ParameterizedTest
	@EnumSource(TemplateType.class)
	void findsEachTemplateByItsKey(TemplateType type) {
		assertThat(TemplateType.fromKey(type.key())).contains(type);
		assertThat(type.key()).matches("[a-z_]+").isEqualTo(type.name().toLowerCase(java.util.Locale.ROOT));
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

}
