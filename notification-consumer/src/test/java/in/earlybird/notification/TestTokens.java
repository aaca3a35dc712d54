package in.earlybird.notification;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

/**
 * HS256 bearer tokens as the EarlyBird backend issues them, for tests and the local
 * stack. The secrets here are for tests and the local stack only.
 */
public final class TestTokens {

	/** The secret of {@code application-it.yaml}. */
	public static final String IT_SECRET = "it-only-secret-0f3c9a7e51d24b88a6c1e2d3f4a5b6c7";

	/** The webhook credentials of {@code application-it.yaml}. */
	public static final String IT_WEBHOOK_USERNAME = "myoperator-it";

	public static final String IT_WEBHOOK_PASSWORD = "it-webhook-password-5d1e";

	public static final String IT_WEBHOOK_API_KEY = "it-webhook-key-8b2a6c";

	private TestTokens() {
	}

	/**
	 * Returns an admin token for the integration-test secret.
	 * @return the token
	 */
	public static String admin() {
		return token(IT_SECRET, "asha@earlybird.in", List.of("admin"), Duration.ofHours(1));
	}

	/**
	 * Returns a viewer token for the integration-test secret.
	 * @return the token
	 */
	public static String viewer() {
		return token(IT_SECRET, "ravi@earlybird.in", List.of("viewer"), Duration.ofHours(1));
	}

	/**
	 * Signs a token.
	 * @param secret the HS256 secret
	 * @param subject the {@code sub}
	 * @param roles the {@code roles} claim
	 * @param validFor how long until it expires (negative for an expired token)
	 * @return the compact JWT
	 */
	public static String token(String secret, String subject, List<String> roles, Duration validFor) {
		Instant now = Instant.now();
		return signed(secret,
				new JWTClaimsSet.Builder().subject(subject)
					.issueTime(Date.from(now.minusSeconds(60)))
					.expirationTime(Date.from(now.plus(validFor)))
					.claim("roles", roles)
					.build());
	}

	/**
	 * Signs any claims, for tokens that break a rule (no {@code exp}, no {@code sub}).
	 * @param secret the HS256 secret
	 * @param claims the claims
	 * @return the compact JWT
	 */
	public static String signed(String secret, JWTClaimsSet claims) {
		SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims);
		try {
			jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException(ex);
		}
		return jwt.serialize();
	}

}
