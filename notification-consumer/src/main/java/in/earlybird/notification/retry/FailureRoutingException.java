package in.earlybird.notification.retry;

/**
 * The delay or dead-letter topic could not take a record; the record must not be
 * committed, so it comes back.
 */
public class FailureRoutingException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	FailureRoutingException(String message, Throwable cause) {
		super(message, cause);
	}

}
