package in.earlybird.notification.webhook;

import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How MyOperator authenticates its status webhooks to us. MyOperator's Webhooks v2 offer
 * Basic auth or an API key in a header (no signature), so at least one must be set; both
 * may be. {@link #toString()} never shows the secrets.
 *
 * @param username the Basic auth user name
 * @param password the Basic auth password
 * @param apiKeyHeader the header carrying the API key
 * @param apiKey the API key
 * @param dedupeTtl how long a webhook's {@code event_id} is remembered to drop
 * re-deliveries
 */
@Validated
@ConfigurationProperties("notification.webhook")
record WebhookProperties(@Nullable String username, @Nullable String password,
		@DefaultValue("X-Api-Key") @NotBlank String apiKeyHeader, @Nullable String apiKey,
		@DefaultValue("7d") @NotNull Duration dedupeTtl) {

	boolean basicConfigured() {
		return this.username != null && !this.username.isBlank() && this.password != null && !this.password.isBlank();
	}

	boolean apiKeyConfigured() {
		return this.apiKey != null && !this.apiKey.isBlank();
	}

	@Override
	public String toString() {
		return "WebhookProperties[username=" + this.username + ", password="
				+ ((this.password != null && !this.password.isBlank()) ? "<redacted>" : "<not set>") + ", apiKeyHeader="
				+ this.apiKeyHeader + ", apiKey=" + (apiKeyConfigured() ? "<redacted>" : "<not set>") + ", dedupeTtl="
				+ this.dedupeTtl + "]";
	}

}
