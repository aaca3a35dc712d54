package in.earlybird.notification.delivery.myoperator;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;

import in.earlybird.events.PhoneNumber;
import in.earlybird.notification.delivery.myoperator.SendResult.Accepted;
import in.earlybird.notification.delivery.myoperator.SendResult.Rejected;
import in.earlybird.notification.shared.Redaction;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;

/**
 * The one place that turns whatever MyOperator (or the network) answered into a
 * {@link SendResult}: success parsing, the error-code tables of {@code MYOPERATOR.md},
 * {@code Retry-After}, and reasons scrubbed of secrets and phone numbers.
 */
public final class ProviderResponseClassifier {

	/** Reasons are cut to about this many characters. */
	static final int MAX_REASON_LENGTH = Redaction.MAX_LENGTH;

	/**
	 * MyOperator's own error codes (official/field): an empty wallet, and a disabled
	 * WABA, disabled phone number or unconnected number.
	 */
	private static final Map<String, FailureKind> MYOPERATOR_CODES = Map.of("CHAT_4001",
			FailureKind.INSUFFICIENT_BALANCE, "CHAT_0302", FailureKind.CONFIGURATION, "CHAT_0303",
			FailureKind.CONFIGURATION, "CHAT_0304", FailureKind.CONFIGURATION);

	/** Meta's error codes that decide retry or give up (field). */
	private static final Map<Integer, FailureKind> META_CODES = Map.ofEntries(
			Map.entry(130429, FailureKind.RATE_LIMITED), Map.entry(131056, FailureKind.RECIPIENT_RATE_LIMITED),
			Map.entry(131049, FailureKind.MARKETING_LIMITED), Map.entry(131000, FailureKind.TRANSIENT),
			Map.entry(131016, FailureKind.TRANSIENT), Map.entry(1, FailureKind.TRANSIENT),
			Map.entry(2, FailureKind.TRANSIENT), Map.entry(131047, FailureKind.INVALID_MESSAGE),
			Map.entry(131026, FailureKind.INVALID_MESSAGE), Map.entry(132000, FailureKind.INVALID_MESSAGE),
			Map.entry(132001, FailureKind.INVALID_MESSAGE), Map.entry(132012, FailureKind.INVALID_MESSAGE),
			Map.entry(100, FailureKind.INVALID_MESSAGE), Map.entry(190, FailureKind.CONFIGURATION),
			Map.entry(0, FailureKind.CONFIGURATION));

	/** Meta 131056 allows about one message per 6 s to the same recipient. */
	static final Duration SAME_RECIPIENT_PAUSE = Duration.ofSeconds(6);

	/** The success body's conversation id, also seen misspelt (field). */
	static final List<String> CONVERSATION_ID_FIELDS = List.of("conversation_id", "conversaton_id");

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String apiKey;

	private final Clock clock;

	ProviderResponseClassifier(String apiKey, Clock clock) {
		this.apiKey = apiKey;
		this.clock = clock;
	}

	/**
	 * Classifies one of MyOperator's {@code CHAT_*} codes or one of Meta's numeric error
	 * codes, as they arrive in error responses and in failed-status webhooks.
	 * @param code the code, e.g. {@code CHAT_4001} or {@code 131026}
	 * @return what the code means for retrying, or empty for a code we do not know
	 */
	public static Optional<FailureKind> kindOfErrorCode(String code) {
		String trimmed = code.trim();
		FailureKind myOperator = MYOPERATOR_CODES.get(trimmed.toUpperCase(Locale.ROOT));
		if (myOperator != null) {
			return Optional.of(myOperator);
		}
		if (!trimmed.isEmpty() && trimmed.length() <= 9 && trimmed.chars().allMatch(Character::isDigit)) {
			return Optional.ofNullable(META_CODES.get(Integer.parseInt(trimmed)));
		}
		return Optional.empty();
	}

	/**
	 * Classifies an HTTP response to a send.
	 * @param status the HTTP status
	 * @param headers the response headers
	 * @param body the response body, possibly empty or not JSON
	 * @param recipient the message's recipient, to scrub from the reason whatever its
	 * length
	 * @return the outcome
	 */
	SendResult classify(int status, HttpHeaders headers, byte[] body, @Nullable PhoneNumber recipient) {
		JsonNode json = parse(body);
		if (status >= 200 && status < 300) {
			if (json != null && !isErrorEnvelope(json)) {
				String messageId = messageId(json);
				if (messageId != null) {
					return new Accepted(messageId, conversationId(json));
				}
			}
			if (json == null || !isErrorEnvelope(json)) {
				// A success status without a readable message id: MyOperator most likely
				// took the message, so sending it again risks a duplicate. In doubt.
				return new Rejected(FailureKind.IN_DOUBT, "UNPARSEABLE_RESPONSE",
						safeReason("HTTP " + status + " without a message_id: " + snippet(body), recipient), null,
						status);
			}
		}
		return rejection(status, headers, json, body, recipient);
	}

