package in.earlybird.notification;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import in.earlybird.events.BillGenerated;
import in.earlybird.events.ChurnRiskDetected;
import in.earlybird.events.CloudEvent;
import in.earlybird.events.CloudEvents;
import in.earlybird.events.Customer;
import in.earlybird.events.DeliveryConfirmed;
import in.earlybird.events.DeliveryDelayed;
import in.earlybird.events.DeliveryScheduled;
import in.earlybird.events.EventType;
import in.earlybird.events.NotificationEvent;
import in.earlybird.events.OrderCreated;
import in.earlybird.events.PaymentMethod;
import in.earlybird.events.PaymentRecorded;
import in.earlybird.events.ProductLaunched;
import in.earlybird.events.SubscriptionCreated;
import in.earlybird.events.SubscriptionPaused;
import in.earlybird.notification.shared.EventJson;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import tools.jackson.databind.node.ObjectNode;

/** Static factories for realistic events and the Kafka records that carry them. */
public final class TestEvents {

	private static final AtomicLong sequence = new AtomicLong(9_000_000_000L);

	private static final ZoneOffset IST = ZoneOffset.ofHoursMinutes(5, 30);

	private TestEvents() {
	}

	/**
	 * Returns a new customer with a unique valid Indian mobile number.
	 * @param language the preferred language
	 * @return the customer
	 */
	public static Customer customer(String language) {
		long n = sequence.incrementAndGet();
		return new Customer("cust-" + n, "Priya Sharma", "+91" + n, language);
	}

	/**
	 * Returns a new English-speaking customer.
	 * @return the customer
	 */
	public static Customer customer() {
		return customer("en");
	}

	/**
	 * Returns one event of each type for a customer, dated in the future so none is
	 * stale.
	 * @param customer the recipient
	 * @return ten events, one per type, in {@link EventType} order
	 */
	public static List<NotificationEvent> oneOfEach(Customer customer) {
		LocalDate tomorrow = LocalDate.now(IST).plusDays(1);
		OffsetDateTime soon = OffsetDateTime.now(IST).plusHours(2).withNano(0);
		return List.of(
				new DeliveryScheduled(customer, "del-101", tomorrow, "6-8 AM", "Bandra West", "Toned Milk 500 ml"),
				new DeliveryConfirmed(customer, "del-102", "ord-2201", OffsetDateTime.now(IST).withNano(0)),
				new DeliveryDelayed(customer, "del-103", soon, "heavy rain"),
				new BillGenerated(customer, "bill-3301", new BigDecimal("2500.00"), "January 2026",
						tomorrow.plusDays(7)),
				new PaymentRecorded(customer, "pay-4401", "bill-3301", new BigDecimal("2500.50"), PaymentMethod.UPI),
				new SubscriptionCreated(customer, "sub-5501", "Toned Milk 500 ml", 2, tomorrow),
				new SubscriptionPaused(customer, "sub-5501", tomorrow.plusDays(10)),
				new OrderCreated(customer, "ord-6601", new BigDecimal("125000"), tomorrow),
				new ChurnRiskDetected(customer, 25, "COMEBACK25"),
				new ProductLaunched(customer, "A2 Cow Ghee 500 ml", "Koregaon Park", tomorrow));
	}

	/**
	 * Returns a delivery reminder for tomorrow.
	 * @param customer the recipient
	 * @return the event
	 */
	public static DeliveryScheduled deliveryScheduled(Customer customer) {
		return new DeliveryScheduled(customer, "del-" + sequence.incrementAndGet(), LocalDate.now(IST).plusDays(1),
				"6-8 AM", "Bandra West", "Toned Milk 500 ml");
	}

	/**
	 * Wraps an event in an envelope with a fresh id.
	 * @param event the event
	 * @return the envelope
	 */
	public static CloudEvent<NotificationEvent> envelope(NotificationEvent event) {
		return CloudEvent.of(UUID.randomUUID().toString(), "/earlybird/test", OffsetDateTime.now(IST).withNano(0),
				event);
	}

	/**
	 * Builds a binary-mode record: attributes as {@code ce_*} headers, data as the value.
	 * @param topic the topic
	 * @param envelope the event
	 * @return the record, keyed by customer id
	 */
	public static ProducerRecord<String, byte[]> binary(String topic, CloudEvent<?> envelope) {
		RecordHeaders headers = new RecordHeaders();
		headers.add(CloudEvents.SPEC_VERSION_HEADER, utf8(envelope.specversion()));
		headers.add(CloudEvents.ID_HEADER, utf8(envelope.id()));
		headers.add(CloudEvents.SOURCE_HEADER, utf8(envelope.source()));
		headers.add(CloudEvents.TYPE_HEADER, utf8(envelope.type()));
		headers.add(CloudEvents.TIME_HEADER, utf8(envelope.time().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME)));
		headers.add(CloudEvents.CONTENT_TYPE_HEADER, utf8(CloudEvents.JSON));
		if (envelope.subject() != null) {
			headers.add(CloudEvents.SUBJECT_HEADER, utf8(envelope.subject()));
		}
		byte[] value = EventJson.mapper().writeValueAsBytes(envelope.data());
		return new ProducerRecord<>(topic, null, envelope.data().customer().id(), value, headers);
	}

	/**
	 * Builds a structured-mode record: the whole envelope as the value.
	 * @param topic the topic
	 * @param envelope the event
	 * @return the record, keyed by customer id
	 */
	public static ProducerRecord<String, byte[]> structured(String topic, CloudEvent<?> envelope) {
		RecordHeaders headers = new RecordHeaders();
		headers.add(CloudEvents.CONTENT_TYPE_HEADER, utf8(CloudEvents.STRUCTURED_CONTENT_TYPE));
		ObjectNode json = EventJson.mapper().valueToTree(envelope);
		json.remove("dataschema");
		return new ProducerRecord<>(topic, null, envelope.data().customer().id(),
				EventJson.mapper().writeValueAsBytes(json), headers);
	}

	/**
	 * Builds a record with raw headers and value, for malformed input.
	 * @param topic the topic
	 * @param key the key
	 * @param value the value
	 * @param headers header name/value pairs
	 * @return the record
	 */
	public static ProducerRecord<String, byte[]> raw(String topic, String key, String value, String... headers) {
		RecordHeaders recordHeaders = new RecordHeaders();
		for (int i = 0; i + 1 < headers.length; i += 2) {
			recordHeaders.add(headers[i], utf8(headers[i + 1]));
		}
		return new ProducerRecord<>(topic, null, key, utf8(value), recordHeaders);
	}

	private static byte[] utf8(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

}
