package in.earlybird.notification.templates;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.Month;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.TextStyle;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import freemarker.template.TemplateHashModel;
import freemarker.template.TemplateMethodModelEx;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import freemarker.template.utility.DeepUnwrap;
import in.earlybird.events.PaymentMethod;
import in.earlybird.notification.shared.India;
import org.jspecify.annotations.Nullable;

/**
 * The formatting helpers templates reach as {@code fmt}: rupees with Indian digit
 * grouping, dates and times in India's time zone, and payment methods, each in the
 * language of the translation being rendered.
 */
final class TemplateFormats {

	private static final Locale HINDI = Locale.forLanguageTag("hi-IN");

	private static final String HINDI_LANGUAGE = "hi";

	/**
	 * English month names: Locale.ENGLISH, because en-IN abbreviates September "Sept".
	 */
	static final TemplateFormats ENGLISH = new TemplateFormats(false,
			DateTimeFormatter.ofPattern("d MMM", Locale.ENGLISH));

	/** Hindi month names from the hi-IN locale; DateTimeFormatter keeps Latin digits. */
	static final TemplateFormats HINDI_FORMATS = new TemplateFormats(true, DateTimeFormatter.ofPattern("d MMM", HINDI));

	private static final DateTimeFormatter ENGLISH_TIME = DateTimeFormatter.ofPattern("h:mm a", Locale.ENGLISH);

	private static final DateTimeFormatter TWELVE_HOUR_TIME = DateTimeFormatter.ofPattern("h:mm", Locale.ROOT);

	private static final Pattern ENGLISH_MONTH = Pattern
		.compile("\\b(january|february|march|april|may|june|july|august|september|october|november|december"
				+ "|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\\b", Pattern.CASE_INSENSITIVE);

	private final boolean hindi;

	private final DateTimeFormatter dateFormatter;

	private final TemplateHashModel model;

	private TemplateFormats(boolean hindi, DateTimeFormatter dateFormatter) {
		this.hindi = hindi;
		this.dateFormatter = dateFormatter;
		this.model = new FunctionsModel(Map.of("rupees", function("rupees", (value) -> rupees(number(value))), "number",
				function("number", (value) -> indianNumber(number(value))), "date", function("date", this::date),
				"time", function("time", this::time), "paymentMethod", function("paymentMethod", this::paymentMethod),
				"period", function("period", (value) -> period(String.valueOf(value)))));
	}

	/**
	 * Returns the helpers for a language: Hindi for {@code hi}, English for every other.
	 * @param language the language code of the translation being rendered
	 * @return the helpers
	 */
	static TemplateFormats forLanguage(String language) {
		return HINDI_LANGUAGE.equals(language) ? HINDI_FORMATS : ENGLISH;
	}

	/**
	 * Returns the helpers as a FreeMarker hash of functions.
	 * @return the {@code fmt} model
	 */
	TemplateHashModel model() {
		return this.model;
	}

	/**
	 * Formats an amount as Indian rupees with Indian digit grouping, showing paise only
	 * when there are any: {@code ₹2,500}, {@code ₹1,25,000}, {@code ₹2,500.50}.
	 * @param amount the amount in rupees
	 * @return the formatted amount
	 */
	static String rupees(BigDecimal amount) {
		BigDecimal rounded = amount.setScale(2, RoundingMode.HALF_UP);
		String sign = (rounded.signum() < 0) ? "-" : "";
		BigDecimal absolute = rounded.abs();
		BigInteger whole = absolute.toBigInteger();
		int paise = absolute.subtract(new BigDecimal(whole)).movePointRight(2).intValueExact();
		String formatted = sign + "₹" + groupIndian(whole.toString());
		return (paise != 0) ? formatted + "." + ((paise < 10) ? "0" : "") + paise : formatted;
	}

	/**
	 * Formats a number with Indian digit grouping ({@code 1,25,000}), keeping its
	 * fraction if it has one.
	 * @param value the number
	 * @return the formatted number
	 */
	static String indianNumber(BigDecimal value) {
		BigDecimal plain = value.stripTrailingZeros();
		String sign = (plain.signum() < 0) ? "-" : "";
		String digits = plain.abs().toPlainString();
		int point = digits.indexOf('.');
		return (point < 0) ? sign + groupIndian(digits)
				: sign + groupIndian(digits.substring(0, point)) + digits.substring(point);
	}

	/**
	 * Groups a run of digits the Indian way: the last three together, then pairs.
	 * @param digits the digits of a non-negative whole number
	 * @return the grouped digits, e.g. {@code 12,34,567}
	 */
	static String groupIndian(String digits) {
		int length = digits.length();
		if (length <= 3) {
			return digits;
		}
		String head = digits.substring(0, length - 3);
		StringBuilder grouped = new StringBuilder(length + length / 2);
		int firstPair = head.length() % 2;
		if (firstPair > 0) {
			grouped.append(head, 0, firstPair).append(',');
		}
		for (int i = firstPair; i < head.length(); i += 2) {
			grouped.append(head, i, i + 2).append(',');
		}
		return grouped.append(digits, length - 3, length).toString();
	}

	/**
	 * Formats a day as {@code 28 Jan} ({@code 28 जन॰} in Hindi); a moment is first moved
	 * to India's time zone.
	 * @param value a {@link LocalDate}, {@link OffsetDateTime}, {@link ZonedDateTime} or
	 * {@link Instant}
	 * @return the formatted day
	 */
	String date(Object value) {
		return this.dateFormatter.format(localDate(value));
	}

