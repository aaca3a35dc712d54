package in.earlybird.events;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

/**
 * A CloudEvents 1.0 envelope around a notification event, as written in structured mode
 * ({@code content-type: application/cloudevents+json}). In binary mode the same
 * attributes travel as {@code ce_*} Kafka headers and {@code data} is the record value.
 *
 * <p>
 * Extension attributes are allowed by the contract and ignored when reading; absent
 * optional attributes are left out when writing rather than written as {@code null}.
 *
 * @param <T> the event's data type
 * @param specversion the CloudEvents version, always {@value CloudEvents#SPEC_VERSION}
 * @param id the event's unique id; the notification service's idempotency key, so a
 * retried publish must reuse it
 * @param source the publishing service as a URI reference, e.g.
 * {@code /earlybird/delivery-service}
 * @param type the event type, e.g. {@code earlybird.delivery.scheduled}
 * @param time when the event happened
 * @param subject the customer id (optional; the Kafka key carries it too)
 * @param datacontenttype the media type of {@code data}, {@code application/json}
 * @param dataschema the URI of the JSON Schema {@code data} conforms to (optional)
 * @param data the event itself
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CloudEvent<T extends NotificationEvent>(String specversion, String id, String source, String type,
		OffsetDateTime time, @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable String subject,
		String datacontenttype, @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable URI dataschema, T data) {

	/**
	 * Validates that the required attributes are present.
	 * @param specversion the CloudEvents version
	 * @param id the event id
	 * @param source the source
	 * @param type the type
	 * @param time the time
	 * @param subject the subject
	 * @param datacontenttype the data content type
	 * @param dataschema the data schema
	 * @param data the data
	 */
	public CloudEvent {
		Objects.requireNonNull(specversion, "specversion");
		Objects.requireNonNull(id, "id");
		Objects.requireNonNull(source, "source");
		Objects.requireNonNull(type, "type");
		Objects.requireNonNull(time, "time");
		Objects.requireNonNull(datacontenttype, "datacontenttype");
		Objects.requireNonNull(data, "data");
	}

	/**
	 * Wraps an event in an envelope with the attributes the contract expects: the type of
	 * the event, the customer id as subject, JSON data and the event's schema as
	 * {@code dataschema}.
	 * @param <T> the event's data type
	 * @param id the event's unique id; reuse it when retrying a publish
	 * @param source the publishing service
	 * @param time when the event happened
	 * @param data the event
	 * @return the envelope
	 */
	public static <T extends NotificationEvent> CloudEvent<T> of(String id, String source, OffsetDateTime time,
			T data) {
		return new CloudEvent<>(CloudEvents.SPEC_VERSION, id, source, data.eventType().ceType(), time,
				data.customer().id(), CloudEvents.JSON, data.eventType().schemaId(), data);
	}

}
