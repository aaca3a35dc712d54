package in.earlybird.notification.sandbox;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks a {@code POST /chat/messages} body against everything {@code MYOPERATOR.md}
 * documents, field by field, and says which field is wrong and why.
 */
final class SendRequestValidator {

	private static final JsonMapper STRICT_JSON = JsonMapper.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
		.build();

	private static final Set<String> TOP_LEVEL_FIELDS = Set.of("phone_number_id", "customer_country_code",
			"customer_number", "data", "reply_to", "myop_ref_id");

	private static final Set<String> DATA_FIELDS = Set.of("type", "context");

	/**
	 * {@code buttons} is single-sourced (a dynamic URL button), so allowed but checked.
	 */
	private static final Set<String> TEMPLATE_CONTEXT_FIELDS = Set.of("template_name", "language", "body", "buttons");

	private static final Set<String> BUTTON_FIELDS = Set.of("index", "id");

	private static final Set<String> TEXT_CONTEXT_FIELDS = Set.of("body", "preview_url");

	private static final Pattern COUNTRY_CODE = Pattern.compile("[1-9]\\d{0,2}");

	private static final Pattern INDIAN_MOBILE = Pattern.compile("[6-9]\\d{9}");

	private static final Pattern NATIONAL_NUMBER = Pattern.compile("\\d{4,14}");

	private static final Pattern LANGUAGE = Pattern.compile("[a-z]{2,3}(_[A-Z]{2})?");

	private final SandboxSettings settings;

	SendRequestValidator(SandboxSettings settings) {
		this.settings = settings;
	}

	/**
	 * Checks a request body.
	 * @param body the raw body
	 * @return the message it holds
	 * @throws Invalid naming the first problem found
	 */
	Valid check(byte[] body) throws Invalid {
		JsonNode root;
		try {
			root = STRICT_JSON.readTree(body);
		}
		catch (JacksonException ex) {
			throw new Invalid(400, "400", "request body is not valid JSON: " + ex.getOriginalMessage(), null);
		}
		if (root == null || !root.isObject()) {
			throw new Invalid(400, "400", "request body must be a JSON object", null);
		}
		String refId = (root.get("myop_ref_id") != null && root.get("myop_ref_id").isString())
				? root.get("myop_ref_id").stringValue() : null;
		JsonNode data = root.get("data");
		if (data != null && data.isObject() && data.has("language")) {
			// observed: a data.language next to data.context made MyOperator fail with
			// 500
			throw new Invalid(500, "500", null, refId);
		}
		onlyKnownFields(root, TOP_LEVEL_FIELDS, "", refId);

		String phoneNumberId = requiredString(root, "phone_number_id", "", refId);
		if (!phoneNumberId.equals(this.settings.phoneNumberId())) {
			throw new Invalid(400, "400", "phone_number_id '" + phoneNumberId + "' is not this account's ('"
					+ this.settings.phoneNumberId() + "')", refId);
		}
		String countryCode = requiredString(root, "customer_country_code", "", refId);
		if (countryCode.startsWith("+")) {
			throw new Invalid(400, "400", "customer_country_code must be digits without '+'", refId);
		}
		if (!COUNTRY_CODE.matcher(countryCode).matches()) {
			throw new Invalid(400, "400", "customer_country_code must be 1 to 3 digits, not '" + countryCode + "'",
					refId);
		}
		String number = requiredString(root, "customer_number", "", refId);
		if ("91".equals(countryCode) ? !INDIAN_MOBILE.matcher(number).matches()
				: !NATIONAL_NUMBER.matcher(number).matches()) {
			// echoes the number, as real APIs do, so that clients prove they scrub it
			throw new Invalid(400, "400", "customer_number '" + number + "' is not a valid " + ("91".equals(countryCode)
					? "Indian mobile number (10 digits starting with 6-9)" : "national number (4 to 14 digits)"),
					refId);
		}
		JsonNode replyTo = root.get("reply_to");
		if (replyTo != null && !replyTo.isNull() && !(replyTo.isString() && !replyTo.stringValue().isBlank())) {
			throw new Invalid(400, "400", "reply_to must be null or a message id", refId);
		}
		if (refId == null || refId.isBlank()) {
			throw new Invalid(400, "400", "myop_ref_id is required and must be a non-empty string", refId);
		}

		if (data == null || !data.isObject()) {
			throw new Invalid(400, "400", "data is required and must be an object", refId);
		}
		onlyKnownFields(data, DATA_FIELDS, "data.", refId);
		String type = requiredString(data, "type", "data.", refId);
		JsonNode context = data.get("context");
		if (context == null || !context.isObject()) {
			throw new Invalid(400, "400", "data.context is required and must be an object", refId);
		}
		return switch (type) {
			case "template" -> template(refId, countryCode, number, context);
			case "text" -> text(refId, countryCode, number, context);
			default ->
				throw new Invalid(400, "400", "data.type must be 'template' or 'text', not '" + type + "'", refId);
		};
	}

	private Valid template(String refId, String countryCode, String number, JsonNode context) throws Invalid {
		onlyKnownFields(context, TEMPLATE_CONTEXT_FIELDS, "data.context.", refId);
		String templateName = requiredString(context, "template_name", "data.context.", refId);
		String language = requiredString(context, "language", "data.context.", refId);
		if (!LANGUAGE.matcher(language).matches()) {
			throw new Invalid(400, "400",
					"data.context.language must be a language code like 'en' or 'en_US', not '" + language + "'",
					refId);
		}
		List<String> parameters = parameters(context.get("body"), refId);
		buttons(context.get("buttons"), refId);
		if (!this.settings.templates().isEmpty()) {
			SandboxSettings.Template template = this.settings.templates()
				.stream()
				.filter((t) -> t.name().equals(templateName) && t.language().equals(language))
				.findFirst()
				.orElseThrow(() -> new Invalid(400, "132001",
						"template '" + templateName + "' does not exist in '" + language + "'", refId));
			if (template.parameterCount() != parameters.size()) {
				throw new Invalid(400, "132000", "template '" + templateName + "' takes " + template.parameterCount()
						+ " body parameters, not " + parameters.size(), refId);
			}
		}
		return new Valid(refId, countryCode, number, "template", templateName, language, parameters, null);
	}

