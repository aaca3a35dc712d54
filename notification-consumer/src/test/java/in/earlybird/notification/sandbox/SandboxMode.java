package in.earlybird.notification.sandbox;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * How the sandbox answers a valid send: normally, or with one of the failures MyOperator
 * or the network produce.
 *
 * @param kind the kind of answer
 * @param code for {@link Kind#PERMANENT}: a MyOperator or Meta error code (e.g.
 * {@code CHAT_0302}, {@code 131026}) or an HTTP status (e.g. {@code 401})
 * @param retryAfter for {@link Kind#RATE_LIMITED}: the {@code Retry-After}, in whole
 * seconds; under one second, no {@code Retry-After} at all
 * @param delay for {@link Kind#TIMEOUT}: how long to hold the request before answering
 * 504; for {@link Kind#SLOW}: the latency before succeeding
 */
public record SandboxMode(Kind kind, @Nullable String code, Duration retryAfter, Duration delay) {

	/** Answer normally. */
	public static final SandboxMode NONE = new SandboxMode(Kind.NONE, null, Duration.ZERO, Duration.ZERO);

	/**
	 * HTTP 500 {@code {"message": null}}, as MyOperator answers when an account does not
	 * resolve.
	 */
	public static final SandboxMode HTTP_500 = new SandboxMode(Kind.HTTP_500, null, Duration.ZERO, Duration.ZERO);

	/** HTTP 503 with a load balancer's HTML page. */
	public static final SandboxMode HTTP_503 = new SandboxMode(Kind.HTTP_503, null, Duration.ZERO, Duration.ZERO);

	/** Close the connection without answering. */
	public static final SandboxMode CONNECTION_RESET = new SandboxMode(Kind.CONNECTION_RESET, null, Duration.ZERO,
			Duration.ZERO);

	/** The latency of {@link #slow()}: MyOperator's typical answer time. */
	public static final Duration DEFAULT_SLOW_LATENCY = Duration.ofMillis(250);

	/**
	 * The hold of {@link #timeout()}: longer than the client's 10 s default read timeout.
	 */
	public static final Duration DEFAULT_TIMEOUT_HOLD = Duration.ofSeconds(30);

	public SandboxMode {
		Objects.requireNonNull(kind, "kind");
		Objects.requireNonNull(retryAfter, "retryAfter");
		Objects.requireNonNull(delay, "delay");
		if (kind == Kind.PERMANENT && (code == null || code.isBlank())) {
			throw new IllegalArgumentException("PERMANENT needs a code, e.g. CHAT_0302 or 401");
		}
		if (retryAfter.isNegative() || delay.isNegative()) {
			throw new IllegalArgumentException("durations must not be negative");
		}
	}

	/**
	 * HTTP 429 with {@code Retry-After}.
	 * @param retryAfter the wait to announce, rounded down to whole seconds
	 * @return the mode
	 */
	public static SandboxMode rateLimited(Duration retryAfter) {
		return new SandboxMode(Kind.RATE_LIMITED, null, retryAfter, Duration.ZERO);
	}

	/**
	 * HTTP 429 without {@code Retry-After}: the client must choose its own pause.
	 * @return the mode
	 */
	public static SandboxMode rateLimitedWithoutRetryAfter() {
		return rateLimited(Duration.ZERO);
	}

	/**
	 * Hold each request, then answer 504 (too late for a client with a shorter read
	 * timeout); held requests are not recorded as received.
	 * @param hold how long to hold
	 * @return the mode
	 */
	public static SandboxMode timeout(Duration hold) {
		return new SandboxMode(Kind.TIMEOUT, null, Duration.ZERO, hold);
	}

	/**
	 * Take the message (it is recorded as received, as if sent on to WhatsApp), then hold
	 * the answer past the client's read timeout: the case where a timeout does not mean
	 * the message was not sent.
	 * @param hold how long to hold the answer
	 * @return the mode
	 */
	public static SandboxMode acceptThenTimeout(Duration hold) {
		return new SandboxMode(Kind.ACCEPT_THEN_TIMEOUT, null, Duration.ZERO, hold);
	}

	/**
	 * {@link #timeout(Duration)} with {@link #DEFAULT_TIMEOUT_HOLD}.
	 * @return the mode
	 */
	public static SandboxMode timeout() {
		return timeout(DEFAULT_TIMEOUT_HOLD);
	}

	/**
	 * Succeed after a fixed latency.
	 * @param latency the latency
	 * @return the mode
	 */
	public static SandboxMode slow(Duration latency) {
		return new SandboxMode(Kind.SLOW, null, Duration.ZERO, latency);
	}

	/**
	 * {@link #slow(Duration)} with {@link #DEFAULT_SLOW_LATENCY}.
	 * @return the mode
	 */
	public static SandboxMode slow() {
		return slow(DEFAULT_SLOW_LATENCY);
	}

	/**
	 * Refuse with an error code: an HTTP status ({@code 401}, {@code 403}, …) answers
	 * with that status; any other code (e.g. {@code CHAT_4001}, {@code 131026}) answers
	 * 400 with the code in MyOperator's error envelope.
	 * @param code the code
	 * @return the mode
	 */
	public static SandboxMode permanent(String code) {
		return new SandboxMode(Kind.PERMANENT, code, Duration.ZERO, Duration.ZERO);
	}

	/** The kinds of answer. */
	public enum Kind {

		/** Succeed. */
		NONE,

		/** HTTP 500 {@code {"message": null}}. */
		HTTP_500,

		/** HTTP 503, not JSON. */
		HTTP_503,

		/** HTTP 429 with {@code Retry-After}. */
		RATE_LIMITED,

		/** Hold the request past the client's read timeout; it is not taken. */
		TIMEOUT,

		/** Take the message, then hold the answer past the client's read timeout. */
		ACCEPT_THEN_TIMEOUT,

		/** Succeed after a latency. */
		SLOW,

		/** Refuse with a chosen code. */
		PERMANENT,

		/** Close the connection without an answer. */
		CONNECTION_RESET

	}

}
