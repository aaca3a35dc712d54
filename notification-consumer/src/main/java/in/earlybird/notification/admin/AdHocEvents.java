package in.earlybird.notification.admin;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import in.earlybird.events.Customer;
import in.earlybird.events.EventType;
import in.earlybird.events.InvalidPhoneNumberException;
import in.earlybird.events.NotificationEvent;
import in.earlybird.events.PhoneNumber;
import in.earlybird.notification.admin.AdminProblem.FieldError;
import in.earlybird.notification.history.NotificationRecord;
import in.earlybird.notification.intake.EventSchemas;
import in.earlybird.notification.shared.EventJson;
import in.earlybird.notification.templates.TemplateType;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.stereotype.Component;

/**
 * Builds the event an admin's send or resend stands for, checked against the same JSON
 * Schema as an upstream team's event, so an ad-hoc message is exactly a message the
 * pipeline could have sent.
 */
@Component
class AdHocEvents {

	/** Context keys that name the customer rather than the event's data. */
	private static final Set<String> CUSTOMER_KEYS = Set.of("customer", "customerName", "customerId", "phone",
			"language");

	/** Money fields, which the contract carries as decimal strings. */
	private static final Set<String> MONEY = Set.of("amount", "totalAmount");

	/** A valid number to check a context against when the request's number is not. */
	private static final String PLACEHOLDER_PHONE = "+919000000000";

	private final EventSchemas schemas;

	private final JsonMapper json = EventJson.mapper();

	AdHocEvents(EventSchemas schemas) {
		this.schemas = schemas;
	}

	/**
	 * Returns the event type a template notifies of.
	 * @param type the template
	 * @return its event type
	 */
	static EventType eventType(TemplateType type) {
		return switch (type) {
			case DELIVERY_REMINDER -> EventType.DELIVERY_SCHEDULED;
			case DELIVERY_CONFIRMED -> EventType.DELIVERY_CONFIRMED;
			case DELIVERY_DELAYED -> EventType.DELIVERY_DELAYED;
			case PAYMENT_REMINDER -> EventType.BILL_GENERATED;
			case PAYMENT_CONFIRMATION -> EventType.PAYMENT_RECORDED;
			case SUBSCRIPTION_CONFIRMATION -> EventType.SUBSCRIPTION_CREATED;
			case PAUSE_CONFIRMATION -> EventType.SUBSCRIPTION_PAUSED;
			case ORDER_CONFIRMATION -> EventType.ORDER_CREATED;
			case CHURN_RISK -> EventType.CHURN_RISK_DETECTED;
			case NEW_PRODUCT -> EventType.PRODUCT_LAUNCHED;
		};
	}

	/**
	 * Builds the event of an ad-hoc send.
	 * @param request the request
	 * @return the event
	 * @throws AdminProblem 400 naming every missing or invalid field
	 */
	NotificationEvent fromRequest(SendMessageRequest request) {
		List<FieldError> errors = new ArrayList<>();
		String phone = null;
		if (request.phone() == null || request.phone().isBlank()) {
			errors.add(new FieldError("phone", "is required, in E.164 form, e.g. +919876543210"));
		}
		else {
			try {
				phone = PhoneNumber.parse(request.phone().trim()).e164();
			}
			catch (InvalidPhoneNumberException ex) {
				errors.add(new FieldError("phone", ex.getMessage()));
			}
		}
		TemplateType type = null;
		if (request.messageType() == null || request.messageType().isBlank()) {
			errors.add(new FieldError("messageType", "is required: one of " + RequestValues.templateKeys()));
		}
		else {
			type = TemplateType.fromKey(request.messageType().trim()).orElse(null);
			if (type == null) {
				errors.add(new FieldError("messageType", "must be one of " + RequestValues.templateKeys()));
			}
		}
		Map<String, Object> context = normalized((request.context() != null) ? request.context() : Map.of());
		String name = firstText(request.customerName(), context.get("customerName"));
		if (name == null) {
			errors.add(new FieldError("customerName", "is required (or context.customer_name)"));
		}
		String language = firstText(request.language(), context.get("language"));
		if (language != null && !language.matches("[a-z]{2}")) {
			errors.add(new FieldError("language", "must be a lower-case ISO 639-1 code, e.g. en or hi"));
		}
		if (!errors.isEmpty() || type == null || phone == null || name == null) {
			if (type != null) {
				// Say what is wrong with the context too, checked for a stand-in
				// customer.
				Customer standIn = new Customer("cust-check", "Check", PLACEHOLDER_PHONE, null);
				try {
					build(eventType(type), standIn, context, "context.");
				}
				catch (AdminProblem contextProblem) {
					contextProblem.errors()
						.stream()
						.filter((error) -> error.field().startsWith("context"))
						.forEach(errors::add);
				}
			}
			throw AdminProblem.badRequest(errors);
		}
		String customerId = firstText(request.customerId(), context.get("customerId"));
		Customer customer = new Customer((customerId != null) ? customerId : derivedCustomerId(phone), name, phone,
				language);
		return build(eventType(type), customer, context, "context.");
	}

