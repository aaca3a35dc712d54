package in.earlybird.notification.intake;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import in.earlybird.events.CloudEvents;
import in.earlybird.events.EventType;
import in.earlybird.events.NotificationEvent;
import in.earlybird.notification.shared.EventJson;
import in.earlybird.notification.shared.HeaderValues;
import in.earlybird.notification.shared.Redaction;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.stereotype.Component;

/**
 * Turns a Kafka record into a validated event following the CloudEvents 1.0 Kafka
 * binding, in binary mode ({@code ce_*} headers, JSON data as the value) or structured
 * mode ({@code content-type: application/cloudevents+json}, the whole envelope as the
 * value). Anything else is a {@link PoisonEventException} with a reason an upstream team
 * can act on.
 */
@Component
class CloudEventDecoder {

	static final String MALFORMED = "MALFORMED_EVENT";

	static final String UNKNOWN_TYPE = "UNKNOWN_EVENT_TYPE";

	static final String SCHEMA_VIOLATION = "SCHEMA_VIOLATION";

	private final EventSchemas schemas;

	private final JsonMapper json = EventJson.mapper();

	CloudEventDecoder(EventSchemas schemas) {
		this.schemas = schemas;
	}

	DecodedEvent decode(ConsumerRecord<String, byte[]> record) {
		String contentType = mediaType(header(record.headers(), CloudEvents.CONTENT_TYPE_HEADER));
		if (CloudEvents.STRUCTURED_CONTENT_TYPE.equals(contentType)) {
			return decodeStructured(record);
		}
		if (header(record.headers(), CloudEvents.SPEC_VERSION_HEADER) != null) {
			return decodeBinary(record, contentType);
		}
		throw new PoisonEventException(MALFORMED, "not a CloudEvent: expected ce_* headers (binary mode) or "
				+ "content-type application/cloudevents+json (structured mode)", null, null);
	}

	private DecodedEvent decodeBinary(ConsumerRecord<String, byte[]> record, @Nullable String contentType) {
		Headers headers = record.headers();
		Attributes attributes = new Attributes(header(headers, CloudEvents.SPEC_VERSION_HEADER),
				header(headers, CloudEvents.ID_HEADER), header(headers, CloudEvents.SOURCE_HEADER),
				header(headers, CloudEvents.TYPE_HEADER), header(headers, CloudEvents.TIME_HEADER));
		if (contentType != null && !isJson(contentType)) {
			throw attributes.poison(MALFORMED,
					"unsupported content-type '" + Redaction.safe(contentType) + "': data must be application/json");
		}
		JsonNode data = parse(record.value(), attributes);
		return decode(attributes, data);
	}

	private DecodedEvent decodeStructured(ConsumerRecord<String, byte[]> record) {
		JsonNode envelope = parse(record.value(), Attributes.UNKNOWN);
		if (!envelope.isObject()) {
			throw new PoisonEventException(MALFORMED, "structured CloudEvent must be a JSON object", null, null);
		}
		Attributes attributes = new Attributes(text(envelope, "specversion"), text(envelope, "id"),
				text(envelope, "source"), text(envelope, "type"), text(envelope, "time"));
		String dataContentType = mediaType(text(envelope, "datacontenttype"));
		if (dataContentType != null && !isJson(dataContentType)) {
			throw attributes.poison(MALFORMED, "unsupported datacontenttype '" + Redaction.safe(dataContentType)
					+ "': data must be application/json");
		}
		if (envelope.has("data_base64")) {
			throw attributes.poison(MALFORMED, "data_base64 is not supported: send data as JSON");
		}
		JsonNode data = envelope.get("data");
		if (data == null || data.isNull()) {
			throw attributes.poison(MALFORMED, "missing data");
		}
		return decode(attributes, data);
	}

