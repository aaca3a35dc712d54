package in.earlybird.notification.delivery.myoperator;

import java.util.Optional;

/**
 * The delivery statuses MyOperator's status webhooks report for our sends (the first
 * three in the order a message moves through them); their {@code event_type} names are a
 * guess kept here only.
 */
public enum MessageStatus {

	/** WhatsApp took the message. */
	SENT("message.sent"),

	/** The message reached the customer's phone. */
	DELIVERED("message.delivered"),

	/** The customer read the message. */
	READ("message.read"),

	/** WhatsApp gave up; the payload carries Meta's error code. */
	FAILED("message.failed");

	/**
	 * Where a status event's payload is guessed to carry the {@code myop_ref_id} we sent
	 * (our notification id), next to MyOperator's own {@code id}. It is what settles a
	 * message whose send answer never reached us (in doubt): its MyOperator id is unknown
	 * to us, our reference is not.
	 */
	public static final String OUR_REFERENCE_FIELD = "myop_ref_id";

	private final String eventType;

	MessageStatus(String eventType) {
		this.eventType = eventType;
	}

	/**
	 * Returns the webhook {@code event_type} for this status (guess).
	 * @return e.g. {@code message.delivered}
	 */
	public String eventType() {
		return this.eventType;
	}

	/**
	 * Finds the status of a webhook event type.
	 * @param eventType the envelope's {@code event_type}
	 * @return the status, or empty for other events (such as {@code message.received})
	 */
	public static Optional<MessageStatus> ofEventType(String eventType) {
		for (MessageStatus status : values()) {
			if (status.eventType.equals(eventType)) {
				return Optional.of(status);
			}
		}
		return Optional.empty();
	}

}
