package in.earlybird.notification.intake;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import in.earlybird.events.EventType;
import in.earlybird.events.Topics;
import org.junit.jupiter.api.Test;

import org.springframework.util.backoff.BackOffExecution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The pauses after an infrastructure failure, and which topic an event type is published
 * to under renamed or partial topic lists.
 */
class IntakePropertiesTests {

	@Test
	void doublesThePauseAfterAnOutageUpToTheCeilingAndNeverGivesUp() {
		IntakeProperties properties = properties(Topics.ALL);

		BackOffExecution pauses = properties.infrastructureBackOff().start();

		assertThat(Stream.generate(pauses::nextBackOff).limit(8)).containsExactly(1_000L, 2_000L, 4_000L, 8_000L,
				16_000L, 30_000L, 30_000L, 30_000L);
		assertThat(Stream.generate(pauses::nextBackOff).limit(1_000)).doesNotContain(BackOffExecution.STOP);
	}

	@Test
	void publishesToTheRenamedTopicInTheSamePlaceOfTheList() {
		List<String> renamed = Topics.ALL.stream().map((topic) -> "staging." + topic).toList();

		assertThat(properties(renamed).topicFor(EventType.DELIVERY_SCHEDULED))
			.isEqualTo("staging." + EventType.DELIVERY_SCHEDULED.defaultTopic());
	}

	@Test
	void refusesAnEventTypeWhoseTopicIsNotConsumed() {
		IntakeProperties properties = properties(List.of(EventType.DELIVERY_SCHEDULED.defaultTopic()));

		assertThat(properties.topicFor(EventType.DELIVERY_SCHEDULED))
			.isEqualTo(EventType.DELIVERY_SCHEDULED.defaultTopic());
		EventType other = Stream.of(EventType.values())
			.filter((type) -> !type.defaultTopic().equals(EventType.DELIVERY_SCHEDULED.defaultTopic()))
			.findFirst()
			.orElseThrow();
		assertThatIllegalStateException().isThrownBy(() -> properties.topicFor(other))
			.withMessageContaining("notification.intake.topics");
	}

	private static IntakeProperties properties(List<String> topics) {
		return new IntakeProperties(topics, Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofSeconds(20),
				Duration.ofSeconds(5));
	}

}
