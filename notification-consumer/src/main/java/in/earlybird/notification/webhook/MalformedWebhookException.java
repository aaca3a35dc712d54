package in.earlybird.notification.webhook;

/**
 * A webhook delivery that cannot be read: answered 400 with the field at fault, and not
 * remembered, so that a corrected retry is handled.
 */
class MalformedWebhookException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String field;

	private final String problem;

	MalformedWebhookException(String field, String problem) {
		super(field + ": " + problem);
		this.field = field;
		this.problem = problem;
	}

	/**
	 * Returns the field at fault.
	 * @return e.g. {@code payload.id}, or {@code body} for the whole delivery
	 */
	String field() {
		return this.field;
	}

	/**
	 * Returns what is wrong with the field.
	 * @return e.g. {@code is required}
	 */
	String problem() {
		return this.problem;
	}

}
