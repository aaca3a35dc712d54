package in.earlybird.notification.history;

import java.util.Locale;

/**
 * Where a notification stands. Stored and shown in lower case ({@code sent}), as in the
 * original plan.
 */
public enum NotificationStatus {

	/** Accepted and waiting for its (next) attempt, e.g. a retry from the delay topic. */
	QUEUED,

	/** A provider request is in flight (or was, when the process stopped). */
	SENDING,

	/**
	 * The provider may or may not have taken it: a request timed out after it was sent,
	 * or the process sending it stopped mid-request. Not resent automatically (that could
	 * send it twice); a delivery report settles it, or support resends it.
	 */
	IN_DOUBT,

	/** MyOperator accepted the message. */
	SENT,

	/** WhatsApp delivered it to the phone. */
	DELIVERED,

	/** The customer read it. */
	READ,

	/** It will not be sent: a permanent failure, an opt-out, or exhausted retries. */
	FAILED,

	/** Its moment passed before it could be sent, so it was not. */
	EXPIRED;

	/**
	 * Returns the stored form, e.g. {@code sent}.
	 * @return the lower-case name
	 */
	public String value() {
		return name().toLowerCase(Locale.ROOT);
	}

	/**
	 * Parses the stored form.
	 * @param value e.g. {@code sent}, case-insensitive
	 * @return the status
	 */
	public static NotificationStatus fromValue(String value) {
		return valueOf(value.toUpperCase(Locale.ROOT));
	}

	/**
	 * Tells whether a status is the provider's progress report on a sent message.
	 * @return whether this is {@code sent}, {@code delivered} or {@code read}
	 */
	public boolean isProviderProgress() {
		return this == SENT || this == DELIVERED || this == READ;
	}

}
