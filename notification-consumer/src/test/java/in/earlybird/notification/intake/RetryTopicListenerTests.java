package in.earlybird.notification.intake;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import in.earlybird.notification.retry.FailureHeaders;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.support.Acknowledgment;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.BDDMockito.then;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;

/**
 * The delay topic is never waited on by sleeping: what is due is handed over, and at the
 * first record that is not, the listener asks to be called again when it is.
 */
class RetryTopicListenerTests {

	private static final Instant NOW = Instant.parse("2026-11-30T06:00:00Z");

	private final IntakePipeline pipeline = mock(IntakePipeline.class);

	private final RetryTopicListener listener = new RetryTopicListener(this.pipeline, Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void handsOverARecordDueNowOrEarlierAsARetry() {
		ConsumerRecord<String, byte[]> dueNow = record(0, NOW.toString());
		ConsumerRecord<String, byte[]> overdue = record(1, NOW.minusSeconds(600).toString());
		Acknowledgment first = mock(Acknowledgment.class);
		Acknowledgment second = mock(Acknowledgment.class);

		this.listener.onRetry(dueNow, first);
		this.listener.onRetry(overdue, second);

		then(this.pipeline).should().submit(dueNow, first, true);
		then(this.pipeline).should().submit(overdue, second, true);
		then(first).shouldHaveNoInteractions();
		then(second).shouldHaveNoInteractions();
	}

	@Test
	void stopsAtTheFirstRecordNotDueAndWaitsUntilItIsDue() {
		ConsumerRecord<String, byte[]> due = record(0, NOW.minusMillis(1).toString());
		ConsumerRecord<String, byte[]> notDue = record(1, NOW.plusSeconds(90).toString());
		Acknowledgment dueAcknowledgment = mock(Acknowledgment.class);
		Acknowledgment waiting = mock(Acknowledgment.class);

		this.listener.onRetry(due, dueAcknowledgment);
		this.listener.onRetry(notDue, waiting);

		then(this.pipeline).should().submit(due, dueAcknowledgment, true);
		then(this.pipeline).should(never()).submit(notDue, waiting, true);
		// A millisecond more, so rounding never wakes it early.
		then(waiting).should().nack(Duration.ofSeconds(90).plusMillis(1));
	}

	@Test
	void neverWakesEarlyForARecordDueWithinTheMillisecond() {
		Acknowledgment waiting = mock(Acknowledgment.class);

		this.listener.onRetry(record(0, NOW.plusNanos(400_000).toString()), waiting);

		then(waiting).should().nack(Duration.ofNanos(400_000).plusMillis(1));
		then(this.pipeline).should(never()).submit(any(), any(), anyBoolean());
	}

	@Test
	void treatsAMissingOrGarbledDueTimeAsDue() {
		ConsumerRecord<String, byte[]> missing = record(0, null);
		ConsumerRecord<String, byte[]> garbled = record(1, "tomorrow morning");
		Acknowledgment first = mock(Acknowledgment.class);
		Acknowledgment second = mock(Acknowledgment.class);

		this.listener.onRetry(missing, first);
		this.listener.onRetry(garbled, second);

		then(this.pipeline).should().submit(missing, first, true);
		then(this.pipeline).should().submit(garbled, second, true);
		then(first).shouldHaveNoInteractions();
		then(second).shouldHaveNoInteractions();
	}

	private static ConsumerRecord<String, byte[]> record(long offset, String dueAt) {
		ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("notifications.retry", 0, offset, "cust-1",
				new byte[0]);
		if (dueAt != null) {
			record.headers().add(FailureHeaders.RETRY_DUE_AT, dueAt.getBytes(StandardCharsets.UTF_8));
		}
		return record;
	}

}
