package in.earlybird.notification.shared;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import in.earlybird.events.PhoneNumber;
import org.jspecify.annotations.Nullable;

/**
 * The one place that makes text which may hold provider or user input safe to log, store
 * as an error, answer with and put on the dead-letter topic: phone numbers are masked
 * where they are written as phone numbers, always in the one format
 * {@code +91 98•••••210}; bearer tokens and control characters are removed; the length is
 * bounded. Identifiers (event ids and types, message ids) are never masked: SREs find and
 * replay events by them, see {@link #identifier(String)}.
 */
public final class Redaction {

	/**
	 * A phone number as people and systems write one: {@code +} (or its URL encoding
	 * {@code %2B}) and 8 to 15 digits wherever it stands, maybe grouped by single spaces
	 * or hyphens ({@code +91 98765 43210}); or 8 to 15 digits, maybe grouped by single
	 * spaces, that stand on their own. Digits glued to letters, {@code _} or {@code -}
	 * are part of an identifier ({@code 11234562-7ef5-…}, {@code DEL-20260128-0042}), not
	 * a phone number; more than 15 digits are not a phone number either.
	 */
	private static final Pattern PHONE_LIKE = Pattern
		.compile("(?:\\+|%2[Bb])\\d(?:[ -]?\\d){7,14}(?!\\d)|(?<![\\w+-])\\d(?: ?\\d){7,14}(?![\\w-])");

	private static final Pattern PREFIX = Pattern.compile("^(?:\\+|%2[Bb])");

	private static final Pattern BEARER_TOKEN = Pattern.compile("(?i)bearer\\s+\\S+");

	private static final Pattern CONTROL_CHARACTERS = Pattern.compile("\\p{Cntrl}+");

	/** What stands where a secret was. */
	public static final String REDACTED = "[redacted]";

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
	 * Masks anything written as a phone number, removes bearer tokens and control
	 * characters, and truncates.
	 * @param text the text, possibly {@code null}
	 * @return safe text, empty for {@code null}
	 */
	public static String safe(@Nullable String text) {
		return safe(text, null, null);
	}

	/**
	 * Does what {@link #safe(String)} does, and also removes what the caller knows to be
	 * in the text but no pattern finds: a secret it sent along (an API key), and a phone
	 * number however short or wherever it stands.
	 * @param text the text, possibly {@code null}
	 * @param number a phone number to mask in whole or as its national number
	 * @param secret a secret to replace with {@value #REDACTED}
	 * @return safe text, empty for {@code null}
	 */
	public static String safe(@Nullable String text, @Nullable PhoneNumber number, @Nullable String secret) {
		if (text == null) {
			return "";
		}
		String safe = text;
		if (secret != null && !secret.isEmpty()) {
			safe = safe.replace(secret, REDACTED);
		}
		safe = BEARER_TOKEN.matcher(safe).replaceAll("Bearer " + REDACTED);
		safe = CONTROL_CHARACTERS.matcher(safe).replaceAll(" ");
		if (number != null && !number.nationalNumber().isEmpty()) {
			// The whole number first, so that its country code is not left in front.
			safe = safe.replace(number.e164(), number.masked()).replace(number.nationalNumber(), number.masked());
		}
		Matcher matcher = PHONE_LIKE.matcher(safe);
		StringBuilder masked = new StringBuilder();
		while (matcher.find()) {
			String digits = PREFIX.matcher(matcher.group()).replaceFirst("").replaceAll("\\D", "");
			matcher.appendReplacement(masked, Matcher.quoteReplacement(PhoneNumber.mask("+" + digits)));
		}
		matcher.appendTail(masked);
		return truncated(masked.toString());
	}

	private static String truncated(String text) {
		return (text.length() > MAX_LENGTH) ? text.substring(0, MAX_LENGTH - 1) + "…" : text;
	}

}
