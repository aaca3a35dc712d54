package in.earlybird.notification.delivery;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import in.earlybird.notification.history.NotificationStatus;

/** What happened to one event; the caller routes the retryable and dead-letter cases. */
public sealed interface DeliveryOutcome {

	/**
	 * MyOperator accepted the message.
	 *
	 * @param notificationId our id
	 * @param providerMessageId MyOperator's id
	 */
	record Sent(String notificationId, String providerMessageId) implements DeliveryOutcome {
	}

	/**
	 * The notification was already sent, given up on, or is being sent elsewhere: nothing
	 * was done.
	 *
	 * @param notificationId our id, when known
	 * @param status its status
	 */
	record AlreadyHandled(@Nullable String notificationId, NotificationStatus status) implements DeliveryOutcome {
	}

	/**
	 * It will not be sent, for a reason that retrying cannot change (opted out, expired,
	 * invalid number, template problem, rejected by the provider); history says why.
	 *
	 * @param notificationId our id, when recorded
	 * @param status {@code failed} or {@code expired}
	 * @param code the reason's code
	 * @param reason the reason
	 */
	record NotSent(@Nullable String notificationId, NotificationStatus status, String code,
			String reason) implements DeliveryOutcome {
	}

	/**
	 * A transient failure outlasted the in-process retries; the notification is still
	 * {@code sending} and the caller must schedule a retry or dead-letter it.
	 *
	 * @param notificationId our id
	 * @param code the last error's code
	 * @param reason the last error
	 * @param countsAgainstBudget {@code false} when the provider only asked us to slow
	 * down
	 * @param retryAfter how long the provider asked us to wait, if it said
	 * @param providerCalls how many provider requests were made
	 */
	record RetryLater(String notificationId, String code, String reason, boolean countsAgainstBudget,
			@Nullable Duration retryAfter, int providerCalls) implements DeliveryOutcome {
	}

	/**
	 * The provider refused for a reason only an operator can fix (credentials, a disabled
	 * number); the notification is still {@code sending} and the caller must dead-letter
	 * it so it can be replayed once fixed.
	 *
	 * @param notificationId our id
	 * @param code the error's code
	 * @param reason the error
	 * @param providerCalls how many provider requests were made
	 */
	record DeadLetter(String notificationId, String code, String reason, int providerCalls) implements DeliveryOutcome {
	}

}
