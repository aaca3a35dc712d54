package in.earlybird.notification.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;

/**
 * Checks a webhook's Basic credentials or API-key header in constant time: both sides are
 * hashed first, so neither the comparison nor the lengths tell how close a guess was.
 */
@Component
class WebhookAuthenticator {

	private final WebhookProperties properties;

	private final byte @Nullable [] basicDigest;

	private final byte @Nullable [] apiKeyDigest;

	WebhookAuthenticator(WebhookProperties properties) {
		if (!properties.basicConfigured() && !properties.apiKeyConfigured()) {
			throw new IllegalStateException("The MyOperator webhook has no credentials: set "
					+ "NOTIFICATION_WEBHOOK_API_KEY (notification.webhook.api-key) or NOTIFICATION_WEBHOOK_USERNAME "
					+ "and NOTIFICATION_WEBHOOK_PASSWORD (notification.webhook.username/password), and configure "
					+ "the same in MyOperator's webhook settings");
		}
		this.properties = properties;
		this.basicDigest = properties.basicConfigured() ? sha256(properties.username() + ":" + properties.password())
				: null;
		this.apiKeyDigest = properties.apiKeyConfigured() ? sha256(properties.apiKey()) : null;
	}

	/**
	 * Tells whether a request carries valid webhook credentials.
	 * @param headers the request's headers
	 * @return whether the request is from MyOperator, as far as credentials tell
	 */
	boolean authenticated(HttpHeaders headers) {
		boolean valid = false;
		if (this.apiKeyDigest != null) {
			String key = headers.getFirst(this.properties.apiKeyHeader());
			valid = key != null && MessageDigest.isEqual(this.apiKeyDigest, sha256(key));
		}
		if (this.basicDigest != null) {
			String credentials = basicCredentials(headers.getFirst(HttpHeaders.AUTHORIZATION));
			// Both checks always run, so timing does not tell which scheme was tried.
			boolean basic = credentials != null && MessageDigest.isEqual(this.basicDigest, sha256(credentials));
			valid = valid | basic;
		}
		return valid;
	}

	/**
	 * Returns the challenge for a refused request.
	 * @return a {@code WWW-Authenticate} value, or {@code null} if only an API key is
	 * accepted
	 */
	@Nullable String challenge() {
		return (this.basicDigest != null) ? "Basic realm=\"myoperator-webhook\"" : null;
	}

	private static @Nullable String basicCredentials(@Nullable String authorization) {
		if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
			return null;
		}
		try {
			return new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static byte[] sha256(String value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
