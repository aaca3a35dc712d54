package in.earlybird.notification.history;

import org.jspecify.annotations.Nullable;

/**
 * The answer to an attempt to take a notification over for sending or for a final state.
 */
public sealed interface ClaimResult {

	/**
	 * The caller now owns the notification.
	 *
	 * @param notificationId the notification's id
	 * @param retryCount how many times it has been through the delay topic so far
	 */
	record Claimed(String notificationId, int retryCount) implements ClaimResult {
	}

	/**
	 * Someone already handled (or is handling) the notification; do nothing.
	 *
	 * @param notificationId the existing notification's id
	 * @param status its current status
	 * @param claimToken the token of the attempt that claimed it, if it is being sent
	 */
	record AlreadyHandled(String notificationId, NotificationStatus status,
			@Nullable String claimToken) implements ClaimResult {
	}

}
