package in.earlybird.notification.delivery.myoperator;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Reads MyOperator's list of approved templates, whose shape is a guess: so it looks for
 * the list and for each field under the names MyOperator or Meta are likely to use, and
 * skips what it cannot read rather than fail.
 */
final class ApprovedTemplateParser {

	/** Where the list may sit, tried in order (guess). */
	private static final List<String> LIST_PATHS = List.of("/data/results", "/data/templates", "/data/data", "/data",
			"/results", "/templates");

	private static final List<String> NAME_FIELDS = List.of("name", "template_name", "waba_template_name");

	private static final List<String> LANGUAGE_FIELDS = List.of("language", "language_code", "lang");

	private static final List<String> STATUS_FIELDS = List.of("status", "waba_template_status");

	private static final List<String> BODY_FIELDS = List.of("body", "template_body", "body_text", "content");

	private ApprovedTemplateParser() {
	}

	/**
	 * Finds the approved templates in a response body.
	 * @param body the parsed body
	 * @return the templates it could read, possibly none
	 * @throws IllegalArgumentException if no list of templates can be found at all
	 */
	static List<ApprovedTemplate> parse(JsonNode body) {
		JsonNode list = body.isArray() ? body : null;
		for (int i = 0; list == null && i < LIST_PATHS.size(); i++) {
			JsonNode candidate = body.at(LIST_PATHS.get(i));
			if (candidate.isArray()) {
				list = candidate;
			}
		}
		if (list == null) {
			throw new IllegalArgumentException("no list of templates in the response");
		}
		List<ApprovedTemplate> templates = new ArrayList<>();
		for (JsonNode item : list.values()) {
			String name = first(item, NAME_FIELDS);
			String language = language(item);
			String status = first(item, STATUS_FIELDS);
			boolean approved = status == null || status.toLowerCase(Locale.ROOT).equals("approved");
			if (name != null && language != null && approved) {
				templates.add(new ApprovedTemplate(name, language, first(item, List.of("category")), bodyText(item)));
			}
		}
		return List.copyOf(templates);
	}

	private static @Nullable String language(JsonNode item) {
		for (String field : LANGUAGE_FIELDS) {
			JsonNode value = item.get(field);
			if (value != null && value.isObject()) {
				// Meta's older shape: "language": {"code": "en"}
				value = value.get("code");
			}
			String text = text(value);
			if (text != null) {
				return text;
			}
		}
		return null;
	}

	private static @Nullable String bodyText(JsonNode item) {
		for (JsonNode component : item.path("components").values()) {
			if ("BODY".equalsIgnoreCase(text(component.get("type")))) {
				return text(component.get("text"));
			}
		}
		return first(item, BODY_FIELDS);
	}

	private static @Nullable String first(JsonNode item, List<String> fields) {
		for (String field : fields) {
			String text = text(item.get(field));
			if (text != null) {
				return text;
			}
		}
		return null;
	}

	private static @Nullable String text(@Nullable JsonNode node) {
		if (node == null || !node.isValueNode() || node.isNull()) {
			return null;
		}
		String text = node.asString();
		return text.isBlank() ? null : text;
	}

}
