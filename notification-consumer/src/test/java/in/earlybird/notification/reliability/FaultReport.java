package in.earlybird.notification.reliability;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import in.earlybird.notification.harness.ResultsFile;

/**
 * Renders the fault suite's results as Markdown: per scenario, its figures, its
 * accounting and what went wrong; and keeps them, newest first, in
 * {@code notification-consumer/faults/RESULTS.md}.
 */
final class FaultReport {

	private FaultReport() {
	}

	static String render(String command, Instant started, Duration took, long seed, String loadBefore, String loadAfter,
			List<FaultScenarios.ScenarioResult> results) {
		StringBuilder report = new StringBuilder();
		report.append("## ").append(started.truncatedTo(ChronoUnit.SECONDS)).append("\n\n");
		report.append("- command: `").append(command).append("`\n");
		report.append("- machine: ")
			.append(Runtime.getRuntime().availableProcessors())
			.append(" cores, ")
			.append(System.getProperty("java.vm.name"))
			.append(' ')
			.append(System.getProperty("java.version"))
			.append("; load average before ")
			.append(loadBefore)
			.append(", after ")
			.append(loadAfter)
			.append("\n");
		report.append("- random seed ").append(seed).append("; took ").append(minutes(took)).append("\n\n");
		for (FaultScenarios.ScenarioResult result : results) {
			List<String> problems = result.problems();
			report.append("### ").append(result.name()).append("\n\n");
			report.append(problems.isEmpty() ? "Passed" : "**Failed**")
				.append(" in ")
				.append(minutes(result.took()))
				.append(".\n\n");
			if (!result.figures().isEmpty()) {
				report.append("| figure | target | measured | met |\n|---|---|---|---|\n");
				for (FaultScenarios.Figure figure : result.figures()) {
					report.append(ResultsFile.row(figure.met(), figure.what(), figure.target(), figure.measured()));
				}
				report.append('\n');
			}
			report.append(result.accounting().table("accounting"));
			report.append("| stalled partitions | ").append(result.stalled().size()).append(" |\n\n");
			for (String problem : problems) {
				report.append("- **").append(problem).append("**\n");
			}
			if (!problems.isEmpty()) {
				report.append('\n');
			}
		}
		return report.toString();
	}

	static void prepend(Path file, String report) {
		ResultsFile.prepend(file, HEADER, report);
	}

	private static String minutes(Duration duration) {
		return duration.toMinutes() + " min " + duration.toSecondsPart() + " s";
	}

	private static final String HEADER = """
			# Fault-injection suite results

			Written by `FaultInjectionSuite` (README.md, "Failures, the delay topic and the dead-letter
			topic", has the command). Newest run first. Each scenario starts Kafka and MongoDB in JVMs of
			their own and the service jar in one (or two) more, injects its fault while events flow, and
			accounts for every record from the outside: the sandbox's requests by `myop_ref_id`, history
			in MongoDB, the dead-letter topic, and the consumer groups' committed offsets.
			""";

}