	/**
	 * Formats the time of a moment in India's time zone as {@code 7:15 AM}, or in Hindi
	 * with the part of the day, {@code सुबह 7:15}.
	 * @param value an {@link OffsetDateTime}, {@link ZonedDateTime} or {@link Instant}
	 * @return the formatted time
	 */
	String time(Object value) {
		LocalTime time = inIndia(value).toLocalTime();
		if (!this.hindi) {
			return ENGLISH_TIME.format(time);
		}
		return hindiPartOfDay(time) + " " + TWELVE_HOUR_TIME.format(time);
	}

	/**
	 * Names a payment method for customers.
	 * @param value a {@link PaymentMethod} or its name
	 * @return the name, e.g. {@code Net Banking} or {@code नेट बैंकिंग}
	 */
	String paymentMethod(Object value) {
		PaymentMethod method = (value instanceof PaymentMethod paymentMethod) ? paymentMethod
				: PaymentMethod.valueOf(String.valueOf(value).trim().toUpperCase(Locale.ROOT));
		return switch (method) {
			case UPI -> "UPI";
			case CARD -> this.hindi ? "कार्ड" : "Card";
			case NET_BANKING -> this.hindi ? "नेट बैंकिंग" : "Net Banking";
			case CASH -> this.hindi ? "नकद" : "Cash";
			case WALLET -> this.hindi ? "वॉलेट" : "Wallet";
		};
	}

	/**
	 * Translates the English month names in a billing period such as {@code January 2026}
	 * ({@code जनवरी 2026} in Hindi); leaves English and unrecognised text as it is.
	 * @param period the period as the billing service wrote it
	 * @return the period in this language
	 */
	String period(String period) {
		if (!this.hindi) {
			return period;
		}
		Matcher matcher = ENGLISH_MONTH.matcher(period);
		StringBuilder translated = new StringBuilder(period.length());
		while (matcher.find()) {
			matcher.appendReplacement(translated,
					Matcher.quoteReplacement(month(matcher.group(1)).getDisplayName(TextStyle.FULL, HINDI)));
		}
		return matcher.appendTail(translated).toString();
	}

	private static Month month(String name) {
		String prefix = name.substring(0, 3).toUpperCase(Locale.ROOT);
		for (Month month : Month.values()) {
			if (month.name().startsWith(prefix)) {
				return month;
			}
		}
		throw new IllegalArgumentException("not a month: " + name);
	}

	/**
	 * The day periods of CLDR's Hindi data, fixed here so a JDK update cannot move them.
	 */
	private static String hindiPartOfDay(LocalTime time) {
		int hour = time.getHour();
		if (hour >= 4 && hour < 12) {
			return "सुबह";
		}
		if (hour >= 12 && hour < 16) {
			return "दोपहर";
		}
		if (hour >= 16 && hour < 20) {
			return "शाम";
		}
		return "रात";
	}

	private static LocalDate localDate(Object value) {
		if (value instanceof LocalDate date) {
			return date;
		}
		return inIndia(value, "a date or a date-time").toLocalDate();
	}

	private static ZonedDateTime inIndia(Object value) {
		return inIndia(value, "a date-time");
	}

	private static ZonedDateTime inIndia(Object value, String expected) {
		return switch (value) {
			case OffsetDateTime offsetDateTime -> offsetDateTime.atZoneSameInstant(India.ZONE);
			case ZonedDateTime zonedDateTime -> zonedDateTime.withZoneSameInstant(India.ZONE);
			case Instant instant -> instant.atZone(India.ZONE);
			default -> throw new IllegalArgumentException("expected " + expected + ", got " + describe(value));
		};
	}

	private static BigDecimal number(Object value) {
		return switch (value) {
			case BigDecimal decimal -> decimal;
			case BigInteger integer -> new BigDecimal(integer);
			case Double number -> BigDecimal.valueOf(number);
			case Float number -> BigDecimal.valueOf(number);
			case Number number -> BigDecimal.valueOf(number.longValue());
			default -> throw new IllegalArgumentException("expected a number, got " + describe(value));
		};
	}

	private static String describe(Object value) {
		return (value instanceof String) ? "a string" : "a " + value.getClass().getSimpleName();
	}

	private static TemplateMethodModelEx function(String name, Formatter formatter) {
		return (arguments) -> {
			if (arguments.size() != 1) {
				throw new TemplateModelException("fmt." + name + " takes exactly 1 argument, got " + arguments.size());
			}
			Object value = DeepUnwrap.unwrap((TemplateModel) arguments.get(0));
			try {
				return formatter.format(value);
			}
			catch (IllegalArgumentException | ArithmeticException | DateTimeException ex) {
				throw new TemplateModelException("fmt." + name + ": " + ex.getMessage());
			}
		};
	}

	/** One formatting function, applied to an unwrapped template value. */
	@FunctionalInterface
	private interface Formatter {

		String format(Object value);

	}

	/** Exposes only the named functions: no Java object or method reaches templates. */
	private record FunctionsModel(Map<String, TemplateMethodModelEx> functions) implements TemplateHashModel {

		@Override
		public @Nullable TemplateModel get(String key) {
			return this.functions.get(key);
		}

		@Override
		public boolean isEmpty() {
			return this.functions.isEmpty();
		}

	}

}
