package in.earlybird.notification.harness;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;

import in.earlybird.events.CloudEvents;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The reference every figure is read against: a plain Kafka consumer on the same broker,
 * in the same run, that only reads the records (and their CloudEvents id).
 */
public final class BareConsumer {

	private BareConsumer() {
	}

	/**
	 * Reads records of the given topics from the beginning until {@code count} were read.
	 * @param bootstrapServers the broker
	 * @param topics the topics
	 * @param count how many records to read
	 * @param timeout how long at most
	 * @return when each CloudEvents id was read, and the rate
	 */
	public static Result read(String bootstrapServers, List<String> topics, int count, Duration timeout) {
		return read(bootstrapServers, topics, count, timeout, 0, new CountDownLatch(1));
	}

	/**
	 * Reads records of the given topics from the beginning until {@code count} were read,
	 * and says when it has read the first {@code caughtUpAfter} of them: records
	 * published after that measure the consumer's latency, not its start. It reads every
	 * partition itself, without a group, so no rebalance delays the first records.
	 * @param bootstrapServers the broker
	 * @param topics the topics
	 * @param count how many records to read
	 * @param timeout how long at most
	 * @param caughtUpAfter how many records are already there
	 * @param caughtUp counted down once those were read
	 * @return when each CloudEvents id was read, and the rate
	 */
	public static Result read(String bootstrapServers, List<String> topics, int count, Duration timeout,
			int caughtUpAfter, CountDownLatch caughtUp) {
		Properties properties = new Properties();
		properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
		properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
		properties.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 500);
		Map<String, Instant> readAt = new HashMap<>(count * 2);
		long started = 0;
		long deadline = System.nanoTime() + timeout.toNanos();
		try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(properties, new StringDeserializer(),
				new ByteArrayDeserializer())) {
			List<TopicPartition> partitions = new ArrayList<>();
			for (String topic : topics) {
				consumer.partitionsFor(topic)
					.forEach((partition) -> partitions.add(new TopicPartition(topic, partition.partition())));
			}
			consumer.assign(partitions);
			consumer.seekToBeginning(partitions);
			while (readAt.size() < count && System.nanoTime() < deadline) {
				if (readAt.size() >= caughtUpAfter) {
					caughtUp.countDown();
				}
				for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
					if (started == 0) {
						started = System.nanoTime();
					}
					Header id = record.headers().lastHeader(CloudEvents.ID_HEADER);
					readAt.put((id != null) ? new String(id.value()) : record.topic() + record.offset(), Instant.now());
				}
			}
		}
		finally {
			caughtUp.countDown();
		}
		double seconds = (System.nanoTime() - started) / 1e9;
		return new Result(readAt, (seconds > 0) ? readAt.size() / seconds : 0);
	}

	/**
	 * What the bare consumer saw.
	 *
	 * @param readAt when each event id was read
	 * @param rate records per second from the first record to the last
	 */
	public record Result(Map<String, Instant> readAt, double rate) {

		/**
		 * Returns the publish-to-read latencies of events.
		 * @param events the published events
		 * @return one latency per event read
		 */
		public List<Duration> latencies(List<PublishedEvent> events) {
			List<Duration> latencies = new ArrayList<>();
			for (PublishedEvent event : events) {
				Instant read = this.readAt.get(event.eventId());
				if (read != null) {
					latencies.add(Duration.between(event.publishedAt(), read));
				}
			}
			return latencies;
		}

	}

}
