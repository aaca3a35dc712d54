package in.earlybird.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Test-data factory: the JSON mapper configured the way a publisher or the consumer must
 * configure theirs, and the example events of the contract.
 */
final class EventJson {

	private static final JsonMapper MAPPER = JsonMapper.builder()
		// Keep the offset an event was sent with (+05:30); Jackson 3 otherwise moves
		// every OffsetDateTime it reads to UTC.
		.disable(DateTimeFeature.ADJUST_DATES_TO_CONTEXT_TIME_ZONE)
		// ISO-8601 text, never epoch numbers (already Jackson 3's default; stated because
		// the schemas depend on it).
		.disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS)
		// new BigDecimal("1E+3") must be written as "1000", which the money pattern
		// allows.
		.enable(StreamWriteFeature.WRITE_BIGDECIMAL_AS_PLAIN)
		.build();

	private EventJson() {
	}

	/**
	 * Returns the mapper that reads and writes the contract's JSON without loss.
	 * @return the mapper
	 */
	static JsonMapper mapper() {
		return MAPPER;
	}

	/**
	 * Returns the type {@code CloudEvent<T>} for an event type's record.
	 * @param type the event type
	 * @return the parametric type
	 */
	static JavaType cloudEventOf(EventType type) {
		return MAPPER.getTypeFactory().constructParametricType(CloudEvent.class, type.dataClass());
	}

	/**
	 * Reads the example of an event type: a structured-mode CloudEvent.
	 * @param type the event type
	 * @return a fresh, mutable copy of the example
	 */
	static ObjectNode example(EventType type) {
		return (ObjectNode) resource(type.exampleResource());
	}

	/**
	 * Reads the {@code data} of an event type's example.
	 * @param type the event type
	 * @return a fresh, mutable copy of the example's data
	 */
	static ObjectNode exampleData(EventType type) {
		return (ObjectNode) example(type).get("data");
	}

	/**
	 * Reads the text of a classpath resource.
	 * @param path the resource path, e.g. {@code schemas/examples/bill-generated.json}
	 * @return the text
	 */
	static String text(String path) {
		try (InputStream in = open(path)) {
			return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Reads a JSON classpath resource.
	 * @param path the resource path
	 * @return the JSON tree
	 */
	static JsonNode resource(String path) {
		return MAPPER.readTree(text(path));
	}

	private static InputStream open(String path) {
		InputStream in = EventJson.class.getClassLoader().getResourceAsStream(path);
		if (in == null) {
			throw new IllegalArgumentException("No classpath resource " + path);
		}
		return in;
	}

}
