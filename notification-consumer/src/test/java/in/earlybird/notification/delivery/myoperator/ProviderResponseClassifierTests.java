package in.earlybird.notification.delivery.myoperator;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Stream;

import in.earlybird.events.PhoneNumber;
import in.earlybird.notification.delivery.myoperator.SendResult.Accepted;
import in.earlybird.notification.delivery.myoperator.SendResult.Rejected;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.http.HttpHeaders;
import org.springframework.web.client.ResourceAccessException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ProviderResponseClassifier}: one row per row of MYOPERATOR.md's error
 * tables, plus success parsing, {@code Retry-After} and scrubbing.
 */
class ProviderResponseClassifierTests {

	static final String API_KEY = "live-key-3f9a7c21";

	static final Instant NOW = Instant.parse("2026-01-28T10:00:00Z");

	static final PhoneNumber RECIPIENT = PhoneNumber.parse("+919876543210");

	final ProviderResponseClassifier classifier = new ProviderResponseClassifier(API_KEY,
			Clock.fixed(NOW, ZoneOffset.UTC));

	/** MYOPERATOR.md, "Errors", first table: what MyOperator answers. */
	static Stream<Arguments> myOperatorResponses() {
		return Stream.of(
				Arguments.of("401 missing or wrong auth", 401, "{\"message\":\"Unauthorized\"}",
						FailureKind.CONFIGURATION, "HTTP_401"),
				Arguments.of("403 lowercase bearer or not permitted", 403, "", FailureKind.CONFIGURATION, "HTTP_403"),
				Arguments.of("403 with a body", 403, "{\"message\":\"Forbidden\"}", FailureKind.CONFIGURATION,
						"HTTP_403"),
				Arguments.of("500 {\"message\": null}: not provisioned", 500, "{\"message\": null}",
						FailureKind.TRANSIENT, "HTTP_500"),
				Arguments.of("CHAT_4001 insufficient wallet balance", 400, envelope("CHAT_4001"),
						FailureKind.INSUFFICIENT_BALANCE, "CHAT_4001"),
				Arguments.of("CHAT_0302 WABA disabled", 400, envelope("CHAT_0302"), FailureKind.CONFIGURATION,
						"CHAT_0302"),
				Arguments.of("CHAT_0303 phone number disabled", 400, envelope("CHAT_0303"), FailureKind.CONFIGURATION,
						"CHAT_0303"),
				Arguments.of("CHAT_0304 not connected", 400, envelope("CHAT_0304"), FailureKind.CONFIGURATION,
						"CHAT_0304"),
				Arguments.of("CHAT_4001 on a 2xx", 200, envelope("CHAT_4001"), FailureKind.INSUFFICIENT_BALANCE,
						"CHAT_4001"),
				Arguments.of("429", 429, "", FailureKind.RATE_LIMITED, "HTTP_429"),
				Arguments.of("502", 502, "<html>Bad Gateway</html>", FailureKind.TRANSIENT, "HTTP_502"),
				Arguments.of("503", 503, "", FailureKind.TRANSIENT, "HTTP_503"),
				Arguments.of("504", 504, "", FailureKind.TRANSIENT, "HTTP_504"),
				Arguments.of("another 4xx", 422, envelope("VALIDATION"), FailureKind.INVALID_MESSAGE, "VALIDATION"),
				Arguments.of("a 400 without a known code", 400, envelope("400"), FailureKind.INVALID_MESSAGE, "400"),
				Arguments.of("404", 404, "", FailureKind.INVALID_MESSAGE, "HTTP_404"),
				Arguments.of("408 is a timeout", 408, "", FailureKind.TRANSIENT, "HTTP_408"),
				Arguments.of("a redirect means a wrong base URL", 301, "", FailureKind.CONFIGURATION, "HTTP_301"),
				// A success status we cannot read: MyOperator most likely took the
				// message.
				Arguments.of("an unparseable 2xx", 200, "<html>OK</html>", FailureKind.IN_DOUBT,
						"UNPARSEABLE_RESPONSE"),
				Arguments.of("an empty 2xx", 200, "", FailureKind.IN_DOUBT, "UNPARSEABLE_RESPONSE"),
				Arguments.of("a 2xx without message_id", 200, "{\"status\":\"success\",\"code\":\"200\",\"data\":{}}",
						FailureKind.IN_DOUBT, "UNPARSEABLE_RESPONSE"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("myOperatorResponses")
	void classifiesMyOperatorResponses(String row, int status, String body, FailureKind kind, String code) {
		SendResult result = this.classifier.classify(status, new HttpHeaders(), bytes(body), RECIPIENT);

		assertThat(result).isInstanceOfSatisfying(Rejected.class, (rejected) -> {
			assertThat(rejected.kind()).isEqualTo(kind);
			assertThat(rejected.code()).isEqualTo(code);
			assertThat(rejected.httpStatus()).isEqualTo(status);
			assertThat(rejected.reason()).isNotBlank();
		});
	}

	/** MYOPERATOR.md, "Errors", second table: Meta's codes. */
	@ParameterizedTest(name = "Meta {0}: {2}")
	@CsvSource({ "130429, RATE_LIMITED, throughput limit reached",
			"131056, RECIPIENT_RATE_LIMITED, too many messages to the same recipient",
			"131049, MARKETING_LIMITED, not delivered to maintain healthy ecosystem engagement",
			"131000, TRANSIENT, temporary or unknown service error", "131016, TRANSIENT, service unavailable",
			"1, TRANSIENT, unknown API error", "2, TRANSIENT, temporary API error",
			"131047, INVALID_MESSAGE, 24-hour window closed", "131026, INVALID_MESSAGE, message undeliverable",
			"132000, INVALID_MESSAGE, template parameter count mismatch",
			"132001, INVALID_MESSAGE, template does not exist",
			"132012, INVALID_MESSAGE, template parameter format mismatch", "100, INVALID_MESSAGE, invalid parameter",
			"190, CONFIGURATION, access token expired", "0, CONFIGURATION, auth exception" })
	void classifiesMetaErrorCodes(String code, FailureKind kind, String meaning) {
		SendResult inEnvelope = this.classifier.classify(400, new HttpHeaders(), bytes(envelope(code)), RECIPIENT);
		SendResult metaShaped = this.classifier.classify(400, new HttpHeaders(),
				bytes("{\"error\":{\"code\":" + code + ",\"message\":\"" + meaning + "\"}}"), RECIPIENT);

		assertThat(ProviderResponseClassifier.kindOfErrorCode(code)).hasValue(kind);
		assertThat(inEnvelope).isInstanceOfSatisfying(Rejected.class,
				(rejected) -> assertThat(rejected.kind()).isEqualTo(kind));
		assertThat(metaShaped).isInstanceOfSatisfying(Rejected.class, (rejected) -> {
			assertThat(rejected.kind()).isEqualTo(kind);
			assertThat(rejected.code()).isEqualTo(code);
			assertThat(rejected.reason()).isEqualTo(meaning);
		});
	}

	@Test
	void leavesUnknownCodesToTheHttpStatus() {
		assertThat(ProviderResponseClassifier.kindOfErrorCode("131999")).isEmpty();
		assertThat(ProviderResponseClassifier.kindOfErrorCode("CHAT_9999")).isEmpty();
		assertThat(this.classifier.classify(503, new HttpHeaders(), bytes(envelope("CHAT_9999")), RECIPIENT))
			.isInstanceOfSatisfying(Rejected.class,
					(rejected) -> assertThat(rejected.kind()).isEqualTo(FailureKind.TRANSIENT));
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource({ "conversation_id", "conversaton_id" })
	void acceptsEitherSpellingOfTheConversationId(String field) {
		String body = "{\"status\":\"success\",\"code\":\"200\",\"message\":\"Accepted\",\"data\":{\"" + field
				+ "\":\"conv-1\",\"message_id\":\"2b0c6a5e-52a4-4a63-9ad5-7d1a2c1b0f11\"}}";

		SendResult result = this.classifier.classify(200, new HttpHeaders(), bytes(body), RECIPIENT);

		assertThat(result).isEqualTo(new Accepted("2b0c6a5e-52a4-4a63-9ad5-7d1a2c1b0f11", "conv-1"));
	}

	@Test
	void acceptsASuccessWithoutConversationId() {
		String body = "{\"status\":\"success\",\"code\":\"200\",\"data\":{\"message_id\":\"m-1\"}}";

		assertThat(this.classifier.classify(200, new HttpHeaders(), bytes(body), RECIPIENT))
			.isEqualTo(new Accepted("m-1", null));
	}

	@Test
	void honoursRetryAfterInSeconds() {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, "7");

		assertThat(this.classifier.classify(429, headers, bytes(""), RECIPIENT)).isInstanceOfSatisfying(Rejected.class,
				(rejected) -> {
					assertThat(rejected.kind()).isEqualTo(FailureKind.RATE_LIMITED);
					assertThat(rejected.retryAfter()).isEqualTo(Duration.ofSeconds(7));
				});
	}

	@Test
	void honoursRetryAfterAsAnHttpDate() {
		HttpHeaders headers = new HttpHeaders();
		headers.set(HttpHeaders.RETRY_AFTER, "Wed, 28 Jan 2026 10:01:30 GMT");

		assertThat(this.classifier.classify(503, headers, bytes(""), RECIPIENT)).isInstanceOfSatisfying(Rejected.class,
				(rejected) -> assertThat(rejected.retryAfter()).isEqualTo(Duration.ofSeconds(90)));
	}

	@Test
	void ignoresAnUnreadableOrPastRetryAfter() {
		assertThat(ProviderResponseClassifier.retryAfter("soon", NOW)).isNull();
		assertThat(ProviderResponseClassifier.retryAfter("Wed, 28 Jan 2026 09:00:00 GMT", NOW)).isZero();
	}

	@Test
	void pausesSixSecondsForTheSameRecipientWhenMetaSaysNothingElse() {
		assertThat(this.classifier.classify(400, new HttpHeaders(), bytes(envelope("131056")), RECIPIENT))
			.isInstanceOfSatisfying(Rejected.class,
					(rejected) -> assertThat(rejected.retryAfter()).isEqualTo(Duration.ofSeconds(6)));
	}

	static Stream<Arguments> networkFailures() {
		return Stream.of(
				Arguments.of(new ConnectException("Connection refused"), "CONNECTION_REFUSED", FailureKind.TRANSIENT),
				Arguments.of(new HttpConnectTimeoutException("HTTP connect timed out"), "CONNECT_TIMEOUT",
						FailureKind.TRANSIENT),
				// The request went out and no answer came: MyOperator may have it.
				Arguments.of(new HttpTimeoutException("request timed out"), "READ_TIMEOUT", FailureKind.IN_DOUBT),
				Arguments.of(new IOException("Connection reset"), "IO_ERROR", FailureKind.TRANSIENT),
				Arguments.of(new IOException("HTTP/1.1 header parser received no bytes"), "IO_ERROR",
						FailureKind.TRANSIENT),
				Arguments.of(new UnknownHostException("publicapi.myoperator.co"), "UNKNOWN_HOST",
						FailureKind.TRANSIENT));
	}

	@ParameterizedTest(name = "{1}")
	@MethodSource("networkFailures")
	void classifiesNetworkFailuresAsTransientUnlessTheRequestMayHaveArrived(IOException failure, String code,
			FailureKind kind) {
		Rejected rejected = this.classifier.classify(new ResourceAccessException("I/O error", failure));

		assertThat(rejected.kind()).isEqualTo(kind);
		assertThat(rejected.code()).isEqualTo(code);
		assertThat(rejected.httpStatus()).isEqualTo(Rejected.NO_RESPONSE);
		assertThat(rejected.retryAfter()).isNull();
	}

	@Test
	void scrubsSecretsAndPhoneNumbersFromReasons() {
		String providerMessage = "key " + API_KEY + " header Authorization: Bearer " + API_KEY
				+ " cannot send to +919876543210 or 98765 43210 or 9876543210\nnext line";

		String reason = this.classifier.safeReason(providerMessage, RECIPIENT);

		assertThat(reason).doesNotContain(API_KEY)
			.doesNotContain("9876543210")
			.doesNotContain("98765 43210")
			.doesNotContain("\n")
			.contains("[redacted]")
			.contains("210");
	}

	@Test
	void scrubsTheRecipientEvenWhenItIsShort() {
		PhoneNumber odd = new PhoneNumber("44", "12345");

		assertThat(this.classifier.safeReason("number 12345 is invalid", odd)).doesNotContain("12345");
	}

	@Test
	void cutsLongReasons() {
		String reason = this.classifier.safeReason("x".repeat(5000), null);

		assertThat(reason).hasSize(ProviderResponseClassifier.MAX_REASON_LENGTH);
	}

	@Test
	void scrubsTheProviderMessageOfARejection() {
		String body = "{\"status\":\"error\",\"code\":\"131026\",\"message\":\"9876543210 is not on WhatsApp\"}";

		SendResult result = this.classifier.classify(400, new HttpHeaders(), bytes(body), RECIPIENT);

		assertThat(result).isInstanceOfSatisfying(Rejected.class,
				(rejected) -> assertThat(rejected.reason()).doesNotContain("9876543210")
					.endsWith("is not on WhatsApp"));
	}

	private static String envelope(String code) {
		return "{\"status\":\"error\",\"code\":\"" + code + "\",\"message\":\"failure " + code + "\"}";
	}

	private static byte[] bytes(String body) {
		return body.getBytes(StandardCharsets.UTF_8);
	}

}
