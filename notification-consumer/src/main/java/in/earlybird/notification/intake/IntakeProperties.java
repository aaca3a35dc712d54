package in.earlybird.notification.intake;

import java.time.Duration;
import java.util.List;

import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where events come from.
 *
 * @param topics the domain topics to consume
 * @param infrastructureBackoff the first pause before a batch is read again after MongoDB
 * or Kafka failed; it doubles up to {@code maxInfrastructureBackoff}
 * @param maxInfrastructureBackoff the longest such pause
 */
@Validated
@ConfigurationProperties("notification.intake")
public record IntakeProperties(@DefaultValue( {
		"earlybird.orders", "earlybird.billing", "earlybird.subscriptions", "earlybird.deliveries",
		"earlybird.customers", "earlybird.catalog" }) @NotEmpty List<String> topics,
		@DefaultValue("1s") @NotNull Duration infrastructureBackoff,
		@DefaultValue("30s") @NotNull Duration maxInfrastructureBackoff){
}
