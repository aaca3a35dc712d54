package in.earlybird.events;

import java.util.List;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import tools.jackson.databind.JsonNode;

/**
 * Test-data factory: the contract's JSON Schemas, loaded from the classpath by their
 * {@code $id} with format assertions on, as the notification service validates events.
 */
final class EventSchemas {

	/** The {@code $id} of the structured-mode envelope schema. */
	static final String ENVELOPE_ID = EventType.SCHEMA_ID_PREFIX + "cloudevent.schema.json";

	private static final SchemaRegistry REGISTRY = registry(true);

	private EventSchemas() {
	}

	/**
	 * Creates a registry that resolves {@code https://schemas.earlybird.in/events/*} to
	 * {@code classpath:schemas/*}, never to the network.
	 * @param formatAssertions whether {@code format} is asserted (2020-12 only annotates
	 * by default)
	 * @return the registry
	 */
	static SchemaRegistry registry(boolean formatAssertions) {
		return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12, (builder) -> builder
			.schemaRegistryConfig(SchemaRegistryConfig.builder().formatAssertionsEnabled(formatAssertions).build())
			.schemaIdResolvers((resolvers) -> resolvers.mapPrefix(EventType.SCHEMA_ID_PREFIX, "classpath:schemas/")));
	}

	/**
	 * Returns the schema of an event type's data.
	 * @param type the event type
	 * @return the schema
	 */
	static Schema of(EventType type) {
		return REGISTRY.getSchema(SchemaLocation.of(type.schemaId().toString()));
	}

	/**
	 * Returns the schema of the structured-mode envelope.
	 * @return the schema
	 */
	static Schema envelope() {
		return REGISTRY.getSchema(SchemaLocation.of(ENVELOPE_ID));
	}

	/**
	 * Validates an event's data against its type's schema.
	 * @param type the event type
	 * @param data the data
	 * @return the errors, empty when valid
	 */
	static List<Error> validate(EventType type, JsonNode data) {
		return of(type).validate(data);
	}

}
