package in.earlybird.notification.templates;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One version of a template: its translations and who made it when.
 *
 * @param type the template
 * @param version the version, 1 for the shipped definition and one more for each edit
 * @param updatedAt when this version was saved
 * @param updatedBy who saved it; {@value #SHIPPED_BY} for the definitions seeded from the
 * classpath
 * @param translations the translations by language code ({@code en}, {@code hi}); always
 * holds {@code en}
 */
public record TemplateDefinition(TemplateType type, int version, Instant updatedAt, String updatedBy,
		Map<String, TemplateTranslation> translations) {

	/**
	 * The language every template has, and the fallback for customers' other languages.
	 */
	public static final String DEFAULT_LANGUAGE = "en";

	/** The author recorded for definitions seeded from the classpath. */
	public static final String SHIPPED_BY = "classpath";

	/**
	 * Creates a definition with an unmodifiable, language-ordered copy of the
	 * translations.
	 * @param type the template
	 * @param version the version
	 * @param updatedAt when it was saved
	 * @param updatedBy who saved it
	 * @param translations the translations by language
	 */
	public TemplateDefinition {
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(updatedAt, "updatedAt");
		Objects.requireNonNull(updatedBy, "updatedBy");
		translations = Collections.unmodifiableMap(new TreeMap<>(translations));
	}

	/**
	 * Returns the translation for a language, if the template has one.
	 * @param language the language code
	 * @return the translation, or empty
	 */
	public Optional<TemplateTranslation> translation(String language) {
		return Optional.ofNullable(this.translations.get(language));
	}

}
