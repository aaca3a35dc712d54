package in.earlybird.notification.delivery.myoperator;

import java.time.Duration;
import java.time.Instant;

import in.earlybird.notification.MutableClock;
import in.earlybird.notification.delivery.myoperator.SendResult.Accepted;
import in.earlybird.notification.delivery.myoperator.SendResult.Rejected;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Tests for {@link ProviderState}. */
class ProviderStateTests {

	private static final Instant START = Instant.parse("2026-01-27T05:00:00Z");

	private final MutableClock clock = new MutableClock(START);

	private final ProviderState state = new ProviderState(this.clock);

	@Test
	void startsWithNothingSeenAndNotThrottled() {
		ProviderState.Snapshot snapshot = this.state.snapshot();

		assertThat(snapshot.lastSuccessAt()).isNull();
		assertThat(snapshot.lastFailure()).isNull();
		assertThat(snapshot.throttled()).isFalse();
		assertThat(snapshot.throttledUntil()).isNull();
		assertThat(snapshot.at()).isEqualTo(START);
	}

	@Test
	void remembersTheLastAcceptedMessageAndTheLastRefusalWithItsCode() {
		this.state.record(new Accepted("m-1", null));
		this.clock.advance(Duration.ofSeconds(5));
		this.state.record(new Rejected(FailureKind.CONFIGURATION, "CHAT_0302", "WABA disabled", null, 400));
		this.clock.advance(Duration.ofSeconds(5));
		this.state.record(new Accepted("m-2", null));

		ProviderState.Snapshot snapshot = this.state.snapshot();
		assertThat(snapshot.lastSuccessAt()).isEqualTo(START.plusSeconds(10));
		assertThat(snapshot.lastFailure()).isEqualTo(new ProviderState.Failure(START.plusSeconds(5),
				FailureKind.CONFIGURATION, "CHAT_0302", 400, "WABA disabled"));
		assertThat(snapshot.throttled()).isFalse();
	}

	@Test
	void isThrottledUntilRetryAfterHasPassed() {
		this.state.record(new Rejected(FailureKind.RATE_LIMITED, "HTTP_429", "slow down", Duration.ofSeconds(30), 429));

		assertThat(this.state.snapshot().throttled()).isTrue();
		assertThat(this.state.snapshot().throttledUntil()).isEqualTo(START.plusSeconds(30));
		this.clock.advance(Duration.ofSeconds(29));
		assertThat(this.state.snapshot().throttled()).isTrue();
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.state.snapshot().throttled()).isFalse();
		assertThat(this.state.snapshot().throttledUntil()).isEqualTo(START.plusSeconds(30));
	}

	@Test
	void assumesOneSecondWhenMyOperatorGivesNoRetryAfter() {
		this.state.record(new Rejected(FailureKind.RATE_LIMITED, "130429", "throughput", null, 200));

		assertThat(this.state.snapshot().throttledUntil()).isEqualTo(START.plus(ProviderState.DEFAULT_THROTTLE));
	}

	@Test
	void aShorterLaterThrottleDoesNotCutALongerOneShort() {
		this.state.record(new Rejected(FailureKind.RATE_LIMITED, "HTTP_429", "slow down", Duration.ofSeconds(60), 429));
		this.clock.advance(Duration.ofSeconds(1));
		this.state.record(new Rejected(FailureKind.RATE_LIMITED, "HTTP_429", "slow down", Duration.ofSeconds(2), 429));

		assertThat(this.state.snapshot().throttledUntil()).isEqualTo(START.plusSeconds(60));
	}

	@Test
	void otherFailuresDoNotThrottle() {
		this.state.record(new Rejected(FailureKind.TRANSIENT, "HTTP_503", "unavailable", Duration.ofSeconds(10), 503));

		assertThat(this.state.snapshot().throttled()).isFalse();
		assertThat(this.state.snapshot().lastFailure().code()).isEqualTo("HTTP_503");
	}

}
