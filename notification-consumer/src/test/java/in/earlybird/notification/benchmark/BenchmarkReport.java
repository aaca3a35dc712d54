package in.earlybird.notification.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import in.earlybird.notification.harness.Accounting;
import in.earlybird.notification.harness.ProviderPriority;
import in.earlybird.notification.harness.ResultsFile;
import in.earlybird.notification.harness.ServiceJar;
import in.earlybird.notification.harness.WireCapture;

/**
 * Writes a benchmark run down: when, on what machine under what load, with which command,
 * and every row with its target and its reference from the same run.
 */
final class BenchmarkReport {

	private BenchmarkReport() {
	}

	static String render(String command, Instant started, Duration took, String loadBefore, String loadAfter,
			List<ThroughputScenarios.Row> rows, Map<String, Accounting> accountings) {
		StringBuilder report = new StringBuilder();
		report.append("## ").append(started.truncatedTo(ChronoUnit.SECONDS)).append("\n\n");
		report.append("- command: `").append(command).append("`\n");
		report.append("- machine: ")
			.append(Runtime.getRuntime().availableProcessors())
			.append(" cores, ")
			.append(memory())
			.append(", ")
			.append(System.getProperty("java.vm.name"))
			.append(' ')
			.append(System.getProperty("java.version"))
			.append("\n");
		report.append("- the service's JVM, as a pod's: `")
			.append(String.join(" ", ServiceJar.podJvmOptions()))
			.append("`\n");
		report.append("- the provider stand-in: ").append(ProviderPriority.describe()).append("\n");
		report.append("- arrival times: ").append(WireCapture.describe()).append("\n");
		report.append("- load average (1/5/15 min) before: ")
			.append(loadBefore)
			.append(", after: ")
			.append(loadAfter)
			.append("\n");
		report.append("- took ").append(took.toMinutes()).append(" min ").append(took.toSecondsPart()).append(" s\n\n");
		report.append("| what | target | measured | reference in the same run | met |\n|---|---|---|---|---|\n");
		for (ThroughputScenarios.Row row : rows) {
			report.append(ResultsFile.row(row.met(), row.what(), row.target(), row.measured(), row.reference()));
		}
		report.append("\nEvery event accounted for:\n\n");
		accountings.forEach((scenario, accounting) -> report.append(accounting.table(scenario)).append('\n'));
		return report.toString();
	}

	static void append(Path file, String report) {
		ResultsFile.prepend(file, HEADER, report);
	}

	private static String memory() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
				if (line.startsWith("MemTotal:")) {
					long kb = Long.parseLong(line.replaceAll("\\D", ""));
					return (kb / 1024 / 1024) + " GiB";
				}
			}
		}
		catch (IOException ex) {
			// Not Linux: leave it out.
		}
		return "memory unknown";
	}

	private static final String HEADER = """
			# Throughput benchmark results

			Written by `ThroughputBenchmark` (see the README's "Performance" section for the command).
			Newest run first. Each run starts the service jar in its own JVM (full JIT), Kafka and
			MongoDB (the embedded stack) in JVMs of their own, and the MyOperator sandbox, which records
			when every request arrived. Figures on a shared machine drift: read each one against the
			reference measured in the same run.
			""";

}
