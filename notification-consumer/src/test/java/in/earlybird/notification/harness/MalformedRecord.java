package in.earlybird.notification.harness;

/**
 * A malformed record the harness published, found again on the dead-letter topic by where
 * it was first written.
 *
 * @param kind how it is malformed
 * @param topic its topic
 * @param partition its partition
 * @param offset its offset
 * @param key its key, a customer that also has valid events
 */
public record MalformedRecord(Malformation kind, String topic, int partition, long offset, String key) {

	String position() {
		return this.topic + "-" + this.partition + "@" + this.offset;
	}

}
