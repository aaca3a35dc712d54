package in.earlybird.notification.preferences;

import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;

import in.earlybird.notification.shared.India;

/**
 * A daily period, in Indian time, during which a customer gets no promotional messages;
 * they are held back and sent once it ends. A period may span midnight
 * ({@code 22:00}–{@code 08:00}).
 *
 * @param start when it starts, {@code HH:mm}, inclusive
 * @param end when it ends, {@code HH:mm}, exclusive
 */
public record QuietHours(String start, String end) {

	private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm");

	/**
	 * Checks the times.
	 * @param start the start, {@code HH:mm}
	 * @param end the end, {@code HH:mm}
	 * @throws IllegalArgumentException if a time is not {@code HH:mm} or both are equal
	 */
	public QuietHours {
		Objects.requireNonNull(start, "start");
		Objects.requireNonNull(end, "end");
		if (parse(start).equals(parse(end))) {
			throw new IllegalArgumentException("start and end must differ");
		}
	}

	/**
	 * Parses a time of day as quiet hours store it.
	 * @param time e.g. {@code 22:00}
	 * @return the time
	 * @throws IllegalArgumentException if it is not {@code HH:mm}
	 */
	public static LocalTime parse(String time) {
		try {
			return LocalTime.parse(time, HH_MM);
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException("'" + time + "' is not a time of day as HH:mm, e.g. 22:00");
		}
	}

	/**
	 * Tells whether a moment falls in the quiet period.
	 * @param moment the moment
	 * @return whether promotional messages must wait
	 */
	public boolean contains(Instant moment) {
		LocalTime time = moment.atZone(India.ZONE).toLocalTime();
		LocalTime from = parse(this.start);
		LocalTime until = parse(this.end);
		if (from.isBefore(until)) {
			return !time.isBefore(from) && time.isBefore(until);
		}
		return !time.isBefore(from) || time.isBefore(until);
	}

}
