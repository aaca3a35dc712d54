package in.earlybird.notification.history;

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
	 */
	record AlreadyHandled(String notificationId, NotificationStatus status) implements ClaimResult {
	}

}
