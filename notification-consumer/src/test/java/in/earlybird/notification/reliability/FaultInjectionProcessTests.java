package in.earlybird.notification.reliability;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fault-injection suite's short version, inside {@code ./mvnw verify}: the scenarios
 * that matter most at small sizes, against the jar in its own JVM. The same assertions as
 * the full suite ({@link FaultInjectionSuite}).
 */
class FaultInjectionProcessTests {

	@Test
	void killsTimeoutsMalformedRecordsAndAnOutageLoseNothingAndSendNothingTwice() {
		// One Kafka, MongoDB and sandbox for all: each scenario starts instances of its
		// own.
		FaultScenarios scenarios = new FaultScenarios(FaultScenarios.Sizes.SHORT, true);
		try {
			scenarios.killNineMidStream();
			scenarios.retryAfter400();
			scenarios.timeouts();
			scenarios.malformedInterleaved();
			scenarios.mongoOutage();
		}
		finally {
			scenarios.close();
		}
		StringBuilder tables = new StringBuilder();
		List<String> problems = new ArrayList<>();
		for (FaultScenarios.ScenarioResult result : scenarios.results()) {
			tables.append(result.accounting().table(result.name())).append('\n');
			result.problems().forEach((problem) -> problems.add(result.name() + ": " + problem));
		}
		assertThat(problems).as(tables.toString()).isEmpty();
	}

}
