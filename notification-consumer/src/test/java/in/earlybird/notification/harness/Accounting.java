package in.earlybird.notification.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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

/**
 * What became of every published event, counted from the outside: requests the provider
 * received (by {@code myop_ref_id}), history in MongoDB and the dead-letter topic. Every
 * event lands in exactly one row: sent once, sent more than once, recorded as not sent
 * (by status and code), dead-lettered, or never sent and not recorded at all.
 *
 * @param eventsIn the events published
 * @param sentOnce sent to the provider exactly once
 * @param sentMoreThanOnce sent more than once (duplicates)
 * @param neverSent neither sent nor recorded nor dead-lettered (lost)
 * @param recordedNotSent recorded in history as not sent, by {@code status/code}
 * @param deadLettered on the dead-letter topic, not sent
 * @param sentButRecordedFailed sent, yet history says {@code failed}: history lies
 */
public record Accounting(int eventsIn, int sentOnce, int sentMoreThanOnce, int neverSent,
		Map<String, Integer> recordedNotSent, int deadLettered, int sentButRecordedFailed) {

	/**
	 * Counts the fate of events.
	 * @param events the published events
	 * @param stack the stack they were sent through
	 * @return the accounting
	 */
	public static Accounting of(List<PublishedEvent> events, ServiceStack stack) {
		MyOperatorSandbox sandbox = stack.sandbox();
		Map<String, Integer> sends = sandbox.countByRefId();
		Map<String, Document> history = history(events, stack.database().getCollection(NotificationRecord.COLLECTION));
		Set<String> deadLettered = deadLetteredEventIds(stack);
		int sentOnce = 0;
		int duplicates = 0;
		int lost = 0;
		int dead = 0;
		int lies = 0;
		Map<String, Integer> notSent = new TreeMap<>();
		for (PublishedEvent event : events) {
			int count = sends.getOrDefault(event.notificationId(), 0);
			Document record = history.get(event.notificationId());
			String status = (record != null) ? record.getString("status") : null;
			if (count == 1) {
				sentOnce++;
			}
			else if (count > 1) {
				duplicates++;
			}
			else if (deadLettered.contains(event.eventId())) {
				dead++;
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
		}
		return new Accounting(events.size(), sentOnce, duplicates, lost, notSent, dead, lies);
	}

	/**
	 * Tells whether nothing was lost or sent twice and history tells the truth.
	 * @return whether the accounting is clean
	 */
	public boolean isClean() {
		return this.sentMoreThanOnce == 0 && this.neverSent == 0 && this.sentButRecordedFailed == 0;
	}

	/**
	 * Tells whether the rows add up to the events published.
	 * @return whether every event is counted once
	 */
	public boolean addsUp() {
		int recorded = this.recordedNotSent.values().stream().mapToInt(Integer::intValue).sum();
		return this.sentOnce + this.sentMoreThanOnce + this.neverSent + recorded + this.deadLettered == this.eventsIn;
	}

	/**
	 * Renders the accounting as a Markdown table.
	 * @param scenario the scenario's name
	 * @return the table
	 */
	public String table(String scenario) {
		StringBuilder table = new StringBuilder();
		table.append("| ").append(scenario).append(" | events |\n|---|---:|\n");
		table.append("| events in | ").append(this.eventsIn).append(" |\n");
		table.append("| sent once | ").append(this.sentOnce).append(" |\n");
		table.append("| sent more than once | ").append(this.sentMoreThanOnce).append(" |\n");
		table.append("| never sent, not recorded | ").append(this.neverSent).append(" |\n");
		this.recordedNotSent.forEach((reason, count) -> table.append("| recorded not sent: ")
			.append(reason)
			.append(" | ")
			.append(count)
			.append(" |\n"));
		table.append("| dead-lettered | ").append(this.deadLettered).append(" |\n");
		table.append("| sent but recorded failed | ").append(this.sentButRecordedFailed).append(" |\n");
		return table.toString();
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
		Set<String> ids = new HashSet<>();
		for (ConsumerRecord<String, byte[]> record : readAll(stack.bootstrapServers(), stack.deadLetterTopic())) {
			Header id = record.headers().lastHeader(FailureHeaders.EVENT_ID);
			if (id != null) {
				ids.add(new String(id.value(), java.nio.charset.StandardCharsets.UTF_8));
			}
		}
		return ids;
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

}
