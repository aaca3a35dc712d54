package in.earlybird.notification.intake;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.mongodb.MongoException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

import in.earlybird.notification.delivery.DeliveryOutcome;
import in.earlybird.notification.delivery.DeliveryRequest;
import in.earlybird.notification.delivery.NotificationDispatcher;
import in.earlybird.notification.delivery.NotificationDispatcher.BatchContext;
import in.earlybird.notification.delivery.Trigger;
import in.earlybird.notification.history.KafkaSource;
import in.earlybird.notification.retry.FailureHeaders;
import in.earlybird.notification.retry.FailureRouter;
import in.earlybird.notification.retry.FailureRoutingException;
import in.earlybird.notification.shared.HeaderValues;

/**
 * Processes one polled batch: decodes every record, then sends in parallel across
 * customers and in order within a customer (the record key), on virtual threads so that
 * hundreds of slow provider calls can be in flight at once.
 *
 * <p>
 * Every record ends sent, recorded as not sent, or durably on the delay or dead-letter
 * topic. When MongoDB or Kafka itself fails, the batch reports the first record that did
 * not finish; the listener commits everything before it and reads the rest again later.
 * Records after it that did finish are simply found already handled then.
 */
@Component
class EventBatchProcessor implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(EventBatchProcessor.class);

	/** The MDC key, and so the JSON log field, that carries the event id. */
	static final String EVENT_ID_MDC_KEY = "eventId";

	private final CloudEventDecoder decoder;

	private final NotificationDispatcher dispatcher;

	private final FailureRouter router;

	private final ExecutorService executor = Executors
		.newThreadPerTaskExecutor(Thread.ofVirtual().name("notification-", 0).factory());

	EventBatchProcessor(CloudEventDecoder decoder, NotificationDispatcher dispatcher, FailureRouter router) {
		this.decoder = decoder;
		this.dispatcher = dispatcher;
		this.router = router;
	}

	/**
	 * Processes records in order per key.
	 * @param records the batch, or its first part
	 * @param fromRetryTopic whether the records come from the delay topic
	 * @return the index of the first record that must be read again, or {@code -1} if all
	 * were handled
	 * @throws InterruptedException if the listener thread is interrupted (shutdown)
	 */
	int process(List<ConsumerRecord<String, byte[]>> records, boolean fromRetryTopic) throws InterruptedException {
		if (records.isEmpty()) {
			return -1;
		}
		List<Item> items = new ArrayList<>(records.size());
		for (int i = 0; i < records.size(); i++) {
			items.add(decode(i, records.get(i), fromRetryTopic));
		}
		BatchContext context = this.dispatcher
			.prepare(items.stream().map(Item::request).filter(java.util.Objects::nonNull).toList());
		Map<String, List<Item>> chains = new LinkedHashMap<>();
		for (Item item : items) {
			chains.computeIfAbsent(item.orderingKey(), (key) -> new ArrayList<>()).add(item);
		}
		AtomicInteger firstFailed = new AtomicInteger(Integer.MAX_VALUE);
		List<Future<?>> running = new ArrayList<>(chains.size());
		for (List<Item> chain : chains.values()) {
			running.add(this.executor.submit(() -> runChain(chain, context, firstFailed)));
		}
		for (Future<?> future : running) {
			try {
				future.get();
			}
			catch (java.util.concurrent.ExecutionException ex) {
				// runChain catches everything; reaching here is a bug, so read it all
				// again.
				logger.error("A processing chain failed unexpectedly", ex.getCause());
				firstFailed.set(0);
			}
		}
		int failed = firstFailed.get();
		return (failed == Integer.MAX_VALUE) ? -1 : failed;
	}

	private void runChain(List<Item> chain, BatchContext context, AtomicInteger firstFailed) {
		for (Item item : chain) {
			// The event id is the correlation field of every log line about this record
			// (a field of its own in structured JSON logs).
			String eventId = (item.request() != null) ? item.request().eventId()
					: (item.poison() != null) ? item.poison().eventId() : null;
			if (eventId != null) {
				MDC.put(EVENT_ID_MDC_KEY, eventId);
			}
			try {
				handle(item, context);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				firstFailed.accumulateAndGet(item.index(), Math::min);
				return;
			}
			catch (RuntimeException ex) {
				if (isInfrastructure(ex)) {
					logger.warn("Infrastructure failure on {}-{}@{}; it will be read again: {}", item.record().topic(),
							item.record().partition(), item.record().offset(), ex.toString());
					// Later records of this customer wait too, to keep their order.
					firstFailed.accumulateAndGet(item.index(), Math::min);
					return;
				}
				try {
					this.router.deadLetterUnexpected(item.record(), item.request(), ex);
				}
				catch (RuntimeException routingFailure) {
					firstFailed.accumulateAndGet(item.index(), Math::min);
					return;
				}
			}
			finally {
				MDC.remove(EVENT_ID_MDC_KEY);
			}
		}
	}

	private void handle(Item item, BatchContext context) throws InterruptedException {
		if (item.poison() != null) {
			PoisonEventException poison = item.poison();
			this.router.deadLetterPoison(item.record(), poison.code(), poison.getMessage(), poison.eventId(),
					poison.eventType());
			return;
		}
		DeliveryRequest request = java.util.Objects.requireNonNull(item.request());
		DeliveryOutcome outcome = this.dispatcher.dispatch(request, context);
		switch (outcome) {
			case DeliveryOutcome.RetryLater retryLater ->
				this.router.retryOrDeadLetter(item.record(), request, retryLater);
			case DeliveryOutcome.DeadLetter deadLetter -> this.router.deadLetter(item.record(), request, deadLetter);
			case DeliveryOutcome.Sent sent -> {
			}
			case DeliveryOutcome.NotSent notSent ->
				logger.info("Event {} ({}) not sent: {}", request.eventId(), request.eventType(), notSent.code());
			case DeliveryOutcome.AlreadyHandled handled -> logger.debug("Event {} ({}) already handled: {}",
					request.eventId(), request.eventType(), handled.status());
		}
	}

	private Item decode(int index, ConsumerRecord<String, byte[]> record, boolean fromRetryTopic) {
		try {
			DecodedEvent event = this.decoder.decode(record);
			Trigger trigger = fromRetryTopic ? Trigger.RETRY
					: (HeaderValues.text(record, FailureHeaders.REPLAY_ID) != null) ? Trigger.REPLAY : Trigger.EVENT;
			int topicAttempt = fromRetryTopic ? retryAttempt(record) : 0;
			String originalTopic = HeaderValues.text(record, FailureHeaders.ORIGINAL_TOPIC);
			KafkaSource source = (originalTopic != null && fromRetryTopic)
					? new KafkaSource(originalTopic,
							parseInt(HeaderValues.text(record, FailureHeaders.ORIGINAL_PARTITION)),
							parseLong(HeaderValues.text(record, FailureHeaders.ORIGINAL_OFFSET)))
					: new KafkaSource(record.topic(), record.partition(), record.offset());
			DeliveryRequest request = new DeliveryRequest(event.id(), event.type().ceType(), event.event(), trigger,
					topicAttempt, source, null);
			String orderingKey = (record.key() != null) ? record.key() : event.event().customer().id();
			return new Item(index, record, request, null, orderingKey);
		}
		catch (PoisonEventException ex) {
			String orderingKey = (record.key() != null) ? record.key() : "partition-" + record.partition();
			return new Item(index, record, null, ex, orderingKey);
		}
	}

	private static int retryAttempt(ConsumerRecord<String, byte[]> record) {
		String attempt = HeaderValues.text(record, FailureHeaders.RETRY_ATTEMPT);
		return (attempt != null) ? parseInt(attempt) : 1;
	}

	private static int parseInt(@Nullable String value) {
		try {
			return (value != null) ? Integer.parseInt(value.trim()) : 0;
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	private static long parseLong(@Nullable String value) {
		try {
			return (value != null) ? Long.parseLong(value.trim()) : -1;
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	private static boolean isInfrastructure(Throwable error) {
		for (Throwable cause = error; cause != null; cause = cause.getCause()) {
			if (cause instanceof DataAccessException || cause instanceof MongoException
					|| cause instanceof FailureRoutingException || cause instanceof KafkaException) {
				return true;
			}
		}
		return false;
	}

	@Override
	public void destroy() {
		this.executor.shutdownNow();
	}

	/** One record of the batch, decoded or not. */
	private record Item(int index, ConsumerRecord<String, byte[]> record, @Nullable DeliveryRequest request,
			@Nullable PoisonEventException poison, String orderingKey) {
	}

}
