package in.earlybird.notification.history;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Where a page of history ended: listings are ordered by creation time, newest first,
 * with the notification id breaking ties, so the next page starts strictly after this
 * point however many notifications arrive meanwhile.
 *
 * @param createdAt the last listed notification's creation time
 * @param id the last listed notification's id
 */
public record HistoryCursor(Instant createdAt, String id) {

	/**
	 * Returns the cursor of a notification.
	 * @param notification the last notification of a page
	 * @return the cursor after it
	 */
	public static HistoryCursor after(NotificationRecord notification) {
		return new HistoryCursor(notification.createdAt(), notification.id());
	}

	/**
	 * Encodes the cursor as an opaque URL-safe token.
	 * @return the token
	 */
	public String encode() {
		String plain = this.createdAt.toEpochMilli() + ":" + this.id;
		return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Decodes a token made by {@link #encode()}.
	 * @param token the token
	 * @return the cursor
	 * @throws IllegalArgumentException if the token is not one of ours
	 */
	public static HistoryCursor decode(String token) {
		String plain;
		try {
			plain = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("not a history cursor");
		}
		int colon = plain.indexOf(':');
		if (colon <= 0 || colon == plain.length() - 1) {
			throw new IllegalArgumentException("not a history cursor");
		}
		try {
			return new HistoryCursor(Instant.ofEpochMilli(Long.parseLong(plain.substring(0, colon))),
					plain.substring(colon + 1));
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("not a history cursor");
		}
	}

}
