package in.earlybird.events;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * A WhatsApp-capable phone number, split the way MyOperator wants it: a country calling
 * code and the national number.
 *
 * <p>
 * The rules: the number is E.164 ({@code +}, a country code that does not start with 0, 8
 * to 15 digits in all, no spaces). An Indian number ({@code +91}) must be a mobile: 10
 * digits starting with 6, 7, 8 or 9. Country codes of other countries are split by the
 * ITU's one-to-three-digit prefixes this class knows; numbers it cannot split are
 * rejected rather than guessed.
 *
 * @param countryCode the country calling code without {@code +}, e.g. {@code 91}
 * @param nationalNumber the national significant number, e.g. {@code 9876543210}
 */
public record PhoneNumber(String countryCode, String nationalNumber) {

	/** E.164: a plus, a non-zero digit, and 7 to 14 further digits. */
	public static final Pattern E164 = Pattern.compile("^\\+[1-9]\\d{7,14}$");

	/** An Indian mobile number in E.164 form. */
	public static final Pattern INDIAN_MOBILE = Pattern.compile("^\\+91[6-9]\\d{9}$");

	/** Country calling codes of one digit (NANP and Russia/Kazakhstan). */
	private static final Pattern ONE_DIGIT_CODE = Pattern.compile("^[17]");

	/** Country calling codes of two digits, by ITU zone. */
	private static final Pattern TWO_DIGIT_CODE = Pattern
		.compile("^(2[07]|3[0-469]|4[013-9]|5[1-8]|6[0-6]|8[1246]|9[0-58])");

	/**
	 * Parses and validates an E.164 number.
	 * @param e164 the number, e.g. {@code +919876543210}; {@code null} is rejected
	 * @return the number split into country code and national number
	 * @throws InvalidPhoneNumberException if the number breaks the rules, with a reason
	 * that does not repeat the number in full
	 */
	public static PhoneNumber parse(@Nullable String e164) {
		if (e164 == null || !E164.matcher(e164).matches()) {
			throw new InvalidPhoneNumberException("not an E.164 number (expected + and 8 to 15 digits)");
		}
		String digits = e164.substring(1);
		if (digits.startsWith("91")) {
			if (!INDIAN_MOBILE.matcher(e164).matches()) {
				throw new InvalidPhoneNumberException(
						"not an Indian mobile number (expected +91 and 10 digits starting with 6-9)");
			}
			return new PhoneNumber("91", digits.substring(2));
		}
		int codeLength = countryCodeLength(digits);
		return new PhoneNumber(digits.substring(0, codeLength), digits.substring(codeLength));
	}

	/**
	 * Tells whether a number follows the rules of {@link #parse(String)}.
	 * @param e164 the number, or {@code null}
	 * @return whether it is valid
	 */
	public static boolean isValid(@Nullable String e164) {
		try {
			parse(e164);
			return true;
		}
		catch (InvalidPhoneNumberException ex) {
			return false;
		}
	}

	/**
	 * Masks a number for display to people who may not see it whole, as {@link #masked()}
	 * does, e.g. {@code +91 98•••••210}; a number that breaks the rules keeps at most its
	 * last three digits.
	 * @param e164 the number, valid or not, or {@code null}
	 * @return the masked form; never the whole number
	 */
	public static String mask(@Nullable String e164) {
		if (e164 == null || e164.isEmpty()) {
			return "";
		}
		try {
			return parse(e164).masked();
		}
		catch (InvalidPhoneNumberException ex) {
			String digits = e164.replaceAll("\\D", "");
			if (digits.length() <= 4) {
				return "•".repeat(digits.length());
			}
			return "•".repeat(digits.length() - 3) + digits.substring(digits.length() - 3);
		}
	}

	private static int countryCodeLength(String digits) {
		if (ONE_DIGIT_CODE.matcher(digits).find()) {
			return 1;
		}
		if (TWO_DIGIT_CODE.matcher(digits).find()) {
			return 2;
		}
		return 3;
	}

	/**
	 * Returns the number in E.164 form.
	 * @return e.g. {@code +919876543210}
	 */
	public String e164() {
		return "+" + this.countryCode + this.nationalNumber;
	}

	/**
	 * Returns the number masked for display, e.g. {@code +91 98•••••210}: the country
	 * code, the first two and the last three digits of a national number of nine digits
	 * or more; fewer for shorter numbers, so that at least half of the national number is
	 * always hidden.
	 * @return the masked number
	 */
	public String masked() {
		String national = this.nationalNumber;
		int length = national.length();
		int head = (length >= 9) ? 2 : (length >= 7) ? 1 : 0;
		int tail = (length >= 8) ? 3 : (length >= 5) ? 2 : Math.min(length, 1);
		int hidden = Math.max(length - head - tail, 0);
		return "+" + this.countryCode + " " + national.substring(0, head) + "•".repeat(hidden)
				+ national.substring(head + hidden);
	}

	@Override
	public String toString() {
		return masked();
	}

}
