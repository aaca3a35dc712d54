package in.earlybird.notification.benchmark;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The benchmark's harness at tiny sizes, inside {@code ./mvnw verify}: the jar starts in
 * its own JVM against Kafka and MongoDB in theirs, the scenarios run, and every published
 * event is accounted for exactly once. Figures at these sizes mean nothing and are not
 * checked.
 */
class ThroughputBenchmarkProcessTests {

	@Test
	void runsTheScenariosAndAccountsForEveryEvent() {
		ThroughputScenarios scenarios = new ThroughputScenarios(ThroughputScenarios.Sizes.SMOKE);
		scenarios.atRateLimit(80, ThroughputScenarios.Sizes.SMOKE.rateEvents());
		scenarios.rawDrain();
		assertThat(scenarios.rows()).isNotEmpty();
		assertThat(scenarios.accountings()).hasSize(2).allSatisfy((scenario, accounting) -> {
			assertThat(accounting.addsUp()).as(scenario + " adds up").isTrue();
			assertThat(accounting.eventsIn()).isPositive();
			assertThat(accounting.sentOnce()).as(scenario + " sent once").isEqualTo(accounting.eventsIn());
		});
	}

}
