package in.earlybird.notification.benchmark;

import java.time.Duration;
import java.time.Instant;

import in.earlybird.notification.harness.ResultsFile;
import in.earlybird.notification.harness.ScenarioSelection;
import in.earlybird.notification.harness.ServiceJar;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The throughput benchmark: every row of the throughput issue's table, each scenario on a
 * fresh stack with the service jar in its own JVM. Not part of {@code ./mvnw verify}
 * (Failsafe runs it only with {@code -Pbenchmark}); prints the table and puts it at the
 * top of {@code notification-consumer/benchmark/RESULTS.md}. It fails only when the
 * accounting finds an event lost or sent twice: targets are reported, not asserted.
 */
class ThroughputBenchmark {

	static final String COMMAND = "./mvnw -pl notification-consumer -am verify -Pbenchmark";

	@Test
	void measuresEveryRow() {
		String loadBefore = ResultsFile.loadAverage();
		Instant started = Instant.now();
		ThroughputScenarios scenarios = new ThroughputScenarios(ThroughputScenarios.Sizes.FULL);
		ScenarioSelection selection = ScenarioSelection.fromProperty("benchmark.only");
		String only = selection.only();
		selection.run("rate80", () -> scenarios.atRateLimit(80, ThroughputScenarios.Sizes.FULL.rateEvents()));
		selection.run("rate1000", () -> scenarios.atRateLimit(1000, ThroughputScenarios.Sizes.FULL.fastRateEvents()));
		selection.run("isolation", scenarios::heavyAndHangingCustomers);
		selection.run("pair-rate", scenarios::recipientLimited);
		selection.run("latency", scenarios::latency);
		selection.run("drain", scenarios::rawDrain);
		selection.run("heap", scenarios::heapUnderBacklog);
		selection.run("two-instances", scenarios::twoInstances);
		// Options that change what is measured are part of the command, so a run with
		// them is never read as one without.
		String command = COMMAND + (only.isEmpty() ? "" : " -Dbenchmark.only=" + only)
				+ option("benchmark.service-jvm-options") + option("harness.mongo-jvm-options")
				+ option("harness.cpu-hog") + option("harness.provider-priority") + option("harness.wire-capture")
				+ option("benchmark.log-starts") + option("benchmark.extra-settings");
		String report = BenchmarkReport.render(command, started, Duration.between(started, Instant.now()), loadBefore,
				ResultsFile.loadAverage(), scenarios.rows(), scenarios.accountings());
		System.out.println(report);
		BenchmarkReport.append(ServiceJar.moduleDirectory().resolve("benchmark").resolve("RESULTS.md"), report);
		assertThat(scenarios.accountings()).allSatisfy((scenario, accounting) -> {
			assertThat(accounting.addsUp()).as(scenario + " adds up").isTrue();
			assertThat(accounting.sentMoreThanOnce()).as(scenario + " duplicates").isZero();
			assertThat(accounting.neverSent()).as(scenario + " lost").isZero();
		});
	}

	private static String option(String property) {
		String value = System.getProperty(property, "").trim();
		return value.isEmpty() ? "" : " \"-D" + property + "=" + value + "\"";
	}

}
