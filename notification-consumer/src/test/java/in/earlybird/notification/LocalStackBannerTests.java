package in.earlybird.notification;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import in.earlybird.notification.LocalStackConfiguration.LocalStackBanner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the local stack prints when it is up: both ways to call the webhook, and tokens
 * the admin API accepts (signed, with a subject and an expiry).
 */
@ExtendWith(OutputCaptureExtension.class)
class LocalStackBannerTests {

	private static final Pattern TOKEN = Pattern.compile("export (ADMIN|VIEWER)_TOKEN=(\\S+)");

	@Test
	void printsTheWebhooksApiKeyAndBasicCredentials(CapturedOutput output) {
		banner().ready();

		assertThat(output.getOut()).contains("X-Api-Key: " + TestNotificationConsumerApplication.LOCAL_WEBHOOK_API_KEY)
			.contains("-u " + TestNotificationConsumerApplication.LOCAL_WEBHOOK_USERNAME + ":"
					+ TestNotificationConsumerApplication.LOCAL_WEBHOOK_PASSWORD);
	}

	@Test
	void printsSignedTokensWithASubjectAndAnExpiry(CapturedOutput output) throws Exception {
		banner().ready();

		Matcher tokens = TOKEN.matcher(output.getOut());
		int found = 0;
		while (tokens.find()) {
			SignedJWT jwt = SignedJWT.parse(tokens.group(2));
			assertThat(jwt.verify(new MACVerifier(
					TestNotificationConsumerApplication.LOCAL_JWT_SECRET.getBytes(StandardCharsets.UTF_8))))
				.isTrue();
			JWTClaimsSet claims = jwt.getJWTClaimsSet();
			assertThat(claims.getSubject()).isNotBlank();
			assertThat(claims.getExpirationTime()).isAfter(Instant.now().plusSeconds(86_400));
			assertThat(claims.getStringListClaim("roles")).isEqualTo(List.of(tokens.group(1).toLowerCase()));
			found++;
		}
		assertThat(found).isEqualTo(2);
	}

	private static LocalStackBanner banner() {
		return new LocalStackBanner(8080, "localhost:9092", "mongodb://127.0.0.1:27017/earlybird_notifications",
				"http://127.0.0.1:8089", false, TestNotificationConsumerApplication.LOCAL_JWT_SECRET,
				TestNotificationConsumerApplication.LOCAL_WEBHOOK_API_KEY,
				TestNotificationConsumerApplication.LOCAL_WEBHOOK_USERNAME,
				TestNotificationConsumerApplication.LOCAL_WEBHOOK_PASSWORD, null);
	}

}
