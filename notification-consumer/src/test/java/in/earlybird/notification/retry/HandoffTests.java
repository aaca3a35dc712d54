package in.earlybird.notification.retry;

import java.time.Duration;
import java.time.Instant;

import in.earlybird.notification.TestEvents;
import in.earlybird.notification.delivery.DeliveryOutcome;
import in.earlybird.notification.delivery.DeliveryRequest;
import in.earlybird.notification.delivery.Trigger;
import in.earlybird.notification.history.AttemptOutcome;
import in.earlybird.notification.retry.Handoff.Step;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class HandoffTests {

	private static final Instant NOW = Instant.parse("2026-11-30T06:00:00Z");

	private static final ConsumerRecord<String, byte[]> RECORD = new ConsumerRecord<>("earlybird.deliveries", 0, 7,
			"cust-1", new byte[0]);

	@Test
	void aSentMessageOnlyNeedsHistory() {
		Handoff handoff = plan(0, new DeliveryOutcome.Sent("n-1", "msg-1", null, 1));
		assertThat(handoff.steps()).containsExactly(Step.RECORD_SENT);
		assertThat(handoff.deadLetters()).isFalse();
	}

	@Test
	void refusedAndInDoubtMessagesOnlyNeedHistory() {
		assertThat(plan(0, new DeliveryOutcome.Refused("n-1", "131026", "undeliverable", 1)).steps())
			.containsExactly(Step.RECORD_REFUSED);
		assertThat(plan(0, new DeliveryOutcome.InDoubt("n-1", "READ_TIMEOUT", "no answer", 1)).steps())
			.containsExactly(Step.RECORD_IN_DOUBT);
	}

	@Test
	void aRetryIsRecordedInHistoryBeforeItGoesOnTheDelayTopicAndSpendsOneTrip() {
		Handoff handoff = plan(1, retry(true));
		assertThat(handoff.steps()).containsExactly(Step.RECORD_RETRY, Step.PUBLISH_RETRY);
		assertThat(handoff.nextTopicAttempt()).isEqualTo(2);
	}

	@Test
	void aSlowDownOrAHoldGoesRoundAgainAsTheSameTrip() {
		Handoff handoff = plan(3, retry(false));
		assertThat(handoff.steps()).containsExactly(Step.RECORD_RETRY, Step.PUBLISH_RETRY);
		assertThat(handoff.nextTopicAttempt()).isEqualTo(3);
	}

	@Test
	void spentRetriesAreDeadLetteredBeforeHistorySaysSo() {
		Handoff handoff = plan(3, retry(true));
		assertThat(handoff.steps()).containsExactly(Step.PUBLISH_DEAD_LETTER, Step.RECORD_DEAD_LETTER);
		assertThat(handoff.deadLetters()).isTrue();
		assertThat(plan(0, new DeliveryOutcome.DeadLetter("n-1", "CHAT_0302", "disabled", 1)).steps())
			.containsExactly(Step.PUBLISH_DEAD_LETTER, Step.RECORD_DEAD_LETTER);
	}

	@Test
	void resumesAtTheStepThatFailedAndEndsWhenEveryStepIsDone() {
		Handoff handoff = plan(0, retry(true));
		assertThat(handoff.next()).isEqualTo(Step.RECORD_RETRY);
		handoff.completed(Step.RECORD_RETRY);
		// Publishing failed: the hand-off stays at that step.
		assertThat(handoff.next()).isEqualTo(Step.PUBLISH_RETRY);
		assertThat(handoff.isDone()).isFalse();
		handoff.completed(Step.PUBLISH_RETRY);
		assertThat(handoff.isDone()).isTrue();
		assertThatIllegalStateException().isThrownBy(handoff::next);
	}

	@Test
	void refusesToCompleteAStepOutOfOrder() {
		Handoff handoff = plan(0, retry(true));
		assertThatIllegalStateException().isThrownBy(() -> handoff.completed(Step.PUBLISH_RETRY));
	}

	private static DeliveryOutcome.RetryLater retry(boolean countsAgainstBudget) {
		return new DeliveryOutcome.RetryLater("n-1",
				countsAgainstBudget ? AttemptOutcome.TRANSIENT : AttemptOutcome.RATE_LIMITED, "HTTP_503", "down",
				countsAgainstBudget, Duration.ofSeconds(1), 4);
	}

	private static Handoff plan(int topicAttempt, DeliveryOutcome.Answered outcome) {
		DeliveryRequest request = new DeliveryRequest("evt-1", "earlybird.delivery.scheduled",
				TestEvents.deliveryScheduled(TestEvents.customer()), Trigger.EVENT, topicAttempt, null, null);
		return Handoff.plan(RECORD, request, outcome, 3, NOW);
	}

}
