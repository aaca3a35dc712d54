package in.earlybird.notification.admin;

import java.net.URI;

import in.earlybird.notification.shared.Redaction;
import org.jspecify.annotations.Nullable;

/**
 * Makes request paths and exceptions safe to echo or log with their stack traces: no
 * whole phone numbers ({@link Redaction}).
 */
final class LogSafe {

	private LogSafe() {
	}

	/**
	 * Returns a request path as a problem's {@code instance}, its phone numbers masked
	 * and the masks' spaces encoded.
	 * @param path the request path, e.g. {@code /api/notifications/history/+919876543210}
	 * @return e.g. {@code /api/notifications/history/+91%2098•••••210}, or {@code null}
	 * if it is no valid URI
	 */
	static @Nullable URI instance(@Nullable String path) {
		try {
			return URI.create(Redaction.safe(path).replace(" ", "%20"));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/**
	 * Copies an exception and its causes with their stack traces but with every message
	 * redacted, so that a stack trace can be logged without the phone numbers a driver or
	 * parser message may quote.
	 * @param error the exception
	 * @return a loggable copy
	 */
	static Throwable exception(Throwable error) {
		Throwable cause = (error.getCause() != null && error.getCause() != error) ? exception(error.getCause()) : null;
		Throwable copy = new RedactedException(error.getClass().getName() + ": " + Redaction.safe(error.getMessage()),
				cause);
		copy.setStackTrace(error.getStackTrace());
		return copy;
	}

	/** An exception's redacted stand-in in a log line. */
	private static final class RedactedException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		RedactedException(String message, @Nullable Throwable cause) {
			super(message, cause);
		}

		@Override
		public String toString() {
			return getMessage();
		}

	}

}
