package in.earlybird.notification.harness;

import java.time.Instant;

/**
 * An event the harness published, and where its notification will be found.
 *
 * @param eventId the CloudEvents id
 * @param customerId the record key
 * @param phone the recipient
 * @param notificationId the id its notification gets, also the {@code myop_ref_id} sent
 * @param publishedAt when the producer was handed the record
 */
public record PublishedEvent(String eventId, String customerId, String phone, String notificationId,
		Instant publishedAt) {
}
