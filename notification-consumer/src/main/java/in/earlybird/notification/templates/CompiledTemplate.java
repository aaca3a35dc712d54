package in.earlybird.notification.templates;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateHashModel;

/**
 * A template definition parsed once and ready to render from many threads at once.
 *
 * @param type the template
 * @param version the definition's version
 * @param translations the parsed translations by language
 */
record CompiledTemplate(TemplateType type, int version, Map<String, Translation> translations) {

	private static final Pattern WHITESPACE_RUN = Pattern.compile("\\s+");

	private static final Pattern LINE_BREAKS = Pattern.compile("\\s*\\R+\\s*");

	CompiledTemplate {
		translations = Collections.unmodifiableMap(new TreeMap<>(translations));
	}

	/**
	 * Parses every snippet of a definition.
	 * @param definition the definition
	 * @param engine the FreeMarker set-up
	 * @return the compiled template
	 * @throws TemplateEngine.TemplateSyntaxException if a snippet does not parse or the
	 * English translation is missing
	 */
	static CompiledTemplate compile(TemplateDefinition definition, TemplateEngine engine) {
		if (definition.translation(TemplateDefinition.DEFAULT_LANGUAGE).isEmpty()) {
			throw new TemplateEngine.TemplateSyntaxException(
					"has no " + TemplateDefinition.DEFAULT_LANGUAGE + " translation to fall back on");
		}
		Map<String, Translation> translations = new TreeMap<>();
		definition.translations()
			.forEach((language, translation) -> translations.put(language,
					Translation.compile(definition.type(), definition.version(), language, translation, engine)));
		return new CompiledTemplate(definition.type(), definition.version(), translations);
	}

	/**
	 * Picks the translation for a customer's language: the language itself (ignoring case
	 * and any region, so {@code hi-IN} is {@code hi}) if the template has it, else
	 * English.
	 * @param requested the customer's preferred language
	 * @return the translation to use
	 */
	Translation translationFor(String requested) {
		String language = requested.strip().toLowerCase(Locale.ROOT);
		int region = indexOfRegion(language);
		if (region > 0) {
			language = language.substring(0, region);
		}
		Translation translation = this.translations.get(language);
		return (translation != null) ? translation
				: Objects.requireNonNull(this.translations.get(TemplateDefinition.DEFAULT_LANGUAGE));
	}

	private static int indexOfRegion(String language) {
		int dash = language.indexOf('-');
		return (dash >= 0) ? dash : language.indexOf('_');
	}

	/**
	 * Shortens a FreeMarker error to one line for messages and problem lists.
	 * @param ex the FreeMarker error
	 * @return its message on one line
	 */
	static String describe(TemplateException ex) {
		return LINE_BREAKS.matcher(ex.getMessageWithoutStackTop().replace("----", "")).replaceAll(" ").strip();
	}

	/**
	 * One parsed translation.
	 *
	 * @param language the language code
	 * @param providerTemplateName the approved template's name
	 * @param providerLanguage the approved template's language
	 * @param parameters the parsed parameter snippets in order
	 * @param body the parsed body
	 */
	record Translation(String language, String providerTemplateName, String providerLanguage, List<Template> parameters,
			Template body) {

		Translation {
			parameters = List.copyOf(parameters);
		}

		static Translation compile(TemplateType type, int version, String language, TemplateTranslation source,
				TemplateEngine engine) {
			List<Template> parameters = new ArrayList<>(source.parameters().size());
			for (int i = 0; i < source.parameters().size(); i++) {
				parameters
					.add(engine.compile(name(type, version, language, parameterName(i)), source.parameters().get(i)));
			}
			Template body = engine.compile(name(type, version, language, "body"), source.body());
			return new Translation(language, source.providerTemplateName(), source.providerLanguage(), parameters,
					body);
		}

		/**
		 * Renders the translation. Parameter values are put on one line with single
		 * spaces (WhatsApp rejects new-lines, tabs and runs of spaces in parameters).
		 * @param type the template
		 * @param version the definition's version
		 * @param model the event's data model for this language
		 * @return the rendered notification
		 * @throws TemplateRenderingException if a part fails or renders blank
		 */
		RenderedNotification render(TemplateType type, int version, TemplateHashModel model) {
			List<String> values = new ArrayList<>(this.parameters.size());
			for (int i = 0; i < this.parameters.size(); i++) {
				String value = oneLine(renderPart(type, version, parameterName(i), this.parameters.get(i), model));
				if (value.isEmpty()) {
					throw new TemplateRenderingException(type, this.language, version, parameterName(i),
							"rendered blank");
				}
				values.add(value);
			}
			String body = renderPart(type, version, "body", this.body, model).strip();
			if (body.isEmpty()) {
				throw new TemplateRenderingException(type, this.language, version, "body", "rendered blank");
			}
			return new RenderedNotification(type, this.providerTemplateName, this.providerLanguage, values, body,
					version, this.language);
		}

		private String renderPart(TemplateType type, int version, String part, Template template,
				TemplateHashModel model) {
			try {
				return TemplateEngine.process(template, model);
			}
			catch (TemplateException ex) {
				throw new TemplateRenderingException(type, this.language, version, part, "failed: " + describe(ex));
			}
		}

		static String oneLine(String value) {
			return WHITESPACE_RUN.matcher(value).replaceAll(" ").strip();
		}

		static String parameterName(int index) {
			return "{{" + (index + 1) + "}}";
		}

		private static String name(TemplateType type, int version, String language, String part) {
			return type.key() + "/" + language + "/v" + version + "/" + part;
		}

	}

}
