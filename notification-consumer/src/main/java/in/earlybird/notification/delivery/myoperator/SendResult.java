package in.earlybird.notification.delivery.myoperator;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * What became of one send: MyOperator accepted the message, or it did not and a
 * {@link FailureKind} says why.
 */
public sealed interface SendResult {

	/**
	 * MyOperator accepted the message for delivery; status webhooks will refer to
	 * {@code messageId}.
	 *
	 * @param messageId MyOperator's id for the message (a UUID, not Meta's {@code wamid})
	 * @param conversationId the WhatsApp conversation id, when MyOperator sent one
	 */
	record Accepted(String messageId, @Nullable String conversationId) implements SendResult {

		public Accepted {
			Objects.requireNonNull(messageId, "messageId");
		}

	}

	/**
	 * MyOperator did not accept the message, or we could not reach it.
	 *
	 * @param kind what to do about it
	 * @param code the provider's error code (e.g. {@code CHAT_0302} or {@code 131026}),
	 * or ours when it gave none ({@code HTTP_503}, {@code READ_TIMEOUT},
	 * {@code CONNECTION_REFUSED}, …)
	 * @param reason a short explanation, free of secrets and full phone numbers, at most
	 * about 300 characters
	 * @param retryAfter how long the provider asked us to wait, when it said
	 * @param httpStatus the HTTP status, or 0 when no response arrived
	 */
	record Rejected(FailureKind kind, String code, String reason, @Nullable Duration retryAfter,
			int httpStatus) implements SendResult {

		/** The {@link #httpStatus()} of a failure that got no HTTP response. */
		public static final int NO_RESPONSE = 0;

		/**
		 * The thread was interrupted before the request was written: nothing was sent.
		 * @return a transient failure, safe to try again
		 */
		public static Rejected interruptedBeforeSending() {
			return new Rejected(FailureKind.TRANSIENT, "INTERRUPTED", "interrupted before sending", null, NO_RESPONSE);
		}

		public Rejected {
			Objects.requireNonNull(kind, "kind");
			Objects.requireNonNull(code, "code");
			Objects.requireNonNull(reason, "reason");
		}

	}

}
