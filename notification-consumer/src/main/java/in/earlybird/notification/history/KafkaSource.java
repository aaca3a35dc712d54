package in.earlybird.notification.history;

/**
 * Where on Kafka a notification's event was read from.
 *
 * @param topic the topic
 * @param partition the partition
 * @param offset the offset
 */
public record KafkaSource(String topic, int partition, long offset) {
}
