package in.earlybird.notification.delivery.myoperator;

import in.earlybird.notification.delivery.myoperator.SendResult.Rejected;

/**
 * Thrown by the client's read calls (not by {@code send}) when MyOperator did not answer
 * as hoped; the message is as safe to log as {@link Rejected#reason()}.
 */
public class MyOperatorException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final transient Rejected rejection;

	MyOperatorException(String operation, Rejected rejection) {
		super(operation + " failed: " + rejection.kind() + " " + rejection.code() + " (HTTP " + rejection.httpStatus()
				+ "): " + rejection.reason());
		this.rejection = rejection;
	}

	/**
	 * Returns the classified failure.
	 * @return what went wrong, as {@code send} would have reported it
	 */
	public Rejected rejection() {
		return this.rejection;
	}

}
