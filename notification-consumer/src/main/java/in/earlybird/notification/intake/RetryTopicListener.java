package in.earlybird.notification.intake;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;

import in.earlybird.notification.retry.FailureHeaders;
import in.earlybird.notification.shared.HeaderValues;

/**
 * Consumes the delay topic. A record is processed no earlier than its due time: the
 * records before the first one that is not yet due are processed, and the listener then
 * pauses its partitions until that one is due (the container keeps polling while paused,
 * so the consumer never exceeds {@code max.poll.interval.ms} and no rebalance happens).
 * Records on the delay topic share one delay, so they come due in the order they were
 * written.
 */
@Component
class RetryTopicListener {

	private static final Logger logger = LoggerFactory.getLogger(RetryTopicListener.class);

	static final String ID = "retry-events";

	private final EventBatchProcessor processor;

	private final InfrastructureBackoff backoff;

	private final Clock clock;

	RetryTopicListener(EventBatchProcessor processor, IntakeProperties properties, Clock clock) {
		this.processor = processor;
		this.clock = clock;
		this.backoff = new InfrastructureBackoff(properties.infrastructureBackoff(),
				properties.maxInfrastructureBackoff());
	}

	// A group of its own, so the delay topic's pauses never rebalance the domain topics.
	@KafkaListener(id = ID, groupId = "${spring.kafka.consumer.group-id}.retry",
			topics = "${notification.retry.topic:notifications.retry}", batch = "true")
	void onRetries(List<ConsumerRecord<String, byte[]>> records, Acknowledgment acknowledgment)
			throws InterruptedException {
		Instant now = this.clock.instant();
		int firstNotDue = records.size();
		Duration wait = Duration.ZERO;
		for (int i = 0; i < records.size(); i++) {
			Instant due = dueAt(records.get(i));
			if (due.isAfter(now)) {
				firstNotDue = i;
				wait = Duration.between(now, due);
				break;
			}
		}
		int failed;
		try {
			failed = this.processor.process(records.subList(0, firstNotDue), true);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not prepare a batch of {} retries; reading it again later: {}", firstNotDue,
					ex.toString());
			failed = 0;
		}
		if (failed >= 0) {
			acknowledgment.nack(failed, this.backoff.failed());
			return;
		}
		this.backoff.succeeded();
		if (firstNotDue < records.size()) {
			// Millisecond rounding must never wake us early.
			acknowledgment.nack(firstNotDue, wait.plusMillis(1));
		}
		else {
			acknowledgment.acknowledge();
		}
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
