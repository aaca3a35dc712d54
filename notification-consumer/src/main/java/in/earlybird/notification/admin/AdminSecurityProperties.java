package in.earlybird.notification.admin;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How admin API callers prove who they are: a bearer JWT signed with HS256 by a shared
 * secret (as the EarlyBird backend issues them) or verified against a JWK set, with roles
 * in a claim. {@link #toString()} never shows the secret.
 *
 * @param hs256Secret the HS256 signing secret, at least 32 bytes; set this or
 * {@code jwkSetUri}
 * @param jwkSetUri where the identity provider publishes its signing keys; set this or
 * {@code hs256Secret}
 * @param issuer the {@code iss} every token must carry, if set
 * @param audience an {@code aud} every token must carry, if set
 * @param rolesClaim the claim holding the caller's roles: a list, or one string of roles
 * separated by spaces or commas
 * @param viewerRole the role value that may read
 * @param adminRole the role value that may also send, resend, replay and change templates
 * and preferences
 * @param rateLimit how often one caller may perform sensitive actions
 * @param openMetrics whether {@code /actuator/prometheus} answers without a token, for a
 * scraper on a trusted network; by default it needs one, like everything but health
 * @param expiryOptional whether a token without {@code exp} is accepted (one with
 * {@code exp} is still checked); off by default, since such a token is valid forever. A
 * token without {@code sub} is always refused: actions are audited by subject
 */
@Validated
@ConfigurationProperties("notification.security")
record AdminSecurityProperties(@Nullable String hs256Secret, @Nullable URI jwkSetUri, @Nullable String issuer,
		@Nullable String audience, @DefaultValue("roles") @NotBlank String rolesClaim,
		@DefaultValue("viewer") @NotBlank String viewerRole, @DefaultValue("admin") @NotBlank String adminRole,
		@DefaultValue @Valid @NotNull RateLimit rateLimit, @DefaultValue("false") boolean openMetrics,
		@DefaultValue("false") boolean expiryOptional) {

	/** The shortest HS256 secret accepted: 256 bits, as RFC 7518 requires. */
	static final int MIN_SECRET_BYTES = 32;

	boolean hasSecret() {
		return this.hs256Secret != null && !this.hs256Secret.isBlank();
	}

	boolean hasJwkSetUri() {
		return this.jwkSetUri != null && !this.jwkSetUri.toString().isBlank();
	}

	@Override
	public String toString() {
		return "AdminSecurityProperties[hs256Secret=" + (hasSecret() ? "<redacted>" : "<not set>") + ", jwkSetUri="
				+ this.jwkSetUri + ", issuer=" + this.issuer + ", audience=" + this.audience + ", rolesClaim="
				+ this.rolesClaim + ", viewerRole=" + this.viewerRole + ", adminRole=" + this.adminRole + ", rateLimit="
				+ this.rateLimit + ", openMetrics=" + this.openMetrics + ", expiryOptional=" + this.expiryOptional
				+ "]";
	}

	/**
	 * A token bucket per caller for sensitive actions (send, resend, replay, template
	 * changes): {@code capacity} actions at once, refilled evenly over {@code period}.
	 *
	 * @param capacity how many actions a caller may perform in a burst
	 * @param period how long the bucket takes to refill completely
	 */
	record RateLimit(@DefaultValue("30") @Min(1) @Max(100_000) int capacity,
			@DefaultValue("1m") @NotNull Duration period) {
	}

}
