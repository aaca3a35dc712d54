package in.earlybird.notification.shared;

import java.time.ZoneId;

/**
 * Where EarlyBird's customers live: their calendar days (a delivery date, a quiet hour, a
 * day of statistics) are days in India.
 */
public final class India {

	/** India's time zone, {@code Asia/Kolkata} (UTC+05:30, no daylight saving). */
	public static final ZoneId ZONE = ZoneId.of("Asia/Kolkata");

	private India() {
	}

}
