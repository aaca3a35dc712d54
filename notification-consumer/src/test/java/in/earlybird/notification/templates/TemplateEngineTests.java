package in.earlybird.notification.templates;

import freemarker.template.TemplateException;
import freemarker.template.TemplateHashModel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class TemplateEngineTests {

	private final TemplateEngine engine = new TemplateEngine();

	private final TemplateHashModel model = this.engine.model(TestEvents.deliveryScheduled("en"), "en");

	@Test
	void exposesTheEventsFieldsByName() throws TemplateException {
		assertThat(render("${customer.name} ${product} ${area} ${slot} ${customer.language}"))
			.isEqualTo("Ananya Toned Milk 500 ml Bandra West 6-8 AM en");
	}

	@Test
	void exposesTheFormattingHelpers() throws TemplateException {
		assertThat(render("${fmt.date(deliveryDate)} ${fmt.rupees(125000)}")).isEqualTo("28 Jan ₹1,25,000");
	}

	@Test
	void rendersRawNumbersWithoutLocaleGrouping() throws TemplateException {
		TemplateHashModel bill = this.engine.model(TestEvents.billGenerated("2500.00"), "en");
		assertThat(TemplateEngine.process(this.engine.compile("test", "${amount}"), bill)).isEqualTo("2500");
	}

	@Test
	void neverExposesThePhoneNumber() {
		assertThatExceptionOfType(TemplateException.class).isThrownBy(() -> render("${customer.phone}"));
	}

	@Test
	void exposesNoJavaMethodsOfValues() throws TemplateException {
		assertThat(render("${deliveryDate}")).isEqualTo("2026-01-28");
		assertThatExceptionOfType(TemplateException.class).isThrownBy(() -> render("${deliveryDate.getYear()}"));
		assertThatExceptionOfType(TemplateException.class).isThrownBy(() -> render("${deliveryDate.class}"));
	}

	@Test
	void blocksInstantiatingJavaClassesWithNew() {
		assertThatExceptionOfType(TemplateException.class)
			.isThrownBy(() -> render("<#assign run = \"freemarker.template.utility.Execute\"?new()>${run(\"id\")}"))
			.withMessageContaining("Execute");
	}

	@Test
	void blocksTheApiBuiltIn() {
		assertThatExceptionOfType(TemplateException.class).isThrownBy(() -> render("${customer?api.size()}"))
			.withMessageContaining("api");
	}

	@Test
	void cannotIncludeOtherTemplates() {
		assertThatExceptionOfType(TemplateException.class).isThrownBy(() -> render("<#include \"/application.yaml\">"));
	}

	@Test
	void failsOnAMissingValueInsteadOfPrintingNothing() {
		assertThatExceptionOfType(TemplateException.class).isThrownBy(() -> render("${customer.nickname}"))
			.withMessageContaining("customer.nickname");
	}

	@Test
	void reportsWhereASourceFailsToParse() {
		assertThatExceptionOfType(TemplateEngine.TemplateSyntaxException.class)
			.isThrownBy(() -> this.engine.compile("test", "Hi ${customer.name"))
			.withMessageStartingWith("syntax error at line 1");
	}

	@Test
	void leavesHtmlAndWhatsAppFormattingAlone() throws TemplateException {
		assertThat(render("*<b>${area}</b>* & _more_")).isEqualTo("*<b>Bandra West</b>* & _more_");
	}

	private String render(String source) throws TemplateException {
		return TemplateEngine.process(this.engine.compile("test", source), this.model);
	}

}
