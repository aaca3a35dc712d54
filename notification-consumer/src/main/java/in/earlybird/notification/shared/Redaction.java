package in.earlybird.notification.shared;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import in.earlybird.events.PhoneNumber;

/**
 * Makes text that may hold provider or user input safe to log, store as an error and put
 * on the dead-letter topic: phone numbers are masked where they are written as phone
 * numbers, and the length is bounded. Identifiers (event ids and types) are never masked:
 * SREs find and replay events by them, see {@link #identifier(String)}.
 */
public final class Redaction {

	/**
	 * A phone number as people and systems write one: {@code +} (or its URL encoding
	 * {@code %2B}) and 8 to 15 digits wherever it stands, or 8 to 15 bare digits that
	 * stand on their own. Digits glued to letters, {@code _} or {@code -} are part of an
	 * identifier ({@code 11234562-7ef5-…}, {@code DEL-20260128-0042}), not a phone
	 * number; more than 15 digits are not a phone number either.
	 */
	private static final Pattern PHONE_LIKE = Pattern
		.compile("(?:\\+|%2[Bb])\\d{8,15}(?!\\d)|(?<![\\w+-])\\d{8,15}(?![\\w-])");

	/** The longest error text or identifier we keep. */
	public static final int MAX_LENGTH = 300;

	private Redaction() {
	}

	/**
	 * Bounds the length of an identifier taken from input, such as a CloudEvents id or
	 * type, without masking anything in it: it must still match the event it names.
	 * @param identifier the identifier, possibly {@code null}
	 * @return the identifier, cut to {@link #MAX_LENGTH} characters if it is longer
	 */
	public static @Nullable String identifier(@Nullable String identifier) {
		return (identifier != null) ? truncated(identifier) : null;
	}

	/**
	 * Masks anything written as a phone number and truncates.
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
			String digits = matcher.group().replaceFirst("^(\\+|%2[Bb])", "");
			matcher.appendReplacement(masked, Matcher.quoteReplacement(PhoneNumber.mask("+" + digits)));
		}
		matcher.appendTail(masked);
		return truncated(masked.toString());
	}

	private static String truncated(String text) {
		return (text.length() > MAX_LENGTH) ? text.substring(0, MAX_LENGTH - 1) + "…" : text;
	}

}
