package in.earlybird.notification.retry;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The delay and dead-letter topics.
 *
 * @param topic the delay topic
 * @param deadLetterTopic the dead-letter topic
 * @param delay how long a failed event waits on the delay topic before it is tried again
 * (at least; never by sleeping on a listener thread)
 * @param maxTopicAttempts how many times an event goes through the delay topic before it
 * is dead-lettered
 * @param partitions partitions of the two topics when this service creates them; match
 * the domain topics
 * @param replicationFactor replication of the two topics when this service creates them
 * @param publishTimeout how long to wait for the broker to acknowledge a retry or
 * dead-letter record
 * @param maxRecordBytes the largest retry or dead-letter record to publish as it is;
 * beyond it the value is kept in MongoDB and the record carries its prefix and digest
 * (the producer's {@code max.request.size} is 1 MiB by default)
 */
@Validated
@ConfigurationProperties("notification.retry")
public record RetryProperties(@DefaultValue("notifications.retry") @NotBlank String topic,
		@DefaultValue("notifications.dlt") @NotBlank String deadLetterTopic,
		@DefaultValue("5m") @NotNull Duration delay, @DefaultValue("3") @Min(0) @Max(20) int maxTopicAttempts,
		@DefaultValue("6") @Min(1) int partitions, @DefaultValue("1") @Min(1) short replicationFactor,
		@DefaultValue("30s") @NotNull Duration publishTimeout,
		@DefaultValue("1000000") @Min(100_000) int maxRecordBytes) {
}
