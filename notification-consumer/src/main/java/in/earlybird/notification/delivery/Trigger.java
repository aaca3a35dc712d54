package in.earlybird.notification.delivery;

import java.util.Locale;

/** What started an attempt to send. */
public enum Trigger {

	/** The event arrived on its domain topic (or was redelivered there). */
	EVENT,

	/** The event came back from the delay topic. */
	RETRY,

	/** An SRE replayed the event from the dead-letter topic. */
	REPLAY,

	/** An admin asked to send a failed message again. */
	RESEND,

	/** An admin sent an ad-hoc message. */
	ADMIN;

	/**
	 * Returns the name stored in history.
	 * @return e.g. {@code retry}
	 */
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

}