	/**
	 * Classifies an HTTP response known not to be a success, e.g. to a read call.
	 * @param status the HTTP status
	 * @param headers the response headers
	 * @param body the response body, possibly empty or not JSON
	 * @return the rejection
	 */
	Rejected classifyError(int status, HttpHeaders headers, byte[] body) {
		return rejection(status, headers, parse(body), body, null);
	}

	private Rejected rejection(int status, HttpHeaders headers, @Nullable JsonNode json, byte[] body,
			@Nullable PhoneNumber recipient) {
		String code = (json != null) ? errorCode(json) : null;
		String message = (json != null) ? errorMessage(json) : (body.length > 0 ? snippet(body) : null);
		Duration retryAfter = retryAfter(headers.getFirst(HttpHeaders.RETRY_AFTER), this.clock.instant());
		FailureKind kind = Optional.ofNullable(code)
			.flatMap(ProviderResponseClassifier::kindOfErrorCode)
			.orElseGet(() -> kindOfStatus(status));
		if (retryAfter == null && "131056".equals(code)) {
			retryAfter = SAME_RECIPIENT_PAUSE;
		}
		String reason = (message != null && !message.isBlank()) ? message : describeSilentStatus(status);
		return new Rejected(kind, (code != null) ? code : "HTTP_" + status, safeReason(reason, recipient), retryAfter,
				status);
	}

	/**
	 * Classifies a failure that left us without an HTTP response.
	 * @param failure the JDK client's exception (or Spring's
	 * {@code ResourceAccessException} wrapping it)
	 * @return a rejection with a code naming the kind of failure: in doubt for a read
	 * timeout or an exchange abandoned midway, transient otherwise
	 */
	Rejected classify(Throwable failure) {
		List<Throwable> chain = causes(failure);
		Throwable root = chain.get(chain.size() - 1);
		String code;
		if (Thread.currentThread().isInterrupted() || any(chain, InterruptedException.class)) {
			code = "INTERRUPTED";
		}
		else if (any(chain, HttpConnectTimeoutException.class) || anyNamed(chain, "ConnectTimeoutException")) {
			code = "CONNECT_TIMEOUT";
		}
		else if (any(chain, HttpTimeoutException.class) || any(chain, SocketTimeoutException.class)
				|| any(chain, TimeoutException.class)) {
			code = "READ_TIMEOUT";
		}
		else if (any(chain, ConnectException.class)) {
			code = "CONNECTION_REFUSED";
		}
		else if (any(chain, UnknownHostException.class) || any(chain, UnresolvedAddressException.class)) {
			code = "UNKNOWN_HOST";
		}
		else if (any(chain, SSLException.class)) {
			code = "TLS_ERROR";
		}
		else if (any(chain, IOException.class)) {
			code = "IO_ERROR";
		}
		else {
			code = "CLIENT_ERROR";
		}
		String reason = root.getClass().getSimpleName() + ((root.getMessage() != null) ? ": " + root.getMessage() : "");
		// A request that timed out waiting for its answer, or was abandoned while waiting
		// for it, was sent: MyOperator may have taken it. Every other failure here
		// happened before anything was sent.
		FailureKind kind = ("READ_TIMEOUT".equals(code) || "INTERRUPTED".equals(code)) ? FailureKind.IN_DOUBT
				: FailureKind.TRANSIENT;
		return new Rejected(kind, code, safeReason(reason, null), null, Rejected.NO_RESPONSE);
	}

	/**
	 * Makes provider or exception text safe to store and log ({@link Redaction}): no API
	 * key, no bearer token, no phone number, no control characters, at most
	 * {@value #MAX_REASON_LENGTH} characters.
	 * @param raw the text
	 * @param recipient a number to scrub even when it is too short to look like one
	 * @return the safe text
	 */
	String safeReason(String raw, @Nullable PhoneNumber recipient) {
		return Redaction.safe(raw, recipient, this.apiKey);
	}

