package in.earlybird.notification.harness;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import in.earlybird.notification.history.NotificationRecord;
import in.earlybird.notification.retry.FailureHeaders;
import in.earlybird.notification.sandbox.MyOperatorSandbox;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

/**
 * What became of every published record, counted from the outside: requests the provider
 * received (by {@code myop_ref_id}), history in MongoDB and the dead-letter topic. Every
 * record lands in exactly one row: sent once, sent more than once, recorded as not sent
 * (by status and code), dead-lettered (by class and code), a malformed record taken for
 * an event, or never sent and not recorded at all.
 *
 * @param eventsIn the records published: valid events and malformed records
 * @param sentOnce sent to the provider exactly once
 * @param sentMoreThanOnce sent more than once (duplicates)
 * @param neverSent neither sent nor recorded nor dead-lettered (lost, or still stuck)
 * @param recordedNotSent recorded in history as not sent, by {@code status/code}
 * @param deadLettered on the dead-letter topic and not sent, by
 * {@code x-exception-class/x-error-code}; {@code (no reason)} when a header is missing
 * @param sentButRecordedFailed sent, yet history says {@code failed}: history lies
 * @param sentButUnsettled sent, yet history says neither sent, delivered nor read (in
 * doubt, still sending): history does not know yet what the customer saw
 * @param malformedAccepted malformed records that were not dead-lettered but taken for an
 * event (found in history by their position)
 */
