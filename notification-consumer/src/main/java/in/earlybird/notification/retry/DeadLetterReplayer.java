package in.earlybird.notification.retry;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import in.earlybird.notification.shared.HeaderValues;
import in.earlybird.notification.shared.KafkaPublishing;
import in.earlybird.notification.shared.KafkaPublishing.PublishFailedException;
import in.earlybird.notification.shared.Redaction;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads the dead-letter topic for SREs: inspects it, and moves matching records back to
 * their original topic with a fresh retry budget (the delay-topic headers are stripped
 * and the record is marked as a replay). Replaying is safe to repeat: a replayed event
 * that was already sent is found in history and not sent again.
 *
 * <p>
 * The topic is read from the beginning to where it ended when the replay started, without
 * a consumer group, streaming, so memory stays flat however large it is. Every replay,
 * dry runs included, leaves an audit record in {@code replay_audit}, written before
 * anything moves and completed ({@code finished}) at the end.
 */
@Component
public class DeadLetterReplayer {

	private static final Logger logger = LoggerFactory.getLogger(DeadLetterReplayer.class);

	/** The collection of replay audit records. */
	public static final String AUDIT_COLLECTION = "replay_audit";

	private static final int MAX_LISTED = 100;

	private static final int MAX_AUDITED_EVENT_IDS = 1000;

	private final ConsumerFactory<String, byte[]> consumers;

	private final KafkaTemplate<String, byte[]> kafka;

	private final MongoTemplate mongo;

	private final RetryProperties properties;

	private final Clock clock;

	private final OversizedValues oversized;

