package in.earlybird.notification.harness;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.apache.kafka.common.utils.Utils;

/**
 * An event the harness published, and where its notification will be found.
 *
 * @param eventId the CloudEvents id
 * @param customerId the record key
 * @param phone the recipient
 * @param notificationId the id its notification gets, also the {@code myop_ref_id} sent
 * @param publishedAt when the producer was handed the record
 * @param topic the topic it was published to
 */
public record PublishedEvent(String eventId, String customerId, String phone, String notificationId,
		Instant publishedAt, String topic) {

	/**
	 * Returns the partition the producer's default partitioner put the event in.
	 * @param partitions the topic's partitions
	 * @return the partition
	 */
	public int partition(int partitions) {
		return Utils.toPositive(Utils.murmur2(this.customerId.getBytes(StandardCharsets.UTF_8))) % partitions;
	}

}