public record Accounting(int eventsIn, int sentOnce, int sentMoreThanOnce, int neverSent,
		Map<String, Integer> recordedNotSent, Map<String, Integer> deadLettered, int sentButRecordedFailed,
		int sentButUnsettled, int malformedAccepted) {

	/** What a dead letter without a class or code is counted under. */
	public static final String NO_REASON = "(no reason)";

	private static final Set<String> SETTLED_SENT = Set.of("sent", "delivered", "read");

	/**
	 * Counts the fate of events.
	 * @param events the published events
	 * @param stack the stack they were sent through
	 * @return the accounting
	 */
	public static Accounting of(List<PublishedEvent> events, ServiceStack stack) {
		return of(events, List.of(), stack);
	}

	/**
	 * Counts the fate of events and malformed records.
	 * @param events the published events
	 * @param malformed the published malformed records
	 * @param stack the stack they were sent through
	 * @return the accounting
	 */
	public static Accounting of(List<PublishedEvent> events, List<MalformedRecord> malformed, ServiceStack stack) {
		MyOperatorSandbox sandbox = stack.sandbox();
		Map<String, Integer> sends = sandbox.countByRefId();
		MongoCollection<Document> collection = stack.database().getCollection(NotificationRecord.COLLECTION);
		Map<String, Document> history = history(events, collection);
		DeadLetters deadLetters = DeadLetters.read(stack);
		int sentOnce = 0;
		int duplicates = 0;
		int lost = 0;
		int lies = 0;
		int unsettled = 0;
		int accepted = 0;
		Map<String, Integer> notSent = new TreeMap<>();
		Map<String, Integer> dead = new TreeMap<>();
		for (PublishedEvent event : events) {
			int count = sends.getOrDefault(event.notificationId(), 0);
			Document record = history.get(event.notificationId());
			String status = (record != null) ? record.getString("status") : null;
			String deadReason = deadLetters.byEventId().get(event.eventId());
			if (count == 1) {
				sentOnce++;
			}
			else if (count > 1) {
				duplicates++;
			}
			else if (deadReason != null) {
				dead.merge(deadReason, 1, Integer::sum);
			}
			else if (record != null) {
				notSent.merge(status + "/" + record.getString("errorCode"), 1, Integer::sum);
			}
			else {
				lost++;
			}
			if (count > 0 && "failed".equals(status)) {
				lies++;
			}
			if (count > 0 && !SETTLED_SENT.contains(status)) {
				unsettled++;
			}
		}
		for (MalformedRecord record : malformed) {
			String deadReason = deadLetters.byPosition().get(record.position());
			if (deadReason != null) {
				dead.merge(deadReason, 1, Integer::sum);
			}
			else if (collection.countDocuments(Filters.and(Filters.eq("source.topic", record.topic()),
					Filters.eq("source.partition", record.partition()),
					Filters.eq("source.offset", record.offset()))) > 0) {
				accepted++;
			}
			else {
				lost++;
			}
		}
		return new Accounting(events.size() + malformed.size(), sentOnce, duplicates, lost, notSent, dead, lies,
				unsettled, accepted);
	}

	/**
	 * Tells whether nothing was lost or sent twice, history tells no lie and every
	 * malformed record was dead-lettered with a reason.
	 * @return whether the accounting is clean
	 */
	public boolean isClean() {
		return this.sentMoreThanOnce == 0 && this.neverSent == 0 && this.sentButRecordedFailed == 0
				&& this.malformedAccepted == 0 && !this.deadLettered.containsKey(NO_REASON);
	}

	/**
	 * Tells whether the rows add up to the records published.
	 * @return whether every record is counted once
	 */
	public boolean addsUp() {
		return this.sentOnce + this.sentMoreThanOnce + this.neverSent + sum(this.recordedNotSent) + deadLetteredCount()
				+ this.malformedAccepted == this.eventsIn;
	}

	/**
	 * Returns how many records were dead-lettered, for whatever reason.
	 * @return the count
	 */
	public int deadLetteredCount() {
		return sum(this.deadLettered);
	}

	/**
	 * Counts events not sent whose history says they are still on their way (queued for a
	 * retry, or being sent).
	 * @return the count
	 */
	public int inProgress() {
		return this.recordedNotSent.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().startsWith("queued/") || entry.getKey().startsWith("sending/"))
			.mapToInt(Map.Entry::getValue)
			.sum();
	}

	/**
	 * Counts events recorded as not sent with a status.
	 * @param status e.g. {@code in_doubt}
	 * @return the count
	 */
	public int recordedNotSent(String status) {
		return this.recordedNotSent.entrySet()
			.stream()
			.filter((entry) -> entry.getKey().startsWith(status + "/"))
			.mapToInt(Map.Entry::getValue)
			.sum();
	}

	/**
	 * Renders the accounting as a Markdown table.
	 * @param scenario the scenario's name
	 * @return the table
	 */
	public String table(String scenario) {
		StringBuilder table = new StringBuilder();
		table.append("| ").append(scenario).append(" | records |\n|---|---:|\n");
		table.append("| records in | ").append(this.eventsIn).append(" |\n");
		table.append("| sent once | ").append(this.sentOnce).append(" |\n");
		table.append("| sent more than once | ").append(this.sentMoreThanOnce).append(" |\n");
		table.append("| never sent, not recorded | ").append(this.neverSent).append(" |\n");
		this.recordedNotSent.forEach((reason, count) -> table.append("| recorded not sent: ")
			.append(reason)
			.append(" | ")
			.append(count)
			.append(" |\n"));
		this.deadLettered.forEach((reason,
				count) -> table.append("| dead-lettered: ").append(reason).append(" | ").append(count).append(" |\n"));
		if (this.deadLettered.isEmpty()) {
			table.append("| dead-lettered | 0 |\n");
		}
		if (this.malformedAccepted > 0) {
			table.append("| malformed, taken for an event | ").append(this.malformedAccepted).append(" |\n");
		}
		table.append("| sent but recorded failed | ").append(this.sentButRecordedFailed).append(" |\n");
		table.append("| sent, history not settled (in doubt, sending) | ").append(this.sentButUnsettled).append(" |\n");
		return table.toString();
	}

	private static int sum(Map<String, Integer> counts) {
		return counts.values().stream().mapToInt(Integer::intValue).sum();
	}

	private static Map<String, Document> history(List<PublishedEvent> events, MongoCollection<Document> collection) {
		Map<String, Document> found = new HashMap<>();
		List<String> ids = events.stream().map(PublishedEvent::notificationId).toList();
		for (int from = 0; from < ids.size(); from += 1000) {
			List<String> chunk = ids.subList(from, Math.min(ids.size(), from + 1000));
			for (Document document : collection.find(Filters.in("_id", chunk))) {
				found.put(document.getString("_id"), document);
			}
		}
		return found;
	}

	/**
	 * Reads the whole dead-letter topic.
	 * @param stack the stack
	 * @return the {@code x-event-id} of every dead letter
	 */
	static Set<String> deadLetteredEventIds(ServiceStack stack) {
		return DeadLetters.read(stack).byEventId().keySet();
	}

	/**
	 * Reads every record of a topic, from the beginning to its current end.
	 * @param bootstrapServers the broker
	 * @param topic the topic
	 * @return the records
	 */
	static List<ConsumerRecord<String, byte[]>> readAll(String bootstrapServers, String topic) {
		Properties properties = new Properties();
		properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		properties.put(ConsumerConfig.GROUP_ID_CONFIG, "accounting-" + UUID.randomUUID());
		properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		properties.put(ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 4 * 1024 * 1024);
		List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
				new ByteArrayDeserializer())) {
			List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30))
				.stream()
				.map((info) -> new TopicPartition(topic, info.partition()))
				.toList();
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, Duration.ofSeconds(30));
			long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
			while (System.nanoTime() < deadline && partitions.stream()
				.anyMatch((partition) -> consumer.position(partition, Duration.ofSeconds(30)) < ends.get(partition))) {
				consumer.poll(Duration.ofMillis(200)).forEach(records::add);
			}
		}
		return records;
	}

	/**
	 * The dead-letter topic's records, by the event id they name and by where they were
	 * first written, each with its reason.
	 */
	private record DeadLetters(Map<String, String> byEventId, Map<String, String> byPosition) {

		static DeadLetters read(ServiceStack stack) {
			Map<String, String> byEventId = new HashMap<>();
			Map<String, String> byPosition = new HashMap<>();
			for (ConsumerRecord<String, byte[]> record : readAll(stack.bootstrapServers(), stack.deadLetterTopic())) {
				String failureClass = FailureHeaders.failureClass(record);
				String code = text(record, FailureHeaders.ERROR_CODE);
				String message = text(record, FailureHeaders.EXCEPTION_MESSAGE);
				String reason = (failureClass == null || code == null || message == null || message.isBlank())
						? NO_REASON : failureClass + "/" + code;
				String eventId = text(record, FailureHeaders.EVENT_ID);
				if (eventId != null) {
					byEventId.put(eventId, reason);
				}
				String topic = text(record, FailureHeaders.ORIGINAL_TOPIC);
				String partition = text(record, FailureHeaders.ORIGINAL_PARTITION);
				String offset = text(record, FailureHeaders.ORIGINAL_OFFSET);
				if (topic != null && partition != null && offset != null) {
					byPosition.put(topic + "-" + partition + "@" + offset, reason);
				}
			}
			return new DeadLetters(byEventId, byPosition);
		}

		private static @Nullable String text(ConsumerRecord<String, byte[]> record, String name) {
			Header header = record.headers().lastHeader(name);
			return (header != null && header.value() != null) ? new String(header.value(), StandardCharsets.UTF_8)
					: null;
		}

	}

}
