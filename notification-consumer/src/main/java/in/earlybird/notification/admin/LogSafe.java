package in.earlybird.notification.admin;

import java.net.URI;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import in.earlybird.notification.shared.Redaction;

/** Makes request paths and exceptions safe to log or echo: no whole phone numbers. */
final class LogSafe {

	/**
	 * A run of 8 to 15 digits, maybe after {@code +} or its encoding {@code %2B}, that is
	 * not part of an identifier: digits glued to letters, {@code _} or {@code -} (a
	 * message id such as {@code 11234562-7ef5-…}) stay as they are.
	 */
	private static final Pattern PHONE_LIKE = Pattern.compile("(?<![\\w-])(\\+|%2B|%2b)?(\\d{8,15})(?![\\w-])");

	private LogSafe() {
	}

	/**
	 * Masks phone-like digit runs in a request path, keeping it a valid URI path.
	 * @param path the path, e.g. {@code /api/notifications/history/+919876543210}
	 * @return e.g. {@code /api/notifications/history/+9198xxxxx210}
	 */
	static String path(@Nullable String path) {
		if (path == null) {
			return "";
		}
		Matcher matcher = PHONE_LIKE.matcher(path);
		StringBuilder masked = new StringBuilder();
		while (matcher.find()) {
			String digits = matcher.group(2);
			String replacement = ((matcher.group(1) != null) ? "+" : "") + digits.substring(0, 4)
					+ "x".repeat(digits.length() - 7) + digits.substring(digits.length() - 3);
			matcher.appendReplacement(masked, Matcher.quoteReplacement(replacement));
		}
		matcher.appendTail(masked);
		return masked.toString();
	}

	/**
	 * Returns a request path as a problem's {@code instance}.
	 * @param path the request path
	 * @return the masked path, or {@code null} if it is no valid URI
	 */
	static @Nullable URI instance(@Nullable String path) {
		try {
			return URI.create(path(path));
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
