package in.earlybird.notification.delivery.myoperator;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link ApprovedTemplateParser}: the template list's shape is a guess, so
 * several likely shapes must read.
 */
class ApprovedTemplateParserTests {

	static final JsonMapper JSON = JsonMapper.builder().build();

	@ParameterizedTest
	@ValueSource(strings = { "{\"data\":{\"results\":[%s]}}", "{\"data\":[%s]}", "{\"data\":{\"templates\":[%s]}}",
			"{\"results\":[%s]}", "[%s]" })
	void findsTheListWhereverItIs(String shape) {
		String item = "{\"name\":\"delivery_reminder\",\"language\":\"en\",\"status\":\"APPROVED\"}";

		List<ApprovedTemplate> templates = ApprovedTemplateParser.parse(JSON.readTree(shape.formatted(item)));

		assertThat(templates).containsExactly(new ApprovedTemplate("delivery_reminder", "en", null, null));
	}

	@Test
	void readsMetaShapedTemplates() {
		String body = """
				{"data": [{"name": "payment_received", "language": {"code": "hi"}, "category": "UTILITY",
				  "status": "approved",
				  "components": [{"type": "HEADER", "text": "Hi"}, {"type": "BODY", "text": "₹{{1}} on {{2}}"}]}]}
				""";

		ApprovedTemplate template = ApprovedTemplateParser.parse(JSON.readTree(body)).getFirst();

		assertThat(template.name()).isEqualTo("payment_received");
		assertThat(template.language()).isEqualTo("hi");
		assertThat(template.category()).isEqualTo("UTILITY");
		assertThat(template.bodyParameterCount()).hasValue(2);
	}

	@Test
	void skipsTemplatesThatAreNotApprovedOrUnreadable() {
		String body = """
				{"data": [{"template_name": "a", "language_code": "en"},
				  {"name": "b", "language": "en", "waba_template_status": "PENDING"},
				  {"name": "c"}, 42]}
				""";

		assertThat(ApprovedTemplateParser.parse(JSON.readTree(body))).extracting(ApprovedTemplate::name)
			.containsExactly("a");
	}

	@Test
	void refusesAnAnswerWithoutAList() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ApprovedTemplateParser.parse(JSON.readTree("{\"status\":\"success\"}")));
	}

}
