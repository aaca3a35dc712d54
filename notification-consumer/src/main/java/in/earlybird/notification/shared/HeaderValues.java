package in.earlybird.notification.shared;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.jspecify.annotations.Nullable;

/**
 * Reads Kafka header values as UTF-8 text, the way this service and CloudEvents write
 * them.
 */
public final class HeaderValues {

	private HeaderValues() {
	}

	/**
	 * Returns the last value of a header as text.
	 * @param record the record
	 * @param name the header's name
	 * @return the value, or {@code null} if the record has no such header
	 */
	public static @Nullable String text(ConsumerRecord<?, ?> record, String name) {
		return text(record.headers(), name);
	}

	/**
	 * Returns the last value of a header as text.
	 * @param headers the headers
	 * @param name the header's name
	 * @return the value, or {@code null} if there is no such header
	 */
	public static @Nullable String text(Headers headers, String name) {
		Header header = headers.lastHeader(name);
		return (header != null && header.value() != null) ? new String(header.value(), StandardCharsets.UTF_8) : null;
	}

	/**
	 * Tells whether a header's value is UTF-8. {@link #text} replaces what is not with
	 * {@code U+FFFD}; a caller that must not take such a value for the one sent checks
	 * this when the text holds that character.
	 * @param headers the headers
	 * @param name the header's name
	 * @return whether the last value is valid UTF-8 ({@code true} if there is none)
	 */
	public static boolean isUtf8(Headers headers, String name) {
		Header header = headers.lastHeader(name);
		if (header == null || header.value() == null) {
			return true;
		}
		try {
			StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(header.value()));
			return true;
		}
		catch (CharacterCodingException ex) {
			return false;
		}
	}

}
