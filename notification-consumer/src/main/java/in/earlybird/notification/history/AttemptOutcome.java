package in.earlybird.notification.history;

import java.util.Locale;

/** How one attempt ended, as kept in a notification's timeline. */
public enum AttemptOutcome {

	/** MyOperator accepted the message. */
	SENT,

	/** A failure that may pass; the notification went round the delay topic. */
	TRANSIENT,

	/**
	 * The provider asked us to slow down; the notification went round the delay topic.
	 */
	RATE_LIMITED,

	/** Held back, not failed: quiet hours or the daily recipient limit. */
	HELD,

	/** A failure that retrying cannot change. */
	PERMANENT,

	/** Its moment had passed. */
	EXPIRED,

	/** The customer opted out of its category. */
	OPTED_OUT,

	/** The provider may or may not have taken it. */
	IN_DOUBT,

	/** It went to the dead-letter topic. */
	DEAD_LETTERED;

	/**
	 * Returns the stored form.
	 * @return e.g. {@code rate_limited}
	 */
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

}
