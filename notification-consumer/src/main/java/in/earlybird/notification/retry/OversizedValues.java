package in.earlybird.notification.retry;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.ReplaceOptions;
import in.earlybird.notification.shared.HeaderValues;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.bson.Document;
import org.bson.types.Binary;
import org.jspecify.annotations.Nullable;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Keeps records that are too large to copy to the delay or dead-letter topic publishable.
 * A record the broker accepted can still be too large once our headers are added; such a
 * record would be refused for ever and stall its partition. Its value is kept whole in
 * MongoDB ({@value #COLLECTION}, by SHA-256), and the topic gets the headers, the digest
 * and the first {@value #PREFIX_BYTES} bytes; the full value comes back on replay and
 * when a delayed record is read again.
 */
@Component
public class OversizedValues {

	/** Where whole values wait. */
	public static final String COLLECTION = "dead_letter_values";

	/** How much of a value the shortened record keeps. */
	static final int PREFIX_BYTES = 64 * 1024;

	/** On a shortened record: {@code true}. */
	public static final String TRUNCATED = FailureHeaders.PREFIX + "value-truncated";

	/** On a shortened record: the SHA-256 of the whole value, hex. */
	public static final String DIGEST = FailureHeaders.PREFIX + "value-sha256";

	/** On a shortened record: the size of the whole value in bytes. */
	public static final String SIZE = FailureHeaders.PREFIX + "value-bytes";

	/**
	 * What Kafka adds to a record besides its key, value and headers, with room to spare.
	 */
	private static final int RECORD_OVERHEAD = 512;

	private final MongoTemplate mongo;

	private final Clock clock;

	OversizedValues(MongoTemplate mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	/**
	 * Estimates how many bytes a record takes in a produce request.
	 * @param record the record
	 * @return its size, generously
	 */
	static int estimatedSize(ProducerRecord<String, byte[]> record) {
		int size = RECORD_OVERHEAD + ((record.value() != null) ? record.value().length : 0)
				+ ((record.key() != null) ? record.key().getBytes(StandardCharsets.UTF_8).length : 0);
		for (Header header : record.headers()) {
			size += header.key().length() + ((header.value() != null) ? header.value().length : 0) + 10;
		}
		return size;
	}

	/**
	 * Keeps a record's whole value and returns the shortened record to publish instead.
	 * @param record the record that is too large
	 * @return the same record with the value's prefix and the headers that find the whole
	 * value again
	 */
	ProducerRecord<String, byte[]> shorten(ProducerRecord<String, byte[]> record) {
		byte[] value = (record.value() != null) ? record.value() : new byte[0];
		String digest = digest(value);
		this.mongo.getCollection(COLLECTION)
			.replaceOne(Filters.eq("_id", digest),
					new Document("_id", digest).append("value", new Binary(value))
						.append("bytes", value.length)
						.append("topic", record.topic())
						.append("storedAt", this.clock.instant()),
					new ReplaceOptions().upsert(true));
		Headers headers = new RecordHeaders();
		record.headers().forEach(headers::add);
		headers.remove(TRUNCATED);
		headers.remove(DIGEST);
		headers.remove(SIZE);
		headers.add(TRUNCATED, "true".getBytes(StandardCharsets.UTF_8));
		headers.add(DIGEST, digest.getBytes(StandardCharsets.UTF_8));
		headers.add(SIZE, Integer.toString(value.length).getBytes(StandardCharsets.UTF_8));
		byte[] prefix = Arrays.copyOf(value, Math.min(value.length, PREFIX_BYTES));
		return new ProducerRecord<>(record.topic(), record.partition(), record.timestamp(), record.key(), prefix,
				headers);
	}

	/**
	 * Returns a record's whole value: its own, or for a shortened record the one kept.
	 * @param record the record
	 * @return the value, or empty if a shortened record's value is no longer kept
	 */
	public Optional<byte[]> wholeValue(ConsumerRecord<String, byte[]> record) {
		if (!isShortened(record)) {
			return Optional.ofNullable(record.value());
		}
		String digest = HeaderValues.text(record, DIGEST);
		Document kept = (digest != null) ? this.mongo.getCollection(COLLECTION).find(Filters.eq("_id", digest)).first()
				: null;
		return Optional.ofNullable(kept).map((document) -> document.get("value", Binary.class).getData());
	}

	/**
	 * Tells whether a record was shortened.
	 * @param record the record
	 * @return whether its value is only a prefix
	 */
	public static boolean isShortened(ConsumerRecord<String, byte[]> record) {
		return "true".equals(HeaderValues.text(record, TRUNCATED));
	}

	private static String digest(byte @Nullable [] value) {
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest((value != null) ? value : new byte[0]));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JVM has SHA-256", ex);
		}
	}

}
