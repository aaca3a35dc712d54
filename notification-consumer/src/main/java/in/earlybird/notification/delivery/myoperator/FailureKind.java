package in.earlybird.notification.delivery.myoperator;

/**
 * Why MyOperator did not accept a message, grouped by what the sender should do next.
 */
public enum FailureKind {

	/**
	 * A fault that should pass: a timeout, a refused or reset connection, an HTTP 5xx
	 * (including MyOperator's {@code 500 {"message": null}}), Meta's temporary errors, or
	 * a success response we could not read. Retry with backoff; alert if it persists.
	 */
	TRANSIENT(true),

	/**
	 * The provider asks us to slow down: HTTP 429, Meta 130429 (throughput) or 131056
	 * (too many messages to one recipient). Retry no earlier than
	 * {@link SendResult.Rejected#retryAfter()} when it is given.
	 */
	RATE_LIMITED(true),

	/**
	 * The MyOperator wallet is empty ({@code CHAT_4001}): every message will fail until
	 * someone tops it up. Stop sending, alert, and retry later rather than give up.
	 */
	INSUFFICIENT_BALANCE(true),

	/**
	 * Our account or configuration is wrong: HTTP 401/403, a disabled WABA or phone
	 * number ({@code CHAT_0302}/{@code 0303}/{@code 0304}), Meta 190/0. Nothing succeeds
	 * until an operator fixes it, so alert and do not burn retries.
	 */
	CONFIGURATION(false),

	/**
	 * This message can never be sent as it is: another 4xx, an invalid parameter (Meta
	 * 100), an undeliverable recipient (131026), a closed 24-hour window (131047), or a
	 * template that is missing or does not match its parameters (132000/132001/132012).
	 */
	INVALID_MESSAGE(false);

	private final boolean retryable;

	FailureKind(boolean retryable) {
		this.retryable = retryable;
	}

	/**
	 * Tells whether sending the same message again later can succeed without anyone
	 * changing anything.
	 * @return whether a retry can help
	 */
	public boolean retryable() {
		return this.retryable;
	}

}
