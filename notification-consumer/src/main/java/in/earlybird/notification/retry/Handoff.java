package in.earlybird.notification.retry;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

import in.earlybird.notification.delivery.DeliveryOutcome;
import in.earlybird.notification.delivery.DeliveryRequest;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One answered attempt on its way to being durable: the steps it takes, in the order that
 * loses nothing if the process stops between two of them, and how many are done. A step
 * that fails (MongoDB or Kafka down) is tried again on its own; the steps before it are
 * not repeated, so a retry is never scheduled twice and the provider is never called
 * again.
 *
 * <ul>
 * <li>sent, refused, in doubt: one history write;</li>
 * <li>another try later: history first ({@code queued}, so that a redelivery of the
 * record may still send it), then the delay topic;</li>
 * <li>dead letter: the dead-letter topic first (so it can be replayed), then
 * history.</li>
 * </ul>
 */
public final class Handoff {

	/** One step of a hand-off. */
	public enum Step {

		/** History: {@code sent}, with the provider's message id. */
		RECORD_SENT,

		/** History: {@code failed}, refused by the provider. */
		RECORD_REFUSED,

		/** History: {@code in_doubt}. */
		RECORD_IN_DOUBT,

		/** History: {@code queued} for a retry from the delay topic. */
		RECORD_RETRY,

		/** The record goes to the delay topic. */
		PUBLISH_RETRY,

		/** The record goes to the dead-letter topic. */
		PUBLISH_DEAD_LETTER,

		/** History: {@code failed} and dead-lettered. */
		RECORD_DEAD_LETTER

	}

	private final ConsumerRecord<String, byte[]> record;

	private final DeliveryRequest request;

	private final DeliveryOutcome.Answered outcome;

	private final List<Step> steps;

	private final Instant at;

	private final int nextTopicAttempt;

	private int done;

	private Handoff(ConsumerRecord<String, byte[]> record, DeliveryRequest request, DeliveryOutcome.Answered outcome,
			List<Step> steps, Instant at, int nextTopicAttempt) {
		this.record = record;
		this.request = request;
		this.outcome = outcome;
		this.steps = steps;
		this.at = at;
		this.nextTopicAttempt = nextTopicAttempt;
	}

	/**
	 * Plans the hand-off of an outcome.
	 * @param record the record the request came from (or stands for)
	 * @param request the request
	 * @param outcome its outcome
	 * @param maxTopicAttempts trips through the delay topic before the dead-letter topic
	 * @param at when the outcome was decided
	 * @return the plan, nothing done yet
	 */
	static Handoff plan(ConsumerRecord<String, byte[]> record, DeliveryRequest request,
			DeliveryOutcome.Answered outcome, int maxTopicAttempts, Instant at) {
		int nextTopicAttempt = request.topicAttempt();
		List<Step> steps = switch (outcome) {
			case DeliveryOutcome.Sent sent -> List.of(Step.RECORD_SENT);
			case DeliveryOutcome.Refused refused -> List.of(Step.RECORD_REFUSED);
			case DeliveryOutcome.InDoubt inDoubt -> List.of(Step.RECORD_IN_DOUBT);
			case DeliveryOutcome.DeadLetter deadLetter -> List.of(Step.PUBLISH_DEAD_LETTER, Step.RECORD_DEAD_LETTER);
			case DeliveryOutcome.RetryLater retryLater -> {
				// A "slow down" or a hold does not spend the budget: the record goes
				// round again as the same attempt.
				nextTopicAttempt = retryLater.countsAgainstBudget() ? request.topicAttempt() + 1
						: request.topicAttempt();
				yield (nextTopicAttempt > maxTopicAttempts) ? List.of(Step.PUBLISH_DEAD_LETTER, Step.RECORD_DEAD_LETTER)
						: List.of(Step.RECORD_RETRY, Step.PUBLISH_RETRY);
			}
		};
		return new Handoff(record, request, outcome, steps, at, nextTopicAttempt);
	}

	/**
	 * Returns every step, done or not, in order.
	 * @return the steps
	 */
	public List<Step> steps() {
		return this.steps;
	}

	/**
	 * Returns the next step to take.
	 * @return the step
	 * @throws IllegalStateException if every step is done
	 */
	public Step next() {
		if (isDone()) {
			throw new IllegalStateException("The hand-off is complete");
		}
		return this.steps.get(this.done);
	}

	/**
	 * Records that a step is done.
	 * @param step the step, which must be the next one
	 */
	void completed(Step step) {
		if (next() != step) {
			throw new IllegalStateException("Step " + step + " is not next; " + next() + " is");
		}
		this.done++;
	}

	/**
	 * Tells whether every step is done.
	 * @return whether the outcome is durable
	 */
	public boolean isDone() {
		return this.done == this.steps.size();
	}

	/**
	 * Tells whether the plan ends on the dead-letter topic.
	 * @return whether the record is dead-lettered
	 */
	public boolean deadLetters() {
		return this.steps.contains(Step.PUBLISH_DEAD_LETTER);
	}

	ConsumerRecord<String, byte[]> record() {
		return this.record;
	}

	DeliveryRequest request() {
		return this.request;
	}

	/**
	 * Returns the outcome being made durable.
	 * @return the outcome
	 */
	public DeliveryOutcome.Answered outcome() {
		return this.outcome;
	}

	Instant at() {
		return this.at;
	}

	/**
	 * Returns the delay-topic attempt the record goes round as, for a retry.
	 * @return the attempt number, 1 for the first retry
	 */
	int nextTopicAttempt() {
		return this.nextTopicAttempt;
	}

	@Override
	public String toString() {
		return "Handoff[" + Objects.requireNonNull(this.outcome).notificationId() + ", " + this.steps + ", done="
				+ this.done + "]";
	}

}