	DeadLetterReplayer(ConsumerFactory<String, byte[]> consumers, KafkaTemplate<String, byte[]> kafka,
			MongoTemplate mongo, RetryProperties properties, Clock clock, OversizedValues oversized) {
		this.oversized = oversized;
		this.consumers = consumers;
		this.kafka = kafka;
		this.mongo = mongo;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Lists dead-lettered records without moving anything or writing an audit record.
	 * @param filter which records
	 * @return counts by reason and the first matching records
	 */
	public ReplayReport inspect(ReplayFilter filter) {
		return run(filter, true, 0, "inspect", false);
	}

	/**
	 * Replays dead-lettered records to their original topics.
	 * @param filter which records
	 * @param dryRun list what would move, move nothing
	 * @param ratePerSecond the most records to publish per second
	 * @param requestedBy who asked, for the audit trail
	 * @return what was (or would be) replayed
	 */
	public ReplayReport replay(ReplayFilter filter, boolean dryRun, double ratePerSecond, String requestedBy) {
		if (!(ratePerSecond > 0)) {
			throw new IllegalArgumentException("The replay rate must be positive");
		}
		return run(filter, dryRun, ratePerSecond, requestedBy, true);
	}

	private ReplayReport run(ReplayFilter filter, boolean dryRun, double ratePerSecond, String requestedBy,
			boolean audit) {
		String replayId = UUID.randomUUID().toString();
		Instant at = this.clock.instant();
		int scanned = 0;
		int replayed = 0;
		int refused = 0;
		Map<String, Integer> byReason = new TreeMap<>();
		List<DeadLetter> listed = new ArrayList<>();
		List<String> eventIds = new ArrayList<>();
		long pacingNanos = (ratePerSecond > 0) ? (long) (TimeUnit.SECONDS.toNanos(1) / ratePerSecond) : 0;
		long nextSendAt = System.nanoTime();
		Document entry = new Document("_id", replayId).append("requestedBy", requestedBy)
			.append("at", at)
			.append("dryRun", dryRun)
			.append("filter",
					new Document("from", filter.from()).append("to", filter.to())
						.append("eventType", filter.eventType())
						.append("errorClass", filter.errorClass())
						.append("eventId", filter.eventId()))
			.append("ratePerSecond", ratePerSecond)
			.append("finished", false);
		if (audit) {
			// Who replays what is on record before anything moves: without MongoDB,
			// nothing does.
			this.mongo.insert(entry, AUDIT_COLLECTION);
		}
		try (Consumer<String, byte[]> consumer = this.consumers.createConsumer("notification-replay-" + replayId, null,
				"-replay")) {
			String topic = this.properties.deadLetterTopic();
			List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10))
				.stream()
				.map((info) -> new TopicPartition(topic, info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
			while (partitions.stream().anyMatch((partition) -> consumer.position(partition) < end.get(partition))) {
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
					if (record.offset() >= end.get(new TopicPartition(record.topic(), record.partition()))) {
						continue;
					}
					scanned++;
					DeadLetter deadLetter = describe(record);
					if (!filter.matches(deadLetter)) {
						continue;
					}
					byReason.merge(deadLetter.errorClass() + "/" + deadLetter.errorCode(), 1, Integer::sum);
					if (listed.size() < MAX_LISTED) {
						listed.add(deadLetter);
					}
					if (deadLetter.eventId() != null && eventIds.size() < MAX_AUDITED_EVENT_IDS) {
						eventIds.add(deadLetter.eventId());
					}
					if (!dryRun && deadLetter.originalTopic() != null) {
						long wait = nextSendAt - System.nanoTime();
						if (wait > 0) {
							TimeUnit.NANOSECONDS.sleep(wait);
						}
						nextSendAt = Math.max(nextSendAt, System.nanoTime()) + pacingNanos;
						if (republish(record, deadLetter.originalTopic(), replayId, requestedBy, at)) {
							replayed++;
						}
						else {
							refused++;
						}
					}
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Replay " + replayId + " interrupted after " + replayed + " records", ex);
		}
		int matched = byReason.values().stream().mapToInt(Integer::intValue).sum();
		ReplayReport report = new ReplayReport(replayId, requestedBy, at, dryRun, filter, scanned, matched, replayed,
				refused, byReason, listed);
		if (audit) {
			entry.append("scanned", scanned)
				.append("matched", matched)
				.append("replayed", replayed)
				.append("eventIds", eventIds)
				.append("finished", true);
			this.mongo.save(entry, AUDIT_COLLECTION);
			logger.info("Replay {} by {}: {} of {} dead-lettered records matched, {} replayed{}", replayId, requestedBy,
					matched, scanned, replayed, dryRun ? " (dry run)" : "");
		}
		return report;
	}

	/**
	 * Publishes a dead letter back to its topic with a fresh retry budget.
	 * @return {@code false} if it cannot go back: too large for the topic with the
	 * replay's headers, or its whole value is no longer kept
	 */
	private boolean republish(ConsumerRecord<String, byte[]> record, String topic, String replayId, String requestedBy,
			Instant at) {
		RecordHeaders headers = new RecordHeaders();
		for (Header header : record.headers()) {
			// A fresh retry budget: the failure and delay-topic headers stay behind.
			if (!header.key().startsWith(FailureHeaders.PREFIX)) {
				headers.add(header);
			}
		}
		headers.add(FailureHeaders.REPLAY_ID, utf8(replayId));
		headers.add(FailureHeaders.REPLAYED_BY, utf8(requestedBy));
		headers.add(FailureHeaders.REPLAYED_AT, utf8(at.toString()));
		// A dead letter shortened for the topic goes back whole.
		byte[] value = this.oversized.wholeValue(record).orElse(null);
		if (value == null) {
			logger.warn("Dead letter {}@{} not replayed: its whole value is no longer kept in {}", record.partition(),
					record.offset(), OversizedValues.COLLECTION);
			return false;
		}
		try {
			KafkaPublishing.publish(this.kafka, new ProducerRecord<>(topic, null, null, record.key(), value, headers),
					this.properties.publishTimeout());
			return true;
		}
		catch (PublishFailedException ex) {
			if (ex.tooLarge()) {
				logger.warn("Dead letter {}@{} not replayed: {} bytes are too large for {} with the replay's headers",
						record.partition(), record.offset(), value.length, topic);
				return false;
			}
			throw new FailureRoutingException("Could not replay to " + topic, ex);
		}
	}

	static DeadLetter describe(ConsumerRecord<String, byte[]> record) {
		String payload = (record.value() != null) ? new String(record.value(), StandardCharsets.UTF_8) : null;
		return new DeadLetter(record.partition(), record.offset(), record.key(),
				HeaderValues.text(record, FailureHeaders.ORIGINAL_TOPIC),
				HeaderValues.text(record, FailureHeaders.EVENT_ID),
				HeaderValues.text(record, FailureHeaders.EVENT_TYPE), FailureHeaders.failureClass(record),
				HeaderValues.text(record, FailureHeaders.ERROR_CODE),
				HeaderValues.text(record, FailureHeaders.EXCEPTION_MESSAGE),
				HeaderValues.text(record, FailureHeaders.ATTEMPTS),
				instant(HeaderValues.text(record, FailureHeaders.FIRST_FAILURE_AT)),
				instant(HeaderValues.text(record, FailureHeaders.LAST_FAILURE_AT)),
				(payload != null) ? Redaction.safe(payload) : null,
				OversizedValues.isShortened(record) ? HeaderValues.text(record, OversizedValues.DIGEST) : null);
	}

	private static @Nullable Instant instant(@Nullable String value) {
		try {
			return (value != null) ? Instant.parse(value) : null;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	private static byte[] utf8(String value) {
		return value.getBytes(StandardCharsets.UTF_8);
	}

}
