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
import tools.jackson.databind.JsonNode;

import org.springframework.stereotype.Component;

import in.earlybird.events.EventType;

/**
 * The JSON Schemas of the event contract, loaded once from the {@code event-schemas} jar
 * and applied with format assertions on, so a bad date is an error, not an annotation.
 */
@Component
class EventSchemas {

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

	private static String describe(Error error) {
		// The message names the location and the rule, never the offending value, so a
		// phone number cannot leak into a reason.
		String location = error.getInstanceLocation().toString();
		String message = error.getMessage();
		return message.startsWith(location) ? message : location + ": " + message;
	}

}
