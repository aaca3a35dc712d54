package in.earlybird.notification.delivery;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How messages are sent: the client-side rate limit and the short in-process retries.
 *
 * @param rateLimit provider requests per second, at most; WhatsApp allows 80 per business
 * number by default and up to 1,000 once raised
 * @param maxInFlight how many events are processed at once
 * @param retry the in-process retries for transient provider failures
 * @param rateLimitedMaxWait how long one message may wait on the provider's "slow down"
 * before it is handed to the delay topic, without spending its retry budget
 * @param inDoubtAfter how long a notification may stay {@code sending} before it is
 * marked as having an unknown outcome
 */
@Validated
@ConfigurationProperties("notification.delivery")
public record DeliveryProperties(@DefaultValue("80") @DecimalMin("0.1") @DecimalMax("10000") double rateLimit,
		@DefaultValue("256") @Min(1) @Max(10_000) int maxInFlight, @DefaultValue @Valid @NotNull Retry retry,
		@DefaultValue("60s") @NotNull Duration rateLimitedMaxWait, @DefaultValue("5m") @NotNull Duration inDoubtAfter) {

	/**
	 * The in-process retries: exponential backoff with jitter, honouring
	 * {@code Retry-After}.
	 *
	 * @param maxAttempts provider calls per message, the first included
	 * @param initialBackoff the wait before the first retry
	 * @param multiplier how much each wait grows
	 * @param maxBackoff the longest single wait
	 * @param jitter the random spread of each wait, 0 to 1
	 */
	public record Retry(@DefaultValue("4") @Min(1) @Max(10) int maxAttempts,
			@DefaultValue("200ms") @NotNull Duration initialBackoff,
			@DefaultValue("2.0") @DecimalMin("1.0") double multiplier, @DefaultValue("5s") @NotNull Duration maxBackoff,
			@DefaultValue("0.5") @DecimalMin("0.0") @DecimalMax("1.0") double jitter) {
	}

}
