package in.earlybird.notification.templates;

import java.util.List;
import java.util.Objects;

/**
 * One language of a template definition: the Meta-approved template it sends at
 * MyOperator, the FreeMarker snippets that fill its positional parameters, and the
 * FreeMarker body that renders the full text.
 *
 * @param providerTemplateName the approved template's name at MyOperator, e.g.
 * {@code delivery_reminder}
 * @param providerLanguage the approved template's language code, e.g. {@code en}
 * @param parameters one FreeMarker snippet per positional parameter, in order: the first
 * fills {@code {{1}}}, e.g. {@code ${customer.name}}
 * @param body a FreeMarker template rendering the full message
 */
public record TemplateTranslation(String providerTemplateName, String providerLanguage, List<String> parameters,
		String body) {

	/**
	 * Creates a translation with an unmodifiable copy of the parameters.
	 * @param providerTemplateName the approved template's name
	 * @param providerLanguage the approved template's language
	 * @param parameters the parameter snippets
	 * @param body the body template
	 */
	public TemplateTranslation {
		Objects.requireNonNull(providerTemplateName, "providerTemplateName");
		Objects.requireNonNull(providerLanguage, "providerLanguage");
		parameters = List.copyOf(parameters);
		Objects.requireNonNull(body, "body");
	}

}