	/**
	 * Reads {@code Retry-After} as delta-seconds or an HTTP-date.
	 * @param value the header value, if any
	 * @param now the current time, for an HTTP-date
	 * @return how long to wait, or {@code null} when absent or unreadable
	 */
	static @Nullable Duration retryAfter(@Nullable String value, Instant now) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String trimmed = value.trim();
		if (trimmed.chars().allMatch(Character::isDigit)) {
			// more than nine digits (31 years) is nonsense; cap rather than overflow
			return (trimmed.length() > 9) ? Duration.ofSeconds(999_999_999L)
					: Duration.ofSeconds(Long.parseLong(trimmed));
		}
		try {
			Duration wait = Duration.between(now,
					ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
			return wait.isNegative() ? Duration.ZERO : wait;
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	/**
	 * The error envelope marker (guess): {@code {"status":"error", …}}.
	 */
	static boolean isErrorEnvelope(JsonNode body) {
		return "error".equalsIgnoreCase(text(body.get("status")));
	}

	/**
	 * Where an error code sits (guess): the envelope's {@code code}, else a Meta-style
	 * {@code error.code}.
	 */
	static @Nullable String errorCode(JsonNode body) {
		String code = text(body.get("code"));
		if (code == null) {
			code = text(body.path("error").get("code"));
		}
		return (code == null || code.isBlank()) ? null : code.trim();
	}

	/**
	 * Where an error message sits (guess): the envelope's {@code message}, else a
	 * Meta-style {@code error.message}.
	 */
	static @Nullable String errorMessage(JsonNode body) {
		String message = text(body.get("message"));
		return (message != null) ? message : text(body.path("error").get("message"));
	}

	/** Where the success body keeps MyOperator's message id (field). */
	static @Nullable String messageId(JsonNode body) {
		String id = text(body.path("data").get("message_id"));
		return (id == null || id.isBlank()) ? null : id;
	}

	static @Nullable String conversationId(JsonNode body) {
		JsonNode data = body.path("data");
		for (String field : CONVERSATION_ID_FIELDS) {
			String id = text(data.get(field));
			if (id != null && !id.isBlank()) {
				return id;
			}
		}
		return null;
	}

	private static FailureKind kindOfStatus(int status) {
		if (status == 401 || status == 403 || status == 407) {
			return FailureKind.CONFIGURATION;
		}
		if (status == 429) {
			return FailureKind.RATE_LIMITED;
		}
		if (status == 408) {
			// the server timed out waiting for us: a timeout like any other
			return FailureKind.TRANSIENT;
		}
		if (status >= 400 && status < 500) {
			return FailureKind.INVALID_MESSAGE;
		}
		if (status >= 300 && status < 400) {
			// redirects are not followed: the API moved or the base URL is wrong
			return FailureKind.CONFIGURATION;
		}
		return FailureKind.TRANSIENT;
	}

	private static String describeSilentStatus(int status) {
		if (status == 500) {
			return "HTTP 500 without a message (MyOperator answers so when the WhatsApp API is not provisioned"
					+ " for the account or it does not resolve)";
		}
		return "HTTP " + status + " without a message";
	}

	private static @Nullable JsonNode parse(byte[] body) {
		if (body.length == 0) {
			return null;
		}
		try {
			JsonNode node = JSON.readTree(body);
			return (node != null && node.isObject()) ? node : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	private static @Nullable String text(@Nullable JsonNode node) {
		if (node == null || node.isNull() || node.isMissingNode() || node.isContainer()) {
			return null;
		}
		return node.asString();
	}

	private static String snippet(byte[] body) {
		int length = Math.min(body.length, MAX_REASON_LENGTH + 1);
		return new String(body, 0, length, StandardCharsets.UTF_8);
	}

	private static List<Throwable> causes(Throwable failure) {
		List<Throwable> chain = new ArrayList<>();
		for (Throwable t = failure; t != null && !chain.contains(t); t = t.getCause()) {
			chain.add(t);
		}
		return chain;
	}

	/** By simple name, for the HTTP client's own exception types. */
	private static boolean anyNamed(List<Throwable> chain, String simpleName) {
		for (Throwable t : chain) {
			if (t.getClass().getSimpleName().equals(simpleName)) {
				return true;
			}
		}
		return false;
	}

	private static boolean any(List<Throwable> chain, Class<? extends Throwable> type) {
		for (Throwable t : chain) {
			if (type.isInstance(t)) {
				return true;
			}
		}
		return false;
	}

}
