package in.earlybird.notification.intake;

import java.time.Duration;
import java.util.List;

import in.earlybird.events.EventType;
import in.earlybird.events.Topics;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.ExponentialBackOff;
import org.springframework.validation.annotation.Validated;

/**
 * Where events come from.
 *
 * @param topics the domain topics to consume
 * @param infrastructureBackoff the first pause before a record is tried again after
 * MongoDB or Kafka failed under it; it doubles up to {@code maxInfrastructureBackoff}
 * @param maxInfrastructureBackoff the longest such pause
 * @param shutdownGrace how long a stopping instance lets the records in flight finish
 * before it stops reading (what does not finish is read again by the next owner)
 * @param revocationGrace how long records of a partition moving to another instance may
 * finish, so that their commit is made before it moves
 */
@Validated
@ConfigurationProperties("notification.intake")
public record IntakeProperties(@DefaultValue( {
		"earlybird.orders", "earlybird.billing", "earlybird.subscriptions", "earlybird.deliveries",
		"earlybird.customers", "earlybird.catalog" }) @NotEmpty List<String> topics,
		@DefaultValue("1s") @NotNull Duration infrastructureBackoff,
		@DefaultValue("30s") @NotNull Duration maxInfrastructureBackoff,
		@DefaultValue("20s") @NotNull Duration shutdownGrace, @DefaultValue("5s") @NotNull Duration revocationGrace){

	/**
	 * Returns the configured topic an event type is published to: the default topics in
	 * {@link Topics#ALL} are configured in the same order (so a deployment may prefix or
	 * rename them), or by their default names.
	 * @param type the event type
	 * @return the topic
	 * @throws IllegalStateException if no configured topic corresponds
	 */
	public String topicFor(EventType type) {
		if (this.topics.size() == Topics.ALL.size()) {
			return this.topics.get(Topics.ALL.indexOf(type.defaultTopic()));
		}
		if (this.topics.contains(type.defaultTopic())) {
			return type.defaultTopic();
		}
		throw new IllegalStateException("No configured intake topic for " + type.ceType()
				+ ": notification.intake.topics must list the six domain topics in the order of Topics.ALL");
	}

	/**
	 * Returns the pauses between tries of a record that MongoDB or Kafka failed under:
	 * {@code infrastructureBackoff}, doubling up to {@code maxInfrastructureBackoff}, for
	 * as long as it takes (a record is never skipped for an outage).
	 * @return a new back-off
	 */
	public BackOff infrastructureBackOff() {
		ExponentialBackOff backOff = new ExponentialBackOff(this.infrastructureBackoff.toMillis(), 2.0);
		backOff.setMaxInterval(this.maxInfrastructureBackoff.toMillis());
		return backOff;
	}

}
