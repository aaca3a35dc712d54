package in.earlybird.notification.admin;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

import in.earlybird.events.CloudEvents;
import in.earlybird.events.NotificationEvent;
import in.earlybird.notification.shared.EventJson;
import in.earlybird.notification.shared.India;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;

/**
 * Kafka records that carry an admin's event in binary CloudEvents mode, exactly as an
 * upstream service publishes it, keyed by customer id.
 */
final class CloudEventRecords {

	/** The CloudEvents source of events the admin API creates. */
	static final String SOURCE = "/earlybird/notification-admin";

	private CloudEventRecords() {
	}

	static ProducerRecord<String, byte[]> toPublish(String topic, String eventId, Instant time,
			NotificationEvent event) {
		return new ProducerRecord<>(topic, null, event.customer().id(), value(event), headers(eventId, time, event));
	}

	/**
	 * Builds the record an immediate send would have been consumed as, so that a send
	 * that must be retried goes through the delay topic like any other event.
	 */
	static ConsumerRecord<String, byte[]> asConsumed(String topic, String eventId, Instant time,
			NotificationEvent event) {
		byte[] value = value(event);
		String key = event.customer().id();
		return new ConsumerRecord<>(topic, -1, -1L, time.toEpochMilli(), TimestampType.CREATE_TIME,
				key.getBytes(StandardCharsets.UTF_8).length, value.length, key, value, headers(eventId, time, event),
				Optional.empty());
	}

	private static byte[] value(NotificationEvent event) {
		return EventJson.mapper().writeValueAsBytes(event);
	}

	private static Headers headers(String eventId, Instant time, NotificationEvent event) {
		RecordHeaders headers = new RecordHeaders();
		put(headers, CloudEvents.SPEC_VERSION_HEADER, CloudEvents.SPEC_VERSION);
		put(headers, CloudEvents.ID_HEADER, eventId);
		put(headers, CloudEvents.SOURCE_HEADER, SOURCE);
		put(headers, CloudEvents.TYPE_HEADER, event.eventType().ceType());
		put(headers, CloudEvents.TIME_HEADER,
				time.truncatedTo(ChronoUnit.SECONDS)
					.atZone(India.ZONE)
					.toOffsetDateTime()
					.format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
		put(headers, CloudEvents.SUBJECT_HEADER, event.customer().id());
		put(headers, CloudEvents.DATA_SCHEMA_HEADER, event.eventType().schemaId().toString());
		put(headers, CloudEvents.CONTENT_TYPE_HEADER, CloudEvents.JSON);
		return headers;
	}

	private static void put(Headers headers, String name, String value) {
		headers.add(name, value.getBytes(StandardCharsets.UTF_8));
	}

}
