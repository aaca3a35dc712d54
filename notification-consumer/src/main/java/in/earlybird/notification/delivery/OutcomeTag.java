package in.earlybird.notification.delivery;

import java.util.Locale;

/**
 * The values of the {@code outcome} tag of {@code notification.outcomes}, one per way an
 * event can end up; the alerts and the dashboard select on them.
 */
enum OutcomeTag {

	/** MyOperator took the message. */
	SENT,

	/** The event was handled before: nothing was done. */
	DUPLICATE,

	/** Its moment passed before it could be sent. */
	EXPIRED,

	/** The customer opted out of its category. */
	OPTED_OUT,

	/**
	 * It will never be sent: refused by the provider, an invalid number, a bad template.
	 */
	FAILED,

	/** It goes round the delay topic. */
	RETRY_LATER,

	/** It goes to the dead-letter topic. */
	DEAD_LETTER,

	/** The provider may or may not have taken it. */
	IN_DOUBT;

	/**
	 * Returns the tag's value.
	 * @return e.g. {@code retry_later}
	 */
	String value() {
		return name().toLowerCase(Locale.ROOT);
	}

}
