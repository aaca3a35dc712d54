package in.earlybird.notification.shared;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import in.earlybird.events.PhoneNumber;

/**
 * Makes text that may hold provider or user input safe to log, store as an error and put
 * on the dead-letter topic: phone numbers are masked and the length is bounded.
 */
public final class Redaction {

	/** A run of 8 to 15 digits, optionally with a leading plus: a phone number, maybe. */
	private static final Pattern PHONE_LIKE = Pattern.compile("\\+?(?<![\\d])\\d{8,15}(?![\\d])");

	/** The longest error text we keep. */
	public static final int MAX_LENGTH = 300;

	private Redaction() {
	}

	/**
	 * Masks anything that looks like a phone number and truncates.
	 * @param text the text, possibly {@code null}
	 * @return safe text, empty for {@code null}
	 */
	public static String safe(@Nullable String text) {
		if (text == null) {
			return "";
		}
		Matcher matcher = PHONE_LIKE.matcher(text);
		StringBuilder masked = new StringBuilder();
		while (matcher.find()) {
			String number = matcher.group();
			matcher.appendReplacement(masked,
					Matcher.quoteReplacement(PhoneNumber.mask(number.startsWith("+") ? number : "+" + number)));
		}
		matcher.appendTail(masked);
		return (masked.length() > MAX_LENGTH) ? masked.substring(0, MAX_LENGTH - 1) + "…" : masked.toString();
	}

}
