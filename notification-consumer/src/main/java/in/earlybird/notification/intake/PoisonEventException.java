package in.earlybird.notification.intake;

import org.jspecify.annotations.Nullable;

/**
 * A record that can never become a notification: malformed, against its schema, or of an
 * unknown type. It is dead-lettered at once, never retried. The message is safe to log:
 * it never holds a full phone number.
 */
public class PoisonEventException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String code;

	private final @Nullable String eventId;

	private final @Nullable String eventType;

	PoisonEventException(String code, String reason, @Nullable String eventId, @Nullable String eventType) {
		super(reason);
		this.code = code;
		this.eventId = eventId;
		this.eventType = eventType;
	}

	/**
	 * Returns the kind of problem: {@code MALFORMED_EVENT}, {@code UNKNOWN_EVENT_TYPE} or
	 * {@code SCHEMA_VIOLATION}.
	 * @return the code
	 */
	public String code() {
		return this.code;
	}

	/**
	 * Returns the event's id, if it could be read.
	 * @return the id or {@code null}
	 */
	public @Nullable String eventId() {
		return this.eventId;
	}

	/**
	 * Returns the event's type, if it could be read.
	 * @return the type or {@code null}
	 */
	public @Nullable String eventType() {
		return this.eventType;
	}

}