	/**
	 * Rebuilds the event of a recorded notification, for a resend.
	 * @param record the notification
	 * @param customerName the name to use if the record has none
	 * @return the event
	 * @throws AdminProblem 422 if the record lacks what the event needs
	 */
	NotificationEvent fromRecord(NotificationRecord record, @Nullable String customerName) {
		EventType eventType = EventType.fromCeType(record.eventType())
			.orElseThrow(() -> AdminProblem.unprocessable("CANNOT_REBUILD", "The notification's event type is unknown",
					List.of()));
		String name = firstText(customerName, record.customerName());
		if (name == null) {
			throw AdminProblem.unprocessable("CANNOT_REBUILD",
					"This notification was recorded without the customer's name; pass customerName in the body",
					List.of(new FieldError("customerName", "is required for this notification")));
		}
		if (record.context() == null) {
			throw AdminProblem.unprocessable("CANNOT_REBUILD",
					"This notification was recorded without its event data and cannot be rebuilt", List.of());
		}
		Customer customer = new Customer(
				(record.customerId() != null) ? record.customerId() : derivedCustomerId(record.phone()), name,
				record.phone(), record.language());
		try {
			return build(eventType, customer, normalized(record.context()), "context.");
		}
		catch (AdminProblem ex) {
			throw AdminProblem.unprocessable("CANNOT_REBUILD",
					"The notification's recorded data no longer makes a valid event", ex.errors());
		}
	}

	private NotificationEvent build(EventType type, Customer customer, Map<String, Object> context, String prefix) {
		ObjectNode data = this.json.createObjectNode();
		context.forEach((key, value) -> {
			if (!CUSTOMER_KEYS.contains(key)) {
				data.set(key, this.json
					.valueToTree((MONEY.contains(key) && value instanceof Number number) ? plain(number) : value));
			}
		});
		ObjectNode customerNode = data.putObject("customer");
		customerNode.put("id", customer.id()).put("name", customer.name()).put("phone", customer.phone());
		customerNode.put("language", customer.language());
		List<FieldError> errors = errors(type, data, prefix);
		if (!errors.isEmpty()) {
			throw AdminProblem.badRequest(errors);
		}
		try {
			return this.json.treeToValue(data, type.dataClass());
		}
		catch (JacksonException | IllegalArgumentException | NullPointerException ex) {
			throw AdminProblem.badRequest(prefix.substring(0, prefix.length() - 1),
					"cannot be read as " + type.dataClass().getSimpleName());
		}
	}

	/**
	 * Says what is wrong with an event's data: one error per field, in the schema's
	 * order, each saying what the field expects; a missing field and an unknown one also
	 * name every field the message type needs. The schema decides what is wrong, the
	 * field's definition in it what to say.
	 */
	private List<FieldError> errors(EventType type, ObjectNode data, String prefix) {
		Set<String> refused = new LinkedHashSet<>();
		this.schemas.check(type, data).forEach((violation) -> refused.add(violation.field()));
		if (refused.isEmpty()) {
			return List.of();
		}
		ContextFields fields = ContextFields.of(type);
		String template = templateType(type).key();
		String needs = template + " needs " + ContextFields.joined(fields.names(), "and");
		Map<String, FieldError> errors = new LinkedHashMap<>();
		for (String field : refused) {
			if (field.startsWith("customer.")) {
				errors.putIfAbsent(field, new FieldError(field(prefix, field),
						"expected " + fields.expectedOfCustomer(field.substring("customer.".length()))));
			}
		}
		for (String name : fields.names()) {
			if (!data.has(name) && fields.isRequired(name)) {
				errors.put(name, new FieldError(prefix + name,
						"is required: expected " + fields.expected(name) + " (" + needs + ")"));
			}
			else if (data.has(name) && refused.contains(name)) {
				errors.put(name, new FieldError(prefix + name, "expected " + fields.expected(name)));
			}
		}
		for (String name : data.propertyNames()) {
			if (!name.equals("customer") && !fields.has(name)) {
				errors.put(name, new FieldError(prefix + name,
						"is not used by " + template + ", which needs " + ContextFields.joined(fields.names(), "and")));
			}
		}
		if (errors.isEmpty()) {
			errors.put("", new FieldError(field(prefix, ""), "does not make a valid event: " + needs));
		}
		return List.copyOf(errors.values());
	}

	private static TemplateType templateType(EventType type) {
		for (TemplateType template : TemplateType.values()) {
			if (eventType(template) == type) {
				return template;
			}
		}
		throw new IllegalStateException("No template notifies of " + type.ceType());
	}

	private static String field(String prefix, String field) {
		if (field.startsWith("customer.") || field.equals("customer")) {
			return switch (field) {
				case "customer.name" -> "customerName";
				case "customer.id" -> "customerId";
				case "customer.phone" -> "phone";
				case "customer.language" -> "language";
				default -> field;
			};
		}
		return field.isEmpty() ? prefix.substring(0, prefix.length() - 1) : prefix + field;
	}

	/**
	 * Normalizes keys to the contract's camelCase: {@code delivery_date} becomes
	 * {@code deliveryDate}.
	 */
	private static Map<String, Object> normalized(Map<String, Object> context) {
		Map<String, Object> normalized = new LinkedHashMap<>();
		context.forEach((key, value) -> normalized.put(camelCase(key), value));
		return normalized;
	}

	static String camelCase(String key) {
		if (key.indexOf('_') < 0) {
			return key;
		}
		StringBuilder camel = new StringBuilder();
		boolean upper = false;
		for (char c : key.toCharArray()) {
			if (c == '_') {
				upper = camel.length() > 0;
			}
			else {
				camel.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
				upper = false;
			}
		}
		return camel.toString();
	}

	private static String plain(Number number) {
		return new BigDecimal(number.toString()).toPlainString();
	}

	private static @Nullable String firstText(@Nullable Object... candidates) {
		for (Object candidate : candidates) {
			if (candidate instanceof String text && !text.isBlank()) {
				return text.trim();
			}
		}
		return null;
	}

	/**
	 * Derives a stable customer id from a phone number for sends that name none: the
	 * Kafka key keeps one number's messages in order without putting the number in it.
	 */
	static String derivedCustomerId(String phone) {
		try {
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(phone.getBytes(StandardCharsets.UTF_8));
			return "adhoc-" + HexFormat.of().formatHex(digest, 0, 8);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
