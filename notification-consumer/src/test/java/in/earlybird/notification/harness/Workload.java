package in.earlybird.notification.harness;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

import in.earlybird.events.CloudEvent;
import in.earlybird.events.Customer;
import in.earlybird.events.NotificationEvent;
import in.earlybird.events.OrderCreated;
import in.earlybird.events.PaymentMethod;
import in.earlybird.events.PaymentRecorded;
import in.earlybird.notification.TestEvents;
import in.earlybird.notification.history.IdempotencyKey;
import in.earlybird.notification.history.NotificationIds;
import in.earlybird.notification.templates.TemplateType;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * Publishes realistic events: transactional messages (delivery reminders, payment
 * confirmations, order confirmations) spread over the domain topics, keyed by customer.
 */
public final class Workload {

	private final KafkaProducer<String, byte[]> producer;

	private int sequence;

	/**
	 * Creates a workload on a producer.
	 * @param producer the producer
	 */
	public Workload(KafkaProducer<String, byte[]> producer) {
		this.producer = producer;
	}

	/**
	 * Publishes one event for each of {@code count} new customers, as fast as the
	 * producer takes them.
	 * @param count how many
	 * @return what was published
	 */
	public List<PublishedEvent> newCustomers(int count) {
		return newCustomers(count, 0);
	}

	/**
	 * Publishes one event for each of {@code count} new customers, evenly paced.
	 * @param count how many
	 * @param perSecond the rate, 0 for as fast as possible
	 * @return what was published
	 */
	public List<PublishedEvent> newCustomers(int count, double perSecond) {
		List<PublishedEvent> published = new ArrayList<>(count);
		long start = System.nanoTime();
		for (int i = 0; i < count; i++) {
			if (perSecond > 0) {
				long due = start + (long) (i * 1e9 / perSecond);
				long wait;
				while ((wait = due - System.nanoTime()) > 0) {
					LockSupport.parkNanos(wait);
				}
			}
			published.add(publish(next(TestEvents.customer())));
		}
		this.producer.flush();
		return published;
	}

	/**
	 * Publishes delivery reminders for one customer, all on one topic and so on one
	 * partition: Kafka keeps the order of a key's records within a partition only.
	 * @param customer the customer
	 * @param count how many
	 * @return what was published, in order
	 */
	public List<PublishedEvent> forCustomer(Customer customer, int count) {
		List<PublishedEvent> published = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			published.add(publish(TestEvents.deliveryScheduled(customer)));
		}
		this.producer.flush();
		return published;
	}

	/**
	 * Publishes an event.
	 * @param event the event
	 * @return what was published
	 */
	public PublishedEvent publish(NotificationEvent event) {
		CloudEvent<NotificationEvent> envelope = TestEvents.envelope(event);
		String topic = event.eventType().defaultTopic();
		Instant at = Instant.now();
		this.producer.send(TestEvents.binary(topic, envelope));
		String phone = event.customer().phone();
		return new PublishedEvent(envelope.id(), event.customer().id(), phone,
				NotificationIds.of(new IdempotencyKey(envelope.id(), TemplateType.of(event).key(), phone)), at);
	}

	/** Waits until every published record is on the broker. */
	public void flush() {
		this.producer.flush();
	}

	private NotificationEvent next(Customer customer) {
		int n = this.sequence++;
		return switch (n % 3) {
			case 0 -> TestEvents.deliveryScheduled(customer);
			case 1 -> new PaymentRecorded(customer, "pay-" + n, "bill-" + n, new java.math.BigDecimal("540.00"),
					PaymentMethod.UPI);
			default -> new OrderCreated(customer, "ord-" + n, new java.math.BigDecimal("1250.00"),
					java.time.LocalDate.now(java.time.ZoneOffset.ofHoursMinutes(5, 30)).plusDays(1));
		};
	}

	/**
	 * Returns how long to wait for a number of sends at a rate, with slack.
	 * @param count the sends
	 * @param perSecond the rate
	 * @return the time to allow
	 */
	public static Duration allowFor(int count, double perSecond) {
		return Duration.ofSeconds((long) (count / perSecond * 2) + 60);
	}

}
