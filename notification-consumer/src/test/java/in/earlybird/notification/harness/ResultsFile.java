package in.earlybird.notification.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * A Markdown file of runs kept in the repository (the benchmark's, the fault suite's):
 * newest run first under a fixed header, each run a {@code ## } section that says the
 * machine's load, so that a figure can be read against its conditions.
 */
public final class ResultsFile {

	private ResultsFile() {
	}

	/**
	 * Puts a run's report at the top of the file, below its header.
	 * @param file the file, created with {@code header} if missing
	 * @param header what the file says first
	 * @param report the run, starting with a {@code ## } heading
	 */
	public static void prepend(Path file, String header, String report) {
		try {
			Files.createDirectories(file.getParent());
			String existing = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : header;
			int firstRun = existing.indexOf("\n## ");
			String updated = (firstRun < 0) ? existing + "\n" + report
					: existing.substring(0, firstRun + 1) + report + "\n" + existing.substring(firstRun + 1);
			Files.writeString(file, updated, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Writes a run's raw data beside its report, one item per line, for a closer look
	 * (arrival times, request starts, latencies).
	 * @param file where to write
	 * @param lines the lines
	 */
	public static void writeLines(Path file, List<String> lines) {
		try {
			Files.write(file, lines, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Returns the machine's load averages over 1, 5 and 15 minutes.
	 * @return e.g. {@code 1.20 / 0.90 / 0.75}
	 */
	public static String loadAverage() {
		try {
			String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
			return fields[0] + " / " + fields[1] + " / " + fields[2];
		}
		catch (IOException ex) {
			return String.format(Locale.ROOT, "%.2f",
					ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
		}
	}

	/**
	 * Renders one row of a Markdown table, a target that was missed in bold.
	 * @param met whether the row's target was met
	 * @param cells the cells before the "met" column
	 * @return the row, with its line end
	 */
	public static String row(boolean met, String... cells) {
		return "| " + String.join(" | ", cells) + " | " + (met ? "yes" : "**no**") + " |\n";
	}

}
