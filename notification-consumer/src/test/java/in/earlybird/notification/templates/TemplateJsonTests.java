package in.earlybird.notification.templates;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class TemplateJsonTests {

	private final JsonMapper json = JsonMapper.builder().findAndAddModules().build();

	@Test
	void readsAChangeThatOnlyHasTranslations() {
		TemplateChange change = this.json.readValue("""
				{"translations": {"en": {"providerTemplateName": "churn_risk", "providerLanguage": "en",
				  "parameters": ["${customer.name}"], "body": "Hi ${customer.name}"}}}
				""", TemplateChange.class);

		assertThat(change.parameterCountChanged()).isFalse();
		assertThat(change.expectedVersion()).isNull();
		assertThat(change.translations().get("en").parameters()).containsExactly("${customer.name}");
	}

	@Test
	void readsAChangeWithItsFlags() {
		TemplateChange change = this.json.readValue("""
				{"translations": {}, "parameterCountChanged": true, "expectedVersion": 3}
				""", TemplateChange.class);

		assertThat(change.parameterCountChanged()).isTrue();
		assertThat(change.expectedVersion()).isEqualTo(3);
	}

	@Test
	void writesATemplateByItsKey() {
		TemplateDefinition definition = new TemplateDefinition(TemplateType.CHURN_RISK, 2,
				Instant.parse("2026-01-27T10:30:00Z"), "asha@earlybird.in",
				Map.of("en", new TemplateTranslation("churn_risk", "en", List.of("${customer.name}"), "Hi")));

		assertThat(this.json.writeValueAsString(definition)).startsWith("{\"type\":\"churn_risk\",\"version\":2,")
			.contains("\"translations\":{\"en\":{\"providerTemplateName\":\"churn_risk\"");
		assertThat(this.json.readValue("\"new_product\"", TemplateType.class)).isEqualTo(TemplateType.NEW_PRODUCT);
	}

}
