package in.earlybird.notification.reliability;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import in.earlybird.notification.harness.ResultsFile;
import in.earlybird.notification.harness.ScenarioSelection;
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
		String loadBefore = ResultsFile.loadAverage();
		Instant started = Instant.now();
		FaultScenarios scenarios = new FaultScenarios(FaultScenarios.Sizes.FULL, false);
		ScenarioSelection selection = ScenarioSelection.fromProperty("faults.only");
		String only = selection.only();
		selection.run("kill", scenarios::killNineMidStream);
		selection.run("take-over", scenarios::twoInstancesOneKilled);
		selection.run("rolling", scenarios::rollingRestarts);
		selection.run("provider-5xx", scenarios::providerOutage);
		selection.run("429", scenarios::rateLimitStorms);
		selection.run("retry-after-400", scenarios::retryAfter400);
		selection.run("timeouts", scenarios::timeouts);
		selection.run("malformed", scenarios::malformedInterleaved);
		selection.run("broker", scenarios::brokerRestart);
		selection.run("mongo", scenarios::mongoOutage);
		String report = FaultReport.render(COMMAND + (only.isEmpty() ? "" : " -Dfaults.only=" + only), started,
				Duration.between(started, Instant.now()), scenarios.seed(), loadBefore, ResultsFile.loadAverage(),
				scenarios.results());
		System.out.println(report);
		FaultReport.prepend(ServiceJar.moduleDirectory().resolve("faults").resolve("RESULTS.md"), report);
		List<String> problems = new ArrayList<>();
		scenarios.results()
			.forEach((result) -> result.problems().forEach((problem) -> problems.add(result.name() + ": " + problem)));
		assertThat(problems).as(report).isEmpty();
	}

}
