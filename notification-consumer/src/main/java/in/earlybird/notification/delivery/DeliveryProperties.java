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
 * How messages are sent: WhatsApp's limits, how much work is in progress at once, and the
 * short in-process retries.
 *
 * @param rateLimit provider requests per second for the business number, at most, summed
 * over every instance; WhatsApp allows 80 by default and up to 1,000 once raised
 * @param recipientSpacing the least time between two messages to the same customer
 * (WhatsApp's pair rate, about one every 6 seconds; 131056 when exceeded)
 * @param dailyRecipientLimit the business's messaging tier: unique customers in
 * business-initiated conversations per moving 24 hours, 0 for unlimited; beyond it
 * messages wait for the window instead of failing
 * @param maxSenderPause the longest the whole sender pauses when the provider asks it to
 * slow down, whatever its {@code Retry-After} says
 * @param maxInFlight how many records may be taken from Kafka and not finished; beyond it
 * the listeners pause their partitions
 * @param retry the in-process retries for transient provider failures
 * @param rateLimitedMaxWait how long one message may wait on the provider's "slow down"
 * (sender-wide or for its recipient) before it is handed to the delay topic
 * @param inDoubtAfter how long a notification may stay {@code sending} under an instance
 * that has stopped before it is marked in doubt; must exceed the longest attempt
 * @param heartbeatInterval how often an instance renews its claim to the attempts it runs
 * @param heartbeatTimeout how old an instance's heartbeat may be before its attempts are
 * considered abandoned
 */
@Validated
@ConfigurationProperties("notification.delivery")
public record DeliveryProperties(@DefaultValue("80") @DecimalMin("0.1") @DecimalMax("10000") double rateLimit,
		@DefaultValue("6s") @NotNull Duration recipientSpacing, @DefaultValue("10000") @Min(0) int dailyRecipientLimit,
		@DefaultValue("30s") @NotNull Duration maxSenderPause,
		@DefaultValue("1000") @Min(1) @Max(100_000) int maxInFlight, @DefaultValue @Valid @NotNull Retry retry,
		@DefaultValue("60s") @NotNull Duration rateLimitedMaxWait, @DefaultValue("5m") @NotNull Duration inDoubtAfter,
		@DefaultValue("5s") @NotNull Duration heartbeatInterval,
		@DefaultValue("30s") @NotNull Duration heartbeatTimeout) {

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
