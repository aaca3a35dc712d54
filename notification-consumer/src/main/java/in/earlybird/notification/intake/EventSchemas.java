package in.earlybird.notification.intake;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import in.earlybird.events.EventType;
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

/**
 * The JSON Schemas of the event contract, loaded once from the {@code event-schemas} jar
 * and applied with format assertions on, so a bad date is an error, not an annotation.
 */
@Component
public class EventSchemas {

	/** Errors reported per event; more would only bury the first. */
	private static final int MAX_ERRORS = 5;

	private final Map<EventType, Schema> schemas = new EnumMap<>(EventType.class);

	EventSchemas() {
		SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
				(builder) -> builder
					.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
		for (EventType type : EventType.values()) {
			try (InputStream in = EventType.class.getClassLoader().getResourceAsStream(type.schemaResource())) {
				if (in == null) {
					throw new IllegalStateException("Missing schema " + type.schemaResource());
				}
				this.schemas.put(type, registry.getSchema(in));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}

	/**
	 * Validates an event's data.
	 * @param type the event type
	 * @param data the event's data
	 * @return what is wrong, at most a few problems, empty when valid
	 */
	List<String> violations(EventType type, JsonNode data) {
		List<Error> errors = this.schemas.get(type).validate(data);
		return errors.stream().limit(MAX_ERRORS).map(EventSchemas::describe).toList();
	}

	/**
	 * Validates an event's data and says which field each problem concerns, for callers
	 * that answer a person (the admin API) rather than dead-letter a record.
	 * @param type the event type
	 * @param data the event's data
	 * @return the problems, at most a few, empty when valid
	 */
	public List<Violation> check(EventType type, JsonNode data) {
		List<Error> errors = this.schemas.get(type).validate(data);
		return errors.stream().limit(MAX_ERRORS).map(EventSchemas::violation).toList();
	}

	private static Violation violation(Error error) {
		String pointer = error.getInstanceLocation().toString();
		String field = pointer.replaceFirst("^[/$.]+", "").replace('/', '.');
		if ("required".equals(error.getKeyword()) && error.getProperty() != null) {
			field = field.isEmpty() ? error.getProperty() : field + "." + error.getProperty();
		}
		String message = error.getMessage();
		if (message.startsWith(pointer)) {
			message = message.substring(pointer.length()).replaceFirst("^[:\\s]+", "");
		}
		return new Violation(field, message);
	}

	/**
	 * One problem with an event's data.
	 *
	 * @param field the field's path with dots, e.g. {@code customer.phone}; empty for the
	 * data as a whole
	 * @param message what is wrong, never the offending value
	 */
	public record Violation(String field, String message) {
	}

	private static String describe(Error error) {
		// The message names the location and the rule, never the offending value, so a
		// phone number cannot leak into a reason.
		String location = error.getInstanceLocation().toString();
		String message = error.getMessage();
		return message.startsWith(location) ? message : location + ": " + message;
	}

}
