package in.earlybird.notification.intake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

import in.earlybird.notification.retry.FailureHeaders;
import in.earlybird.notification.shared.HeaderValues;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;

/**
 * Consumes the delay topic. A record is handed to the {@link IntakePipeline} no earlier
 * than its due time: at the first record that is not due yet, the listener stops taking
 * records and pauses its partitions until that one is due (the container keeps polling
 * while paused, so the consumer never exceeds {@code max.poll.interval.ms} and no
 * rebalance happens); that record and those after it are read again then. Records on the
 * delay topic share one delay, so they come due in the order they were written.
 */
@Component
class RetryTopicListener {

	static final String ID = "retry-events";

	private final IntakePipeline pipeline;

	private final Clock clock;

	RetryTopicListener(IntakePipeline pipeline, Clock clock) {
		this.pipeline = pipeline;
		this.clock = clock;
	}

	// A group of its own, so the delay topic's pauses never rebalance the domain topics.
	@KafkaListener(id = ID, groupId = "${spring.kafka.consumer.group-id}.retry",
			topics = "${notification.retry.topic:notifications.retry}", batch = "false")
	void onRetry(ConsumerRecord<String, byte[]> record, Acknowledgment acknowledgment) {
		Duration wait = Duration.between(this.clock.instant(), dueAt(record));
		if (wait.isPositive()) {
			// Millisecond rounding must never wake us early.
			acknowledgment.nack(wait.plusMillis(1));
			return;
		}
		this.pipeline.submit(record, acknowledgment, true);
	}

	private static Instant dueAt(ConsumerRecord<String, byte[]> record) {
		String due = HeaderValues.text(record, FailureHeaders.RETRY_DUE_AT);
		if (due == null) {
			return Instant.MIN;
		}
		try {
			return Instant.parse(due);
		}
		catch (DateTimeParseException ex) {
			return Instant.MIN;
		}
	}

}
