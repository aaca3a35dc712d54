package in.earlybird.notification.admin;

import in.earlybird.notification.TestTokens;
import in.earlybird.notification.admin.AdminCalls.Answer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /templates}, {@code GET /templates/{type}} and {@code PUT
 * /templates/{type}}.
 */
@AdminIntegrationTest
class TemplateApiIntegrationTests {

	private static final String TEMPLATES = AdminCalls.API + "/templates";

	@Autowired
	MockMvc mvc;

	@Autowired
	MongoTemplate mongo;

	AdminCalls calls;

	@BeforeEach
	void setUp() {
		this.calls = new AdminCalls(this.mvc);
	}

	@Test
	void listsTheTenTemplates() throws Exception {
		JsonNode templates = this.calls.get(TestTokens.viewer(), TEMPLATES).json();

		assertThat(templates.valueStream().map((template) -> template.get("type").asString())).containsExactly(
				"delivery_reminder", "delivery_confirmed", "delivery_delayed", "payment_reminder",
				"payment_confirmation", "subscription_confirmation", "pause_confirmation", "order_confirmation",
				"churn_risk", "new_product");
		assertThat(templates.get(8).get("category").asString()).isEqualTo("promotional");
		assertThat(templates.get(0).get("translations").get("en").get("parameters")).isNotEmpty();
	}

	@Test
	void showsATemplateWithItsVersionsAndPreviews() throws Exception {
		JsonNode template = this.calls.get(TestTokens.viewer(), TEMPLATES + "/delivery_reminder").json();

		assertThat(template.get("type").asString()).isEqualTo("delivery_reminder");
		assertThat(template.get("versions")).isNotEmpty();
		assertThat(template.get("previews").get("en").get("body").asString()).contains("Priya").doesNotContain("${");
		assertThat(template.get("previews").get("hi").get("language").asString()).isEqualTo("hi");

		Answer unknown = this.calls.get(TestTokens.viewer(), TEMPLATES + "/telegram");
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.json().get("code").asString()).isEqualTo("TEMPLATE_NOT_FOUND");
	}

	@Test
	void savesAValidEditAsANewVersionByTheCaller() throws Exception {
		int current = this.calls.get(TestTokens.admin(), TEMPLATES + "/new_product").json().get("version").asInt();

		Answer saved = this.calls.put(TestTokens.admin(), TEMPLATES + "/new_product", change(4, current));

		assertThat(saved.status()).as(saved.text()).isEqualTo(200);
		assertThat(saved.json().get("version").asInt()).isEqualTo(current + 1);
		assertThat(saved.json().get("updatedBy").asString()).isEqualTo("asha@earlybird.in");
		JsonNode versions = this.calls.get(TestTokens.viewer(), TEMPLATES + "/new_product/versions").json();
		assertThat(versions.get(0).get("version").asInt()).isEqualTo(current + 1);
		assertThat(versions.get(1).get("version").asInt()).isEqualTo(current);
		assertThat(this.calls.get(TestTokens.viewer(), TEMPLATES + "/new_product/preview?language=en")
			.json()
			.get("body")
			.asString()).startsWith("Fresh in");
		assertThat(this.mongo.count(Query.query(Criteria.where("action")
			.is("template.update")
			.and("target")
			.is("new_product")
			.and("outcome")
			.is("saved")
			.and("actor")
			.is("asha@earlybird.in")), AuditEntry.COLLECTION)).isPositive();
	}

	@Test
	void refusesAnEditThatBreaksARuleNamingTheField() throws Exception {
		Answer refused = this.calls.put(TestTokens.admin(), TEMPLATES + "/new_product", change(3, null));

		assertThat(refused.status()).isEqualTo(422);
		assertThat(refused.json().get("code").asString()).isEqualTo("INVALID_TEMPLATE");
		assertThat(refused.json().get("errors").get(0).get("field").asString()).startsWith("translations.en");

		Answer unparsable = this.calls.put(TestTokens.admin(), TEMPLATES + "/new_product", """
				{"translations": {"en": {"providerTemplateName": "new_product", "providerLanguage": "en",
				  "parameters": ["${customer.name", "${product}", "${area}", "x"], "body": "Hi <#if>"}}}
				""");
		assertThat(unparsable.status()).isEqualTo(422);
		assertThat(MessageIntegrationTests.fields(unparsable.json())).anyMatch((field) -> field.contains("parameters"));

		Answer noTranslations = this.calls.put(TestTokens.admin(), TEMPLATES + "/new_product", "{}");
		assertThat(noTranslations.status()).isEqualTo(400);
		assertThat(MessageIntegrationTests.fields(noTranslations.json())).containsExactly("translations");
	}

	@Test
	void refusesAnEditBasedOnAnOldVersion() throws Exception {
		Answer conflict = this.calls.put(TestTokens.admin(), TEMPLATES + "/new_product", change(4, 0));

		assertThat(conflict.status()).isEqualTo(409);
		assertThat(conflict.json().get("code").asString()).isEqualTo("VERSION_CONFLICT");
	}

	@Test
	void refusesViewersAnEdit() throws Exception {
		assertThat(this.calls.put(TestTokens.viewer(), TEMPLATES + "/new_product", change(4, null)).status())
			.isEqualTo(403);
	}

	private static String change(int parameters, Integer expectedVersion) {
		String snippets = String.join(", ",
				java.util.List
					.of("\"${customer.name}\"", "\"${product}\"", "\"${area}\"", "\"${fmt.date(launchDate)}\"")
					.subList(0, parameters));
		return """
				{"translations": {"en": {"providerTemplateName": "new_product", "providerLanguage": "en",
				  "parameters": [%s],
				  "body": "Fresh in ${area}: *${product}* from ${fmt.date(launchDate)}, ${customer.name}!"}},
				 "expectedVersion": %s}
				""".formatted(snippets, expectedVersion);
	}

}
