package in.earlybird.notification.delivery;

import java.time.Duration;

import in.earlybird.notification.history.AttemptOutcome;
import in.earlybird.notification.history.NotificationStatus;
import org.jspecify.annotations.Nullable;

/**
 * What happened to one event. A {@link Settled} outcome left nothing to do; an
 * {@link Answered} one holds a claimed notification whose outcome the caller must still
 * make durable (in history, and on the delay or dead-letter topic when it goes there), so
 * that a failure while recording it never makes anyone call the provider again.
 */
public sealed interface DeliveryOutcome {

	/**
	 * Returns the value of the {@code outcome} tag of {@code notification.outcomes}.
	 * @return e.g. {@code sent}
	 */
	String metricName();

	/**
	 * Nothing is left to do: the notification was handled before, or recorded as not
	 * sent.
	 */
	sealed interface Settled extends DeliveryOutcome {

	}

	/** The notification is claimed and its outcome known, but not recorded yet. */
	sealed interface Answered extends DeliveryOutcome {

		/**
		 * Returns the claimed notification.
		 * @return its id
		 */
		String notificationId();

		/**
		 * Returns how many provider requests the attempt made.
		 * @return the count, in-process retries included
		 */
		int providerCalls();

	}

	/**
	 * The notification was already sent, given up on, or is being sent elsewhere: nothing
	 * was done.
	 *
	 * @param notificationId our id, when known
	 * @param status its status
	 */
	record AlreadyHandled(@Nullable String notificationId, NotificationStatus status) implements Settled {

		@Override
		public String metricName() {
			return OutcomeTag.DUPLICATE.value();
		}

	}

	/**
	 * It will not be sent, for a reason found before any claim that retrying cannot
	 * change; history already says why.
	 *
	 * @param notificationId our id
	 * @param reason why
	 * @param detail the reason in words, safe to store
	 */
	record NotSent(String notificationId, NotSentReason reason, String detail) implements Settled {

		/**
		 * Returns the status it was recorded with.
		 * @return {@code expired} or {@code failed}
		 */
		public NotificationStatus status() {
			return this.reason.status();
		}

		@Override
		public String metricName() {
			return this.reason.metricName();
		}

	}

	/**
	 * MyOperator accepted the message.
	 *
	 * @param notificationId our id
	 * @param providerMessageId MyOperator's id
	 * @param conversationId MyOperator's conversation id, if given
	 * @param providerCalls provider requests made
	 */
	record Sent(String notificationId, String providerMessageId, @Nullable String conversationId,
			int providerCalls) implements Answered {

		@Override
		public String metricName() {
			return OutcomeTag.SENT.value();
		}

	}

	/**
	 * The provider refused the message for a reason retrying cannot change (an invalid
	 * parameter, an undeliverable number, Meta's marketing limit).
	 *
	 * @param notificationId our id
	 * @param code the provider's code
	 * @param reason the provider's reason, safe to store
	 * @param providerCalls provider requests made
	 */
	record Refused(String notificationId, String code, String reason, int providerCalls) implements Answered {

		@Override
		public String metricName() {
			return OutcomeTag.FAILED.value();
		}

	}

	/**
	 * The provider may or may not have taken the message (its answer never came); it is
	 * not resent.
	 *
	 * @param notificationId our id
	 * @param code what happened, e.g. {@code READ_TIMEOUT}
	 * @param reason the details, safe to store
	 * @param providerCalls provider requests made
	 */
	record InDoubt(String notificationId, String code, String reason, int providerCalls) implements Answered {

		@Override
		public String metricName() {
			return OutcomeTag.IN_DOUBT.value();
		}

	}

	/**
	 * Not sent now: it goes round the delay topic, or to the dead-letter topic once its
	 * retries are spent.
	 *
	 * @param notificationId our id
	 * @param kind why: {@link AttemptOutcome#TRANSIENT},
	 * {@link AttemptOutcome#RATE_LIMITED} or {@link AttemptOutcome#HELD}
	 * @param code the last error's code
	 * @param reason the last error, safe to store
	 * @param countsAgainstBudget whether the trip spends one of its retries
	 * ({@code false} when the provider only asked the sender to slow down, or the message
	 * is held back)
	 * @param retryAfter how long the provider asked us to wait, if it said
	 * @param providerCalls provider requests made
	 */
	record RetryLater(String notificationId, AttemptOutcome kind, String code, String reason,
			boolean countsAgainstBudget, @Nullable Duration retryAfter, int providerCalls) implements Answered {

		@Override
		public String metricName() {
			return OutcomeTag.RETRY_LATER.value();
		}

	}

	/**
	 * The provider refused for a reason only an operator can fix (credentials, a disabled
	 * number): dead-lettered, to replay once fixed.
	 *
	 * @param notificationId our id
	 * @param code the error's code
	 * @param reason the error, safe to store
	 * @param providerCalls provider requests made
	 */
	record DeadLetter(String notificationId, String code, String reason, int providerCalls) implements Answered {

		@Override
		public String metricName() {
			return OutcomeTag.DEAD_LETTER.value();
		}

	}

}
