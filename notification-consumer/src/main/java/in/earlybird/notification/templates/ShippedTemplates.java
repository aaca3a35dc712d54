package in.earlybird.notification.templates;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * The template definitions that ship with the service, one YAML file per template under
 * {@value #LOCATION}, shaped like the stored document: {@code translations}, then per
 * language {@code providerTemplateName}, {@code providerLanguage}, {@code parameters} and
 * {@code body}.
 */
@Component
class ShippedTemplates {

	/** Where the definitions live on the classpath; each file is named for its key. */
	static final String LOCATION = "templates/notifications/";

	/** The version of every shipped definition. */
	static final int VERSION = 1;

	private final Map<TemplateType, Map<String, TemplateTranslation>> translations;

	ShippedTemplates() {
		Map<TemplateType, Map<String, TemplateTranslation>> loaded = new EnumMap<>(TemplateType.class);
		for (TemplateType type : TemplateType.values()) {
			loaded.put(type, load(type));
		}
		this.translations = Collections.unmodifiableMap(loaded);
	}

	/**
	 * Returns the shipped definition of a template as version {@value #VERSION}.
	 * @param type the template
	 * @param at the time to record as its save time
	 * @return the definition
	 */
	TemplateDefinition definition(TemplateType type, Instant at) {
		return new TemplateDefinition(type, VERSION, at, TemplateDefinition.SHIPPED_BY, this.translations.get(type));
	}

	private static Map<String, TemplateTranslation> load(TemplateType type) {
		String location = LOCATION + type.key() + ".yaml";
		ClassPathResource resource = new ClassPathResource(location, ShippedTemplates.class.getClassLoader());
		Object document;
		try (InputStream in = resource.getInputStream()) {
			document = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read the shipped template " + location, ex);
		}
		Map<String, Object> translations = map(map(document, location).get("translations"), location + " translations");
		Map<String, TemplateTranslation> result = new TreeMap<>();
		translations.forEach((language, value) -> result.put(language,
				translation(map(value, location + " " + language), location + " " + language)));
		if (!result.containsKey(TemplateDefinition.DEFAULT_LANGUAGE)) {
			throw new IllegalStateException(
					location + " has no " + TemplateDefinition.DEFAULT_LANGUAGE + " translation");
		}
		return result;
	}

	private static TemplateTranslation translation(Map<String, Object> source, String where) {
		Object parameters = source.get("parameters");
		if (!(parameters instanceof List<?> list)) {
			throw new IllegalStateException(where + ": parameters must be a list");
		}
		List<String> snippets = new ArrayList<>(list.size());
		list.forEach((snippet) -> snippets.add(String.valueOf(snippet)));
		return new TemplateTranslation(string(source, "providerTemplateName", where),
				string(source, "providerLanguage", where), snippets, string(source, "body", where));
	}

	private static String string(Map<String, Object> source, String key, String where) {
		if (!(source.get(key) instanceof String value) || value.isBlank()) {
			throw new IllegalStateException(where + ": " + key + " must be a non-blank string");
		}
		return value;
	}

	private static Map<String, Object> map(@Nullable Object value, String where) {
		if (!(value instanceof Map<?, ?> map)) {
			throw new IllegalStateException(where + " must be a mapping");
		}
		Map<String, Object> result = new TreeMap<>();
		map.forEach((key, entry) -> result.put(String.valueOf(key), entry));
		return result;
	}

}
