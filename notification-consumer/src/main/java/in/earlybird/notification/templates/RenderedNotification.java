package in.earlybird.notification.templates;

import java.util.List;
import java.util.Objects;

/**
 * An event rendered for one customer: what MyOperator needs to send the Meta-approved
 * template, and the full text to keep in history and show to admins.
 *
 * @param type the template
 * @param providerTemplateName the approved template's name at MyOperator
 * @param providerLanguage the approved template's language code at MyOperator, e.g.
 * {@code en} or {@code hi}
 * @param parameters the values of {@code {{1}}}, {@code {{2}}} … in order; never blank,
 * each on one line
 * @param body the full human-readable message
 * @param templateVersion the version of the template definition that rendered it
 * @param language the language actually used: the customer's if the template has a
 * translation for it, else {@code en}
 */
public record RenderedNotification(TemplateType type, String providerTemplateName, String providerLanguage,
		List<String> parameters, String body, int templateVersion, String language) {

	/**
	 * Creates a rendered notification with an unmodifiable copy of the parameters.
	 * @param type the template
	 * @param providerTemplateName the approved template's name
	 * @param providerLanguage the approved template's language
	 * @param parameters the positional values
	 * @param body the full text
	 * @param templateVersion the definition's version
	 * @param language the language used
	 */
	public RenderedNotification {
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(providerTemplateName, "providerTemplateName");
		Objects.requireNonNull(providerLanguage, "providerLanguage");
		parameters = List.copyOf(parameters);
		Objects.requireNonNull(body, "body");
		Objects.requireNonNull(language, "language");
	}

}
