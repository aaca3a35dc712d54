package in.earlybird.notification.delivery;

import in.earlybird.notification.history.AttemptOutcome;
import in.earlybird.notification.history.NotificationStatus;

/** Why a notification was decided against before any attempt to send it. */
public enum NotSentReason {

	/** The number is not a valid mobile number. */
	INVALID_PHONE(NotificationStatus.FAILED, AttemptOutcome.PERMANENT, OutcomeTag.FAILED),

	/** Its moment passed before it could be sent. */
	EXPIRED(NotificationStatus.EXPIRED, AttemptOutcome.EXPIRED, OutcomeTag.EXPIRED),

	/** The customer opted out of its category. */
	OPTED_OUT(NotificationStatus.FAILED, AttemptOutcome.OPTED_OUT, OutcomeTag.OPTED_OUT),

	/** The template could not be rendered for this event. */
	TEMPLATE_ERROR(NotificationStatus.FAILED, AttemptOutcome.PERMANENT, OutcomeTag.FAILED);

	private final NotificationStatus status;

	private final AttemptOutcome attemptOutcome;

	private final OutcomeTag metricName;

	NotSentReason(NotificationStatus status, AttemptOutcome attemptOutcome, OutcomeTag metricName) {
		this.status = status;
		this.attemptOutcome = attemptOutcome;
		this.metricName = metricName;
	}

	/**
	 * Returns the code stored as the notification's error code.
	 * @return e.g. {@code OPTED_OUT}
	 */
	public String code() {
		return name();
	}

	/**
	 * Returns the status the notification is recorded with.
	 * @return {@code failed} or {@code expired}
	 */
	public NotificationStatus status() {
		return this.status;
	}

	/**
	 * Returns how the attempt is recorded in the timeline.
	 * @return the attempt's outcome
	 */
	public AttemptOutcome attemptOutcome() {
		return this.attemptOutcome;
	}

	String metricName() {
		return this.metricName.value();
	}

}
