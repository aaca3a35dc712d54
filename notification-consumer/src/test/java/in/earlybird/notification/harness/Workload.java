package in.earlybird.notification.harness;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
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
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * Publishes realistic events: transactional messages (delivery reminders, payment
 * confirmations, order confirmations) spread over the domain topics, keyed by customer.
 */
public final class Workload {

	private final KafkaProducer<String, byte[]> producer;

	private int sequence;

	/** Events the broker did not take (the send failed): not published after all. */
	private final Set<String> failed = ConcurrentHashMap.newKeySet();

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
		this.producer.send(TestEvents.binary(topic, envelope), (metadata, ex) -> {
			if (ex != null) {
				this.failed.add(envelope.id());
			}
		});
		String phone = event.customer().phone();
		return new PublishedEvent(envelope.id(), event.customer().id(), phone,
				NotificationIds.of(new IdempotencyKey(envelope.id(), TemplateType.of(event).key(), phone)), at, topic);
	}

	/**
	 * Publishes a delivery reminder for a customer, on the topic and so the partition of
	 * {@link #publishMalformed}'s records for that customer.
	 * @param customer the customer
	 * @return what was published
	 */
	public PublishedEvent publishReminder(Customer customer) {
		return publish(TestEvents.deliveryScheduled(customer));
	}

	/**
	 * Publishes a malformed record on a customer's key, on the topic of its delivery
	 * reminders.
	 * @param kind how it is malformed
	 * @param customer whose key it carries
	 * @return where it lands, once the broker has it
	 */
	public CompletableFuture<MalformedRecord> publishMalformed(Malformation kind, Customer customer) {
		NotificationEvent event = TestEvents.deliveryScheduled(customer);
		ProducerRecord<String, byte[]> record = kind.record(event.eventType().defaultTopic(), customer, event);
		CompletableFuture<MalformedRecord> written = new CompletableFuture<>();
		this.producer.send(record, (metadata, ex) -> {
			if (ex != null) {
				written.completeExceptionally(ex);
			}
			else {
				written.complete(new MalformedRecord(kind, metadata.topic(), metadata.partition(), metadata.offset(),
						customer.id()));
			}
		});
		return written;
	}

	/**
	 * Publishes events for new customers at a steady rate, on a thread of its own, until
	 * stopped.
	 * @param perSecond the rate
	 * @return the running publication
	 */
	public Publishing publishContinuously(double perSecond) {
		Publishing publishing = new Publishing(this);
		Thread.ofPlatform().name("workload").daemon().start(() -> publishing.run(perSecond));
		return publishing;
	}

	/**
	 * Returns the events published so far that the broker did not take after all.
	 * @param events events published by this workload
	 * @return those whose send failed
	 */
	public List<PublishedEvent> notTaken(List<PublishedEvent> events) {
		this.producer.flush();
		return events.stream().filter((event) -> this.failed.contains(event.eventId())).toList();
	}

	/**
	 * Returns how many of the events published so far the broker did not take.
	 * @return the number whose send failed
	 */
	public int notTakenCount() {
		this.producer.flush();
		return this.failed.size();
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

	/** Events published at a steady rate by a thread of their own. */
	public static final class Publishing {

		private final Workload workload;

		private final List<PublishedEvent> published = new ArrayList<>();

		private volatile boolean stopped;

		private final CompletableFuture<Void> ended = new CompletableFuture<>();

		private Publishing(Workload workload) {
			this.workload = workload;
		}

		private void run(double perSecond) {
			try {
				long start = System.nanoTime();
				for (long i = 0; !this.stopped; i++) {
					long due = start + (long) (i * 1e9 / perSecond);
					long wait;
					while ((wait = due - System.nanoTime()) > 0 && !this.stopped) {
						LockSupport.parkNanos(Math.min(wait, 50_000_000L));
					}
					if (this.stopped) {
						break;
					}
					PublishedEvent event = this.workload.publish(this.workload.next(TestEvents.customer()));
					synchronized (this.published) {
						this.published.add(event);
					}
				}
				this.workload.flush();
				this.ended.complete(null);
			}
			catch (RuntimeException ex) {
				this.ended.completeExceptionally(ex);
			}
		}

		/**
		 * Returns how many events were published so far.
		 * @return the count
		 */
		public int count() {
			synchronized (this.published) {
				return this.published.size();
			}
		}

		/**
		 * Returns the events published so far.
		 * @return a copy
		 */
		public List<PublishedEvent> events() {
			synchronized (this.published) {
				return List.copyOf(this.published);
			}
		}

		/**
		 * Stops publishing and waits until the broker has every event.
		 * @return every event published
		 */
		public List<PublishedEvent> stop() {
			this.stopped = true;
			this.ended.join();
			synchronized (this.published) {
				return List.copyOf(this.published);
			}
		}

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
