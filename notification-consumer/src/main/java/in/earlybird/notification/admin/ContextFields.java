package in.earlybird.notification.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import in.earlybird.events.EventType;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fields of each event's data, read from its JSON Schema in {@code event-schemas},
 * and what each one expects in words a person can act on ("a date like 2026-12-31"), so
 * that a refused send says what to write rather than which rule failed.
 */
final class ContextFields {

	private static final Map<EventType, ContextFields> BY_TYPE = load();

	/** The data's fields but the customer, in the schema's order. */
	private final Map<String, JsonNode> fields;

	private final Set<String> required;

	private final Map<String, JsonNode> customer;

	private ContextFields(Map<String, JsonNode> fields, Set<String> required, Map<String, JsonNode> customer) {
		this.fields = fields;
		this.required = required;
		this.customer = customer;
	}

	/**
	 * Returns the fields of an event type's data.
	 * @param type the event type
	 * @return its fields
	 */
	static ContextFields of(EventType type) {
		return BY_TYPE.get(type);
	}

	/**
	 * Returns the names of the data's fields beyond the customer, in the schema's order.
	 * @return e.g. {@code deliveryId, deliveryDate, slot, area, product}
	 */
	List<String> names() {
		return List.copyOf(this.fields.keySet());
	}

	boolean has(String name) {
		return this.fields.containsKey(name);
	}

	boolean isRequired(String name) {
		return this.required.contains(name);
	}

	/**
	 * Says what a field of the data expects.
	 * @param name the field, e.g. {@code deliveryDate}
	 * @return e.g. {@code a date like 2026-12-31}
	 */
	String expected(String name) {
		return describe(this.fields.get(name));
	}

	/**
	 * Says what a field of the customer expects.
	 * @param name the field, e.g. {@code name}
	 * @return e.g. {@code text of 1 to 100 characters like Priya Sharma}
	 */
	String expectedOfCustomer(String name) {
		return describe(this.customer.get(name));
	}

	/**
	 * Joins names for a sentence: {@code a, b and c}.
	 * @param names the names
	 * @param conjunction {@code and} or {@code or}
	 * @return the joined names
	 */
	static String joined(List<String> names, String conjunction) {
		if (names.size() <= 1) {
			return String.join("", names);
		}
		return String.join(", ", names.subList(0, names.size() - 1)) + " " + conjunction + " "
				+ names.get(names.size() - 1);
	}

	private static String describe(@Nullable JsonNode schema) {
		if (schema == null) {
			return "a value the contract allows";
		}
		String example = (schema.path("examples").isArray() && !schema.path("examples").isEmpty())
				? schema.path("examples").get(0).asString() : null;
		if (schema.has("enum")) {
			List<String> values = new ArrayList<>();
			schema.get("enum").forEach((value) -> values.add(value.asString()));
			return "one of " + joined(values, "or");
		}
		String format = schema.path("format").asString("");
		if (format.equals("date")) {
			return "a date like 2026-12-31";
		}
		if (format.equals("date-time")) {
			return "a date-time with its offset like 2026-12-31T07:30:00+05:30";
		}
		String type = schema.path("type").asString("");
		if (type.equals("integer")) {
			return "a whole number" + range(schema.get("minimum"), schema.get("maximum"), "from ", " to ");
		}
		if (type.equals("string") && schema.has("pattern")
				&& schema.get("pattern").asString().contains("\\.[0-9]{1,2}")) {
			return "an amount in rupees like " + ((example != null) ? example : "2500.00") + " (at most two decimals)";
		}
		if (type.equals("string")) {
			String length = range(schema.get("minLength"), schema.get("maxLength"), "of ", " to ");
			return "text" + (length.isEmpty() ? "" : length + " characters")
					+ ((example != null) ? " like " + example : "");
		}
		return (example != null) ? "a value like " + example : "a value the contract allows";
	}

	private static String range(@Nullable JsonNode low, @Nullable JsonNode high, String from, String to) {
		if (low != null && high != null) {
			return " " + from + low.asString() + to + high.asString();
		}
		if (low != null) {
			return " of at least " + low.asString();
		}
		return (high != null) ? " of at most " + high.asString() : "";
	}

	private static Map<EventType, ContextFields> load() {
		Map<EventType, ContextFields> byType = new EnumMap<>(EventType.class);
		for (EventType type : EventType.values()) {
			JsonNode schema = read(type.schemaResource());
			Map<String, JsonNode> fields = new LinkedHashMap<>();
			schema.get("properties").properties().forEach((field) -> {
				if (!field.getKey().equals("customer")) {
					fields.put(field.getKey(), field.getValue());
				}
			});
			Set<String> required = schema.get("required")
				.valueStream()
				.map(JsonNode::asString)
				.collect(Collectors.toUnmodifiableSet());
			Map<String, JsonNode> customer = new LinkedHashMap<>();
			schema.at("/$defs/customer/properties")
				.properties()
				.forEach((field) -> customer.put(field.getKey(), field.getValue()));
			byType.put(type, new ContextFields(fields, required, customer));
		}
		return byType;
	}

	private static JsonNode read(String resource) {
		try (InputStream in = EventType.class.getClassLoader().getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException("Missing schema " + resource);
			}
			return JsonMapper.shared().readTree(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
