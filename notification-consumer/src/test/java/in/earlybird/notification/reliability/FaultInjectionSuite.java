package in.earlybird.notification.reliability;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import in.earlybird.notification.harness.ServiceJar;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The full fault-injection suite: every scenario of the reliability issue at the issue's
 * sizes, each on a fresh stack with the service jar in its own JVM. Not part of
 * {@code ./mvnw verify} (Failsafe runs it only with {@code -Pfaults}; about half an hour
 * on two cores); prints its report and puts it at the top of
 * {@code notification-consumer/faults/RESULTS.md}. It fails on any duplicate, any record
 * neither sent nor recorded, any delivered notification recorded as failed, any stalled
 * partition, and any figure that misses its target.
 */
class FaultInjectionSuite {

	static final String COMMAND = "./mvnw -pl notification-consumer -am verify -Pfaults";

	@Test
	void everyScenarioAccountsForEveryRecord() {
		String loadBefore = FaultReport.loadAverage();
		Instant started = Instant.now();
		FaultScenarios scenarios = new FaultScenarios(FaultScenarios.Sizes.FULL, false);
		String only = System.getProperty("faults.only", "");
		run(only, "kill", scenarios::killNineMidStream);
		run(only, "take-over", scenarios::twoInstancesOneKilled);
		run(only, "rolling", scenarios::rollingRestarts);
		run(only, "provider-5xx", scenarios::providerOutage);
		run(only, "429", scenarios::rateLimitStorms);
		run(only, "retry-after-400", scenarios::retryAfter400);
		run(only, "timeouts", scenarios::timeouts);
		run(only, "malformed", scenarios::malformedInterleaved);
		run(only, "broker", scenarios::brokerRestart);
		run(only, "mongo", scenarios::mongoOutage);
		String report = FaultReport.render(COMMAND + (only.isEmpty() ? "" : " -Dfaults.only=" + only), started,
				Duration.between(started, Instant.now()), scenarios.seed(), loadBefore, FaultReport.loadAverage(),
				scenarios.results());
		System.out.println(report);
		FaultReport.prepend(ServiceJar.moduleDirectory().resolve("faults").resolve("RESULTS.md"), report);
		List<String> problems = new ArrayList<>();
		scenarios.results()
			.forEach((result) -> result.problems().forEach((problem) -> problems.add(result.name() + ": " + problem)));
		assertThat(problems).as(report).isEmpty();
	}

	private static void run(String only, String name, Runnable scenario) {
		if (only.isEmpty() || List.of(only.split(",")).contains(name)) {
			scenario.run();
		}
	}

}
