package in.earlybird.notification.shared;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;

import org.springframework.kafka.core.KafkaTemplate;

/**
 * The one way this service publishes a record and waits for the broker: the failure
 * router, the dead-letter replay and the admin API's publish all need the acknowledgement
 * before they go on (a commit, a replay count, an HTTP answer).
 */
public final class KafkaPublishing {

	private KafkaPublishing() {
	}

	/**
	 * Publishes a record and waits until the broker has it.
	 * @param kafka the template to publish with
	 * @param record the record
	 * @param timeout how long to wait for the acknowledgement
	 * @throws PublishFailedException when the broker did not take it in time, refused it,
	 * or the wait was interrupted (the thread's interrupt flag is then set again)
	 */
	public static <K, V> void publish(KafkaTemplate<K, V> kafka, ProducerRecord<K, V> record, Duration timeout) {
		try {
			kafka.send(record).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new PublishFailedException("Interrupted while publishing to " + record.topic(), ex);
		}
		catch (ExecutionException ex) {
			throw new PublishFailedException("Could not publish to " + record.topic(),
					(ex.getCause() != null) ? ex.getCause() : ex);
		}
		catch (TimeoutException | KafkaException | org.springframework.kafka.KafkaException ex) {
			// The producer refuses some records (too large, no metadata) before sending
			// them.
			throw new PublishFailedException("Could not publish to " + record.topic(), ex);
		}
	}

	/**
	 * A record the broker did not acknowledge.
	 */
	public static final class PublishFailedException extends RuntimeException {

		PublishFailedException(String message, Throwable cause) {
			super(message + ": " + cause, cause);
		}

		/**
		 * Whether the record was refused for its size, by the producer or by the broker:
		 * publishing it again unchanged cannot succeed.
		 * @return whether it was too large
		 */
		public boolean tooLarge() {
			for (Throwable cause = getCause(); cause != null; cause = cause.getCause()) {
				if (cause instanceof RecordTooLargeException) {
					return true;
				}
			}
			return false;
		}

		/**
		 * Whether the wait was interrupted (the record may still be published).
		 * @return whether it was interrupted
		 */
		public boolean interrupted() {
			return getCause() instanceof InterruptedException;
		}

	}

}
