package in.earlybird.notification.templates;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import freemarker.core.InvalidReferenceException;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateHashModel;
import in.earlybird.notification.templates.InvalidTemplateException.Problem;

import org.springframework.stereotype.Component;

/**
 * The rules an edited template must pass before it is saved: well-formed provider names,
 * snippets that parse and render the template's sample event in every language without a
 * blank or multi-line parameter, and the parameter count the approved template expects.
 */
@Component
class TemplateValidator {

	/** WhatsApp's limit on a template body. */
	static final int MAX_BODY_LENGTH = 1024;

	private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}");

	/** Meta's template names: lower-case letters, digits and underscores. */
	private static final Pattern PROVIDER_TEMPLATE_NAME = Pattern.compile("[a-z0-9_]{1,512}");

	/** Meta's language codes, e.g. {@code en}, {@code en_US}, {@code hi}. */
	private static final Pattern PROVIDER_LANGUAGE = Pattern.compile("[a-z]{2,3}(_[A-Z]{2})?");

	/** The FreeMarker parts of a source: interpolations and directives. */
	private static final Pattern FREEMARKER_PART = Pattern.compile("\\$\\{[^}]*}|<[#@][^>]*>");

	private static final Pattern BLOCKED_BUILT_IN = Pattern.compile("\\?\\s*(new|api)\\b");

	/**
	 * WhatsApp rejects a parameter with a new-line, a tab or more than four spaces in a
	 * row.
	 */
	private static final Pattern NOT_ONE_LINE = Pattern.compile("[\\n\\r\\t]| {5,}");

	private static final Pattern WHATSAPP_PLACEHOLDER = Pattern.compile("\\{\\{\\s*\\d*\\s*}}");

	private final TemplateEngine engine;

	TemplateValidator(TemplateEngine engine) {
		this.engine = engine;
	}

	/**
	 * Checks a change against the rules and compiles it.
	 * @param type the template
	 * @param change the new translations
	 * @param current the stored definition it replaces
	 * @param version the version the change will be saved as
	 * @return the compiled change, ready for the cache
	 * @throws InvalidTemplateException listing every broken rule
	 */
	CompiledTemplate validate(TemplateType type, TemplateChange change, TemplateDefinition current, int version) {
		List<Problem> problems = new ArrayList<>();
		if (!change.translations().containsKey(TemplateDefinition.DEFAULT_LANGUAGE)) {
			problems.add(new Problem("translations", "must include the " + TemplateDefinition.DEFAULT_LANGUAGE
					+ " translation, the fallback for every customer"));
		}
		Map<String, CompiledTemplate.Translation> compiled = new TreeMap<>();
		new TreeMap<>(change.translations()).forEach((language, translation) -> {
			String field = "translations." + language;
			if (!LANGUAGE.matcher(language).matches()) {
				problems.add(new Problem(field, "must be keyed by a two- or three-letter ISO 639 language code in "
						+ "lower case, e.g. en or hi"));
				return;
			}
			Optional<Integer> expectedCount = change.parameterCountChanged() ? Optional.empty()
					: expectedParameterCount(current, language);
			validateTranslation(type, version, language, translation, expectedCount, problems)
				.ifPresent((result) -> compiled.put(language, result));
		});
		if (!problems.isEmpty()) {
			throw new InvalidTemplateException(type, problems);
		}
		return new CompiledTemplate(type, version, compiled);
	}

	private static Optional<Integer> expectedParameterCount(TemplateDefinition current, String language) {
		return current.translation(language)
			.or(() -> current.translation(TemplateDefinition.DEFAULT_LANGUAGE))
			.map((translation) -> translation.parameters().size());
	}

	private Optional<CompiledTemplate.Translation> validateTranslation(TemplateType type, int version, String language,
			TemplateTranslation translation, Optional<Integer> expectedCount, List<Problem> problems) {
		String field = "translations." + language;
		int problemsBefore = problems.size();
		if (!PROVIDER_TEMPLATE_NAME.matcher(translation.providerTemplateName()).matches()) {
			problems.add(new Problem(field + ".providerTemplateName",
					"must be the approved template's name at MyOperator: lower-case letters, digits and underscores"));
		}
		if (!PROVIDER_LANGUAGE.matcher(translation.providerLanguage()).matches()) {
			problems.add(new Problem(field + ".providerLanguage",
					"must be the approved template's language code at MyOperator, e.g. en, en_US or hi"));
		}
		int count = translation.parameters().size();
		expectedCount.filter((expected) -> expected != count)
			.ifPresent((expected) -> problems.add(new Problem(field + ".parameters",
					"expected " + expected + " parameters (the approved template's count), got " + count
							+ "; set parameterCountChanged if the template was re-approved with a different count")));

		TemplateHashModel model = this.engine.model(TemplateSamples.sampleFor(type), language);
		List<Template> parameters = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			String parameterField = field + ".parameters[" + i + "]";
			String name = type.key() + "/" + language + "/v" + version + "/"
					+ CompiledTemplate.Translation.parameterName(i);
			compileAndRender(type, name, translation.parameters().get(i), model, parameterField, problems)
				.ifPresent((checked) -> {
					parameters.add(checked.template());
					checkParameterValue(checked.output(), parameterField, problems);
				});
		}
		Optional<Template> body = compileAndRender(type, type.key() + "/" + language + "/v" + version + "/body",
				translation.body(), model, field + ".body", problems)
			.map((checked) -> {
				checkBody(checked.output(), field + ".body", problems);
				return checked.template();
			});
		if (problems.size() > problemsBefore || body.isEmpty()) {
			return Optional.empty();
		}
		return Optional.of(new CompiledTemplate.Translation(language, translation.providerTemplateName(),
				translation.providerLanguage(), parameters, body.get()));
	}

	private Optional<Checked> compileAndRender(TemplateType type, String name, String source, TemplateHashModel model,
			String field, List<Problem> problems) {
		if (source.isBlank()) {
			problems.add(new Problem(field, "must not be blank"));
			return Optional.empty();
		}
		Optional<String> blocked = blockedBuiltIn(source);
		if (blocked.isPresent()) {
			problems.add(new Problem(field, "uses ?" + blocked.get() + ", which templates may not use"));
			return Optional.empty();
		}
		Template template;
		try {
			template = this.engine.compile(name, source);
		}
		catch (TemplateEngine.TemplateSyntaxException ex) {
			problems.add(new Problem(field, ex.getMessage()));
			return Optional.empty();
		}
		try {
			return Optional.of(new Checked(template, TemplateEngine.process(template, model)));
		}
		catch (TemplateException ex) {
			String hint = (ex instanceof InvalidReferenceException) ? " (the event has: "
					+ String.join(", ", TemplateEngine.fieldNames(TemplateSamples.sampleFor(type))) + ", and fmt)" : "";
			problems.add(new Problem(field, "fails on the sample event: " + CompiledTemplate.describe(ex) + hint));
			return Optional.empty();
		}
	}

	private static Optional<String> blockedBuiltIn(String source) {
		Matcher parts = FREEMARKER_PART.matcher(source);
		while (parts.find()) {
			Matcher builtIn = BLOCKED_BUILT_IN.matcher(parts.group());
			if (builtIn.find()) {
				return Optional.of(builtIn.group(1));
			}
		}
		return Optional.empty();
	}

	private static void checkParameterValue(String value, String field, List<Problem> problems) {
		if (value.isBlank()) {
			problems.add(new Problem(field, "renders blank for the sample event; WhatsApp rejects empty parameters"));
		}
		else if (NOT_ONE_LINE.matcher(value.strip()).find()) {
			problems.add(new Problem(field, "must render on one line: WhatsApp rejects new-lines, tabs and more "
					+ "than four spaces in a row in a parameter"));
		}
		else if (WHATSAPP_PLACEHOLDER.matcher(value).find()) {
			problems.add(new Problem(field, "renders a {{n}} placeholder; write a FreeMarker expression such as "
					+ "${customer.name} instead"));
		}
	}

	private static void checkBody(String output, String field, List<Problem> problems) {
		String body = output.strip();
		if (body.isEmpty()) {
			problems.add(new Problem(field, "renders blank for the sample event"));
		}
		else if (body.codePointCount(0, body.length()) > MAX_BODY_LENGTH) {
			problems.add(new Problem(field, "renders " + body.codePointCount(0, body.length())
					+ " characters for the sample event; WhatsApp allows at most " + MAX_BODY_LENGTH));
		}
		else if (WHATSAPP_PLACEHOLDER.matcher(body).find()) {
			problems.add(new Problem(field, "renders a {{n}} placeholder; the body is the full text, so write "
					+ "FreeMarker expressions such as ${customer.name} instead"));
		}
	}

	/** A snippet that parsed, and what it rendered for the sample. */
	private record Checked(Template template, String output) {
	}

}
