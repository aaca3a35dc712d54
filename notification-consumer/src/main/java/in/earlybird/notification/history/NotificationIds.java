package in.earlybird.notification.history;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * A notification's id, derived from its idempotency key: every attempt at the same event,
 * template and recipient computes the same id, so history finds a notification by
 * {@code _id} (an index MongoDB and the embedded server both serve) instead of by the
 * three fields of the key. It is a UUID (version 8, from SHA-256), so it reads like the
 * random ids of notifications recorded before, which are still found by their key.
 */
public final class NotificationIds {

	private NotificationIds() {
	}

	/**
	 * Returns the id of a notification.
	 * @param key the notification's idempotency key
	 * @return its id
	 */
	public static String of(IdempotencyKey key) {
		MessageDigest sha256;
		try {
			sha256 = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JVM has SHA-256", ex);
		}
		// NUL cannot occur in the parts, so no two keys share an input.
		byte[] digest = sha256
			.digest((key.eventId() + '\0' + key.type() + '\0' + key.phone()).getBytes(StandardCharsets.UTF_8));
		ByteBuffer bytes = ByteBuffer.wrap(digest);
		long high = (bytes.getLong() & ~0xF000L) | 0x8000L;
		long low = (bytes.getLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(high, low).toString();
	}

}
