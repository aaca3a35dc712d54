package in.earlybird.notification.templates;

import java.util.Map;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import org.jspecify.annotations.Nullable;

/**
 * An admin's new definition of a template, replacing all its translations.
 *
 * @param translations the new translations by language code; must hold {@code en}, and a
 * language left out is removed (its customers then get English)
 * @param parameterCountChanged whether the edit deliberately changes how many parameters
 * a translation has, because its Meta-approved template was re-approved with a different
 * count; otherwise each translation must keep the stored count ({@code false} when absent
 * from JSON)
 * @param expectedVersion the version the edit was based on, to refuse an edit that would
 * silently overwrite someone else's; {@code null} to skip the check
 */
public record TemplateChange(Map<String, TemplateTranslation> translations,
		@JsonSetter(nulls = Nulls.AS_EMPTY) boolean parameterCountChanged, @Nullable Integer expectedVersion) {

	/**
	 * Creates a change with an unmodifiable copy of the translations.
	 * @param translations the new translations
	 * @param parameterCountChanged whether parameter counts may change
	 * @param expectedVersion the version the edit was based on, or {@code null}
	 */
	public TemplateChange {
		Objects.requireNonNull(translations, "translations");
		translations = Map.copyOf(translations);
	}

	/**
	 * Creates a change that keeps the parameter counts and skips the version check.
	 * @param translations the new translations
	 */
	public TemplateChange(Map<String, TemplateTranslation> translations) {
		this(translations, false, null);
	}

}
