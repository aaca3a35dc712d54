package in.earlybird.notification.admin;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.stream.Collectors;

import in.earlybird.events.InvalidPhoneNumberException;
import in.earlybird.events.PhoneNumber;
import in.earlybird.notification.history.NotificationStatus;
import in.earlybird.notification.shared.India;
import in.earlybird.notification.templates.TemplateType;
import org.jspecify.annotations.Nullable;

/**
 * Reads the values people type into query parameters and paths, or says which is wrong.
 */
final class RequestValues {

	private static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

	private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999Z");

	private RequestValues() {
	}

	/**
	 * Reads a phone number, forgiving what a URL does to it: a {@code +} that became a
	 * space, a missing {@code +}, spaces and dashes.
	 * @param field the parameter's name
	 * @param value e.g. {@code +919876543210} or {@code 91 98765 43210}
	 * @return the number in E.164 form
	 */
	static String phone(String field, String value) {
		String digits = value.replaceAll("[\\s\\-()]", "");
		if (digits.startsWith("00")) {
			digits = digits.substring(2);
		}
		String e164 = digits.startsWith("+") ? digits : "+" + digits;
		try {
			return PhoneNumber.parse(e164).e164();
		}
		catch (InvalidPhoneNumberException ex) {
			throw AdminProblem.badRequest(field, ex.getMessage());
		}
	}

	static @Nullable String optionalPhone(String field, @Nullable String value) {
		return (value == null || value.isBlank()) ? null : phone(field, value);
	}

	static @Nullable NotificationStatus status(String field, @Nullable String value) {
		if (value == null || value.isBlank()) {
			return null;
		}
		try {
			return NotificationStatus.fromValue(value.trim());
		}
		catch (IllegalArgumentException ex) {
			throw AdminProblem.badRequest(field,
					"must be one of " + Arrays.stream(NotificationStatus.values())
						.map(NotificationStatus::value)
						.collect(Collectors.joining(", ")));
		}
	}

	static TemplateType templateType(String field, String value) {
		return TemplateType.fromKey(value.trim())
			.orElseThrow(() -> AdminProblem.badRequest(field, "must be one of " + templateKeys()));
	}

	static @Nullable TemplateType optionalTemplateType(String field, @Nullable String value) {
		return (value == null || value.isBlank()) ? null : templateType(field, value);
	}

	static String templateKeys() {
		return Arrays.stream(TemplateType.values()).map(TemplateType::key).collect(Collectors.joining(", "));
	}

	/**
	 * Reads a moment: an ISO-8601 instant ({@code 2026-01-27T04:30:00Z}), a date-time
	 * with offset ({@code 2026-01-27T10:00:00+05:30}) or a date ({@code 2026-01-27}, a
	 * day in India, which starts at its midnight for {@code from} and ends at the next
	 * midnight for {@code to}).
	 * @param field the parameter's name
	 * @param value the value
	 * @param endOfDay whether a plain date means the end of that day
	 * @return the moment, or {@code null} if no value was given
	 */
	static @Nullable Instant moment(String field, @Nullable String value, boolean endOfDay) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String text = value.trim();
		Instant moment;
		try {
			if (text.length() == 10) {
				LocalDate day = LocalDate.parse(text);
				moment = (endOfDay ? day.plusDays(1) : day).atStartOfDay(India.ZONE).toInstant();
			}
			else {
				moment = OffsetDateTime.parse(text).toInstant();
			}
		}
		catch (DateTimeParseException ex) {
			throw AdminProblem.badRequest(field,
					"must be a date (2026-01-27) or an ISO-8601 date-time with offset (2026-01-27T10:00:00+05:30)");
		}
		// java.time reaches the year ±999999999; MongoDB dates and people do not.
		if (moment.isBefore(EARLIEST) || moment.isAfter(LATEST)) {
			throw AdminProblem.badRequest(field, "must be between the years 1 and 9999");
		}
		return moment;
	}

	/**
	 * Names the query parameter whose percent-encoding is not UTF-8, which the server
	 * refuses to decode (e.g. {@code eventId=%E0%A4}).
	 * @param queryString the raw query string
	 * @return the parameter's name, or {@code query} if it cannot be told
	 */
	static String undecodableParameter(@Nullable String queryString) {
		if (queryString != null) {
			for (String pair : queryString.split("&")) {
				int equals = pair.indexOf('=');
				String name = (equals >= 0) ? pair.substring(0, equals) : pair;
				String value = (equals >= 0) ? pair.substring(equals + 1) : "";
				String decodedName = utf8(name);
				if (decodedName == null) {
					return "query";
				}
				if (utf8(value) == null) {
					return decodedName;
				}
			}
		}
		return "query";
	}

	/** Percent-decodes strictly: {@code null} unless the bytes are UTF-8. */
	private static @Nullable String utf8(String encoded) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		for (int i = 0; i < encoded.length(); i++) {
			char c = encoded.charAt(i);
			if (c == '%' && i + 2 < encoded.length() && HexFormat.isHexDigit(encoded.charAt(i + 1))
					&& HexFormat.isHexDigit(encoded.charAt(i + 2))) {
				bytes.write(HexFormat.fromHexDigits(encoded, i + 1, i + 3));
				i += 2;
			}
			else {
				bytes.writeBytes(String.valueOf((c == '+') ? ' ' : c).getBytes(StandardCharsets.UTF_8));
			}
		}
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(bytes.toByteArray()))
				.toString();
		}
		catch (CharacterCodingException ex) {
			return null;
		}
	}

}
