package in.earlybird.notification.admin;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import in.earlybird.notification.admin.AdminProblem.FieldError;
import in.earlybird.notification.templates.RenderedNotification;
import in.earlybird.notification.templates.TemplateDefinition;
import in.earlybird.notification.templates.TemplateTranslation;

/** What the template endpoints answer. */
final class TemplateViews {

	private TemplateViews() {
	}

	/**
	 * One version of a template.
	 *
	 * @param type the template key
	 * @param category {@code transactional} or {@code promotional}
	 * @param version the version
	 * @param updatedAt when it was saved
	 * @param updatedBy who saved it ({@code classpath} for the shipped version)
	 * @param translations the translations by language
	 */
	record TemplateView(String type, String category, int version, Instant updatedAt, String updatedBy,
			Map<String, TemplateTranslation> translations) {

		static TemplateView of(TemplateDefinition definition) {
			return new TemplateView(definition.type().key(), definition.type().category().value(), definition.version(),
					definition.updatedAt(), definition.updatedBy(), definition.translations());
		}

	}

	/**
	 * A template with its history and how its sample event renders.
	 *
	 * @param type the template key
	 * @param category {@code transactional} or {@code promotional}
	 * @param version the current version
	 * @param updatedAt when it was saved
	 * @param updatedBy who saved it
	 * @param translations the current translations by language
	 * @param versions every version, current first
	 * @param previews the sample event rendered in each language
	 */
	record TemplateDetailsView(String type, String category, int version, Instant updatedAt, String updatedBy,
			Map<String, TemplateTranslation> translations, List<VersionSummary> versions,
			Map<String, PreviewView> previews) {
	}

	/**
	 * An unsaved edit checked and rendered.
	 *
	 * @param valid whether {@code PUT} would accept the edit
	 * @param previews the sample event rendered in each language of the edit, when valid
	 * @param errors every broken rule by field, when not valid
	 */
	record DraftPreviewView(boolean valid, Map<String, PreviewView> previews, List<FieldError> errors) {
	}

	/**
	 * One version's authorship.
	 *
	 * @param version the version
	 * @param updatedAt when it was saved
	 * @param updatedBy who saved it
	 */
	record VersionSummary(int version, Instant updatedAt, String updatedBy) {

		static VersionSummary of(TemplateDefinition definition) {
			return new VersionSummary(definition.version(), definition.updatedAt(), definition.updatedBy());
		}

	}

	/**
	 * A rendering of a template's sample event.
	 *
	 * @param language the language used
	 * @param providerTemplateName the approved template's name at MyOperator
	 * @param providerLanguage the approved template's language
	 * @param parameters the positional parameters
	 * @param body the full text
	 */
	record PreviewView(String language, String providerTemplateName, String providerLanguage, List<String> parameters,
			String body) {

		static PreviewView of(RenderedNotification rendered) {
			return new PreviewView(rendered.language(), rendered.providerTemplateName(), rendered.providerLanguage(),
					rendered.parameters(), rendered.body());
		}

	}

}
