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
	 * The provider asks the whole sender to slow down: HTTP 429 or Meta 130429 (the
	 * number's throughput). Retry no earlier than
	 * {@link SendResult.Rejected#retryAfter()} when it is given.
	 */
	RATE_LIMITED(true),

	/**
	 * Too many messages to this one recipient (Meta 131056, about one per 6 s): only this
	 * recipient waits.
	 */
	RECIPIENT_RATE_LIMITED(true),

	/**
	 * The request may have reached the provider, but no answer came (a read timeout): the
	 * message may or may not be on its way. Sending it again could send it twice, so it
	 * is not retried; a delivery report or support settles it.
	 */
	IN_DOUBT(false),

	/**
	 * Meta did not deliver a marketing message, to keep the customer's experience healthy
	 * (131049, its per-customer marketing limit): retrying within the day is pointless.
	 */
	MARKETING_LIMITED(false),

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