	private static Valid text(String refId, String countryCode, String number, JsonNode context) throws Invalid {
		onlyKnownFields(context, TEXT_CONTEXT_FIELDS, "data.context.", refId);
		JsonNode body = context.get("body");
		if (body == null || !body.isString() || body.stringValue().isBlank()) {
			throw new Invalid(400, "400", "data.context.body of a text message must be a non-empty string", refId);
		}
		JsonNode previewUrl = context.get("preview_url");
		if (previewUrl != null && !previewUrl.isBoolean()) {
			throw new Invalid(400, "400", "data.context.preview_url must be true or false", refId);
		}
		return new Valid(refId, countryCode, number, "text", null, null, List.of(), body.stringValue());
	}

	private static List<String> parameters(@Nullable JsonNode body, String refId) throws Invalid {
		if (body == null) {
			return List.of();
		}
		if (!body.isObject()) {
			throw new Invalid(400, "400", "data.context.body must be an object keyed \"1\", \"2\", …, not "
					+ body.getNodeType().name().toLowerCase(Locale.ROOT), refId);
		}
		int count = body.size();
		List<String> parameters = new ArrayList<>(Collections.nCopies(count, ""));
		for (String key : body.propertyNames()) {
			int index = parameterIndex(key, count);
			if (index < 0) {
				throw new Invalid(400, "400",
						"data.context.body keys must be \"1\" to \"" + count + "\" without gaps, not '" + key + "'",
						refId);
			}
			JsonNode value = body.get(key);
			if (!value.isString() || value.stringValue().isEmpty()) {
				String actual = value.isString() ? "an empty string"
						: value.getNodeType().name().toLowerCase(Locale.ROOT);
				throw new Invalid(400, "400",
						"data.context.body.\"" + key + "\" must be a non-empty string, not " + actual, refId);
			}
			parameters.set(index - 1, value.stringValue());
		}
		return List.copyOf(parameters);
	}

	/** The parameter number of a key "1".."count" (no sign, no leading zero), else -1. */
	private static int parameterIndex(String key, int count) {
		if (key.isEmpty() || key.length() > 3 || key.charAt(0) == '0') {
			return -1;
		}
		for (int i = 0; i < key.length(); i++) {
			if (!Character.isDigit(key.charAt(i))) {
				return -1;
			}
		}
		int index = Integer.parseInt(key);
		return (index <= count) ? index : -1;
	}

	private static void buttons(@Nullable JsonNode buttons, String refId) throws Invalid {
		if (buttons == null) {
			return;
		}
		if (!buttons.isArray()) {
			throw new Invalid(400, "400", "data.context.buttons must be an array", refId);
		}
		for (JsonNode button : buttons.values()) {
			if (!button.isObject()) {
				throw new Invalid(400, "400", "data.context.buttons[] must be objects", refId);
			}
			onlyKnownFields(button, BUTTON_FIELDS, "data.context.buttons[].", refId);
			if (button.get("index") == null || !button.get("index").isIntegralNumber()
					|| button.get("index").asInt() < 0) {
				throw new Invalid(400, "400", "data.context.buttons[].index must be a non-negative integer", refId);
			}
			requiredString(button, "id", "data.context.buttons[].", refId);
		}
	}

	private static void onlyKnownFields(JsonNode object, Set<String> known, String prefix, @Nullable String refId)
			throws Invalid {
		for (String name : object.propertyNames()) {
			if (!known.contains(name)) {
				throw new Invalid(400, "400", "unknown field '" + prefix + name + "'", refId);
			}
		}
	}

	private static String requiredString(JsonNode object, String field, String prefix, @Nullable String refId)
			throws Invalid {
		JsonNode value = object.get(field);
		if (value == null || value.isNull()) {
			throw new Invalid(400, "400", prefix + field + " is required", refId);
		}
		if (!value.isString()) {
			throw new Invalid(400, "400",
					prefix + field + " must be a string, not " + value.getNodeType().name().toLowerCase(Locale.ROOT),
					refId);
		}
		if (value.stringValue().isBlank()) {
			throw new Invalid(400, "400", prefix + field + " must not be empty", refId);
		}
		return value.stringValue();
	}

	/** A send that passed every check. */
	record Valid(String refId, String countryCode, String number, String type, @Nullable String templateName,
			@Nullable String language, List<String> parameters, @Nullable String text) {
	}

	/**
	 * A send that broke a rule; {@code message} {@code null} means MyOperator's bare
	 * {@code {"message": null}}.
	 */
	static final class Invalid extends Exception {

		private static final long serialVersionUID = 1L;

		private final int status;

		private final String code;

		private final @Nullable String reason;

		private final @Nullable String refId;

		Invalid(int status, String code, @Nullable String reason, @Nullable String refId) {
			// a verdict, not an error: no stack trace to fill
			super(reason, null, false, false);
			this.status = status;
			this.code = code;
			this.reason = reason;
			this.refId = refId;
		}

		int status() {
			return this.status;
		}

		String code() {
			return this.code;
		}

		@Nullable String reason() {
			return this.reason;
		}

		@Nullable String refId() {
			return this.refId;
		}

	}

}
