package in.earlybird.notification.webhook;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Optional;

import in.earlybird.notification.delivery.myoperator.MessageStatus;
import in.earlybird.notification.history.NotificationStatus;
import in.earlybird.notification.shared.India;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One MyOperator Webhooks v2 delivery: the envelope fields we use and the payload. The
 * status event names are a guess kept in {@link MessageStatus}; the shape of a failure's
 * error is not documented, so every shape seen in WhatsApp APIs is read here, in one
 * place.
 *
 * @param eventId {@code event_id}, the dedupe key
 * @param eventType {@code event_type}, e.g. {@code message.delivered}
 * @param timestamp {@code timestamp}, when it happened (ISO-8601, maybe with nanoseconds)
 * @param customerIdentifier {@code customer_identifier}, country code and number without
 * {@code +}
 * @param payload {@code payload}
 */
record MyOperatorWebhook(String eventId, String eventType, @Nullable Instant timestamp,
		@Nullable String customerIdentifier, JsonNode payload) {

	static final String RECEIVED = "message.received";

	/**
	 * Reads a delivery.
	 * @param body the parsed body
	 * @return the delivery
	 * @throws MalformedWebhookException naming the missing field
	 */
	static MyOperatorWebhook parse(JsonNode body) {
		if (!body.isObject()) {
			throw new MalformedWebhookException("body", "must be a JSON object");
		}
		String eventId = text(body, "event_id");
		if (eventId == null) {
			throw new MalformedWebhookException("event_id", "is required");
		}
		String eventType = text(body, "event_type");
		if (eventType == null) {
			throw new MalformedWebhookException("event_type", "is required");
		}
		JsonNode payload = body.get("payload");
		if (payload == null || !payload.isObject()) {
			throw new MalformedWebhookException("payload", "is required and must be an object");
		}
		return new MyOperatorWebhook(eventId, eventType, time(text(body, "timestamp")),
				text(body, "customer_identifier"), payload);
	}

	/**
	 * Returns the delivery status this webhook reports for one of our sends.
	 * @return the status, or empty for other events
	 */
	Optional<NotificationStatus> deliveryStatus() {
		Optional<MessageStatus> status = MessageStatus.ofEventType(this.eventType);
		if (status.isEmpty() && this.eventType.startsWith("message.") && !RECEIVED.equals(this.eventType)) {
			// A generic status event: trust payload.status when it is one we know.
			String reported = text(this.payload, "status");
			if (reported != null) {
				status = MessageStatus.ofEventType("message." + reported.toLowerCase(Locale.ROOT));
			}
		}
		return status.map((known) -> switch (known) {
			case SENT -> NotificationStatus.SENT;
			case DELIVERED -> NotificationStatus.DELIVERED;
			case READ -> NotificationStatus.READ;
			case FAILED -> NotificationStatus.FAILED;
		});
	}

	boolean isInboundMessage() {
		return RECEIVED.equals(this.eventType);
	}

	/** {@code payload.id}: MyOperator's message id. */
	@Nullable String messageId() {
		return text(this.payload, "id");
	}

	/** Our notification id, if the report gives back the {@code myop_ref_id} we sent. */
	@Nullable String ourReference() {
		return text(this.payload, MessageStatus.OUR_REFERENCE_FIELD);
	}

	/** The text of an inbound message, wherever the payload puts it. */
	@Nullable String inboundText() {
		JsonNode data = this.payload.get("data");
		if (data == null) {
			return null;
		}
		for (String container : new String[] { "context", "text" }) {
			JsonNode node = data.get(container);
			if (node != null && text(node, "body") != null) {
				return text(node, "body");
			}
		}
		return text(data, "body");
	}

	/**
	 * The error code of a failure, from {@code payload.error}, {@code payload.errors[0]}
	 * or flat fields.
	 */
	@Nullable String errorCode() {
		JsonNode error = error();
		String code = (error != null) ? text(error, "code") : null;
		return (code != null) ? code : text(this.payload, "error_code");
	}

	/** The error description of a failure. */
	@Nullable String errorMessage() {
		JsonNode error = error();
		if (error != null) {
			for (String field : new String[] { "message", "title", "details" }) {
				if (text(error, field) != null) {
					return text(error, field);
				}
			}
			JsonNode data = error.get("error_data");
			if (data != null && text(data, "details") != null) {
				return text(data, "details");
			}
		}
		String flat = text(this.payload, "error_message");
		return (flat != null) ? flat : text(this.payload, "reason");
	}

	private @Nullable JsonNode error() {
		JsonNode error = this.payload.get("error");
		if (error != null && error.isObject()) {
			return error;
		}
		JsonNode errors = this.payload.get("errors");
		if (errors != null && errors.isArray() && !errors.isEmpty() && errors.get(0).isObject()) {
			return errors.get(0);
		}
		return null;
	}

	private static @Nullable String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		if (value == null || value.isNull() || value.isContainer()) {
			return null;
		}
		String text = value.asString();
		return text.isBlank() ? null : text;
	}

	private static @Nullable Instant time(@Nullable String value) {
		if (value == null) {
			return null;
		}
		try {
			return OffsetDateTime.parse(value).toInstant();
		}
		catch (DateTimeParseException ex) {
			try {
				// No offset: MyOperator is an Indian provider.
				return LocalDateTime.parse(value).atZone(India.ZONE).toInstant();
			}
			catch (DateTimeParseException notLocal) {
				return null;
			}
		}
	}

}
