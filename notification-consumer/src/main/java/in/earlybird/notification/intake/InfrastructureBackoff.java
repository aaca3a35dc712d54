package in.earlybird.notification.intake;

import java.time.Duration;

/**
 * How long a listener pauses its partitions after MongoDB or Kafka failed: doubling from
 * the first pause up to the longest, back to the first after a success.
 */
final class InfrastructureBackoff {

	private final Duration initial;

	private final Duration max;

	private Duration next;

	InfrastructureBackoff(Duration initial, Duration max) {
		this.initial = initial;
		this.max = max;
		this.next = initial;
	}

	synchronized Duration failed() {
		Duration current = this.next;
		Duration doubled = this.next.multipliedBy(2);
		this.next = (doubled.compareTo(this.max) > 0) ? this.max : doubled;
		return current;
	}

	synchronized void succeeded() {
		this.next = this.initial;
	}

}