	private DecodedEvent decode(Attributes attributes, JsonNode data) {
		OffsetDateTime time = attributes.check();
		EventType type = EventType.fromCeType(attributes.type())
			.orElseThrow(() -> attributes.poison(UNKNOWN_TYPE, "unknown event type '"
					+ Redaction.safe(attributes.type()) + "'; known types are listed in event-schemas/README.md"));
		if (!data.isObject()) {
			throw attributes.poison(SCHEMA_VIOLATION, "data must be a JSON object");
		}
		List<String> violations = this.schemas.violations(type, data);
		if (!violations.isEmpty()) {
			throw attributes.poison(SCHEMA_VIOLATION, "data does not match " + type.schemaResource() + ": "
					+ Redaction.safe(String.join("; ", violations)));
		}
		NotificationEvent event;
		try {
			event = this.json.treeToValue(data, type.dataClass());
		}
		catch (JacksonException ex) {
			throw attributes.poison(SCHEMA_VIOLATION, "data cannot be read as " + type.dataClass().getSimpleName()
					+ ": " + Redaction.safe(ex.getOriginalMessage()));
		}
		catch (IllegalArgumentException | NullPointerException ex) {
			throw attributes.poison(SCHEMA_VIOLATION, "data cannot be read as " + type.dataClass().getSimpleName()
					+ ": " + Redaction.safe(ex.getMessage()));
		}
		return new DecodedEvent(attributes.id(), type, attributes.source(), time, event);
	}

	private JsonNode parse(byte @Nullable [] value, Attributes attributes) {
		if (value == null || value.length == 0) {
			throw attributes.poison(MALFORMED, "empty record value");
		}
		try {
			return this.json.readTree(value);
		}
		catch (JacksonException ex) {
			throw attributes.poison(MALFORMED, "value is not valid JSON: " + Redaction.safe(ex.getOriginalMessage()));
		}
	}

	private static boolean isJson(String mediaType) {
		return mediaType.equals(CloudEvents.JSON) || mediaType.endsWith("+json");
	}

	private static @Nullable String mediaType(@Nullable String contentType) {
		if (contentType == null) {
			return null;
		}
		int parameters = contentType.indexOf(';');
		return ((parameters >= 0) ? contentType.substring(0, parameters) : contentType).trim().toLowerCase(Locale.ROOT);
	}

	private static @Nullable String header(Headers headers, String name) {
		String value = HeaderValues.text(headers, name);
		// Bytes that are not UTF-8 come back as U+FFFD: an id or type that is not the one
		// sent, so the record is not a CloudEvent (the Kafka binding's headers are
		// UTF-8).
		if (value != null && value.indexOf('\uFFFD') >= 0 && !HeaderValues.isUtf8(headers, name)) {
			throw new PoisonEventException(MALFORMED, "header " + name + " is not valid UTF-8", null, null);
		}
		return value;
	}

	private static @Nullable String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return (value != null && value.isString()) ? value.asString() : null;
	}

	/** The context attributes, checked once both modes have read them. */
	private record Attributes(@Nullable String specversion, @Nullable String id, @Nullable String source,
			@Nullable String type, @Nullable String rawTime) {

		static final Attributes UNKNOWN = new Attributes(null, null, null, null, null);

		/**
		 * Checks the attributes.
		 * @return the event's time
		 */
		OffsetDateTime check() {
			if (!CloudEvents.SPEC_VERSION.equals(this.specversion)) {
				throw poison(MALFORMED, "specversion must be \"1.0\" but was "
						+ ((this.specversion != null) ? "'" + Redaction.safe(this.specversion) + "'" : "missing"));
			}
			require("id", this.id);
			require("source", this.source);
			require("type", this.type);
			require("time", this.rawTime);
			return time();
		}

		private void require(String attribute, @Nullable String value) {
			if (value == null || value.isBlank()) {
				throw poison(MALFORMED, "missing CloudEvents attribute '" + attribute + "'");
			}
		}

		@Override
		public String id() {
			return Optional.ofNullable(this.id).orElseThrow();
		}

		@Override
		public String source() {
			return Optional.ofNullable(this.source).orElseThrow();
		}

		@Override
		public String type() {
			return Optional.ofNullable(this.type).orElseThrow();
		}

		OffsetDateTime time() {
			try {
				return OffsetDateTime.parse(Optional.ofNullable(this.rawTime).orElseThrow());
			}
			catch (DateTimeParseException ex) {
				throw poison(MALFORMED,
						"time must be an RFC 3339 timestamp but was '" + Redaction.safe(this.rawTime) + "'");
			}
		}

		PoisonEventException poison(String code, String reason) {
			// Identifiers, not text: bounded but never masked, so x-event-id still names
			// the event.
			return new PoisonEventException(code, reason, Redaction.identifier(this.id),
					Redaction.identifier(this.type));
		}

	}

}
