package in.earlybird.notification.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * A JVM started by the harness, its output in a file: killed with {@code SIGKILL},
 * stopped with {@code SIGTERM}, or awaited.
 */
public final class JvmProcess implements AutoCloseable {

	private final Process process;

	private final Path log;

	private JvmProcess(Process process, Path log) {
		this.process = process;
		this.log = log;
	}

	static JvmProcess start(List<String> command, Map<String, String> environment, boolean inheritEnvironment,
			Path log) {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
		if (!inheritEnvironment) {
			builder.environment().clear();
		}
		builder.environment().putAll(environment);
		try {
			return new JvmProcess(builder.start(), log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + command, ex);
		}
	}

	/**
	 * Returns the operating system's process id.
	 * @return the pid
	 */
	public long pid() {
		return this.process.pid();
	}

	/**
	 * Returns how much CPU the process has used so far, from {@code /proc}.
	 * @return user plus system time
	 */
	public Duration cpuTime() {
		return cpuTimeOf(pid());
	}

	/**
	 * Returns how much CPU a process has used so far, from {@code /proc}.
	 * @param pid the process
	 * @return user plus system time
	 */
	public static Duration cpuTimeOf(long pid) {
		try {
			return cpuTime(Files.readString(Path.of("/proc", Long.toString(pid), "stat")));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read the CPU time of process " + pid, ex);
		}
	}

	/**
	 * Returns how much CPU the process's threads whose name matches have used so far,
	 * from {@code /proc/<pid>/task}. Threads that ended took their time with them.
	 * @param name which threads, by their name as Linux keeps it (15 characters at most)
	 * @return their user plus system time
	 */
	public Duration threadsCpuTime(Predicate<String> name) {
		Path tasks = Path.of("/proc", Long.toString(pid()), "task");
		Duration total = Duration.ZERO;
		try (Stream<Path> threads = Files.list(tasks)) {
			for (Path thread : threads.toList()) {
				String stat;
				try {
					stat = Files.readString(thread.resolve("stat"));
				}
				catch (IOException ex) {
					continue; // the thread ended meanwhile
				}
				if (name.test(stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')))) {
					total = total.plus(cpuTime(stat));
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read the threads of process " + pid(), ex);
		}
		return total;
	}

	/**
	 * The user plus system time in a {@code /proc} stat line, of a process or a thread.
	 */
	private static Duration cpuTime(String stat) {
		// Fields after the command name (which may hold spaces) start after ") ".
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
		// Linux reports /proc times in USER_HZ, 100 on every supported architecture.
		return Duration.ofMillis(ticks * 10);
	}

	/**
	 * Tells whether the process is still running.
	 * @return whether it is alive
	 */
	public boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * Returns the file that holds the process's output.
	 * @return the log file
	 */
	public Path log() {
		return this.log;
	}

	/**
	 * Returns what the process has printed so far.
	 * @return its output
	 */
	public String output() {
		try {
			return Files.readString(this.log, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			return "";
		}
	}

	/**
	 * Waits until the output holds a line that matches, or the process ends.
	 * @param line what to wait for
	 * @param timeout how long at most
	 * @return the first line that matched
	 * @throws IllegalStateException if the process ended first or the time ran out; its
	 * message ends with the last lines of the output, so that a build log shows why
	 */
	public String awaitOutput(Predicate<String> line, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			Optional<String> matched = output().lines().filter(line).findFirst();
			if (matched.isPresent()) {
				return matched.get();
			}
			if (!this.process.isAlive()) {
				throw new IllegalStateException("The process ended (exit " + this.process.exitValue()
						+ ") before printing what was awaited; see " + this.log + lastLines());
			}
			sleep(100);
		}
		throw new IllegalStateException(
				"Gave up after " + timeout + " waiting for output; see " + this.log + lastLines());
	}

	/**
	 * Returns the output's last lines, for a failure's message.
	 * @return a newline, then at most 30 lines
	 */
	String lastLines() {
		List<String> lines = output().lines().toList();
		return "\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
	}

	/**
	 * Kills the process at once, as {@code kill -9} would, and waits for it to be gone.
	 */
	public void kill() {
		this.process.destroyForcibly();
		waitFor(Duration.ofSeconds(30));
	}

	/**
	 * Asks the process to stop ({@code SIGTERM}) and waits for it.
	 * @param timeout how long it may take before it is killed
	 * @return its exit code
	 */
	public int stop(Duration timeout) {
		this.process.destroy();
		if (!waitFor(timeout)) {
			kill();
		}
		return this.process.exitValue();
	}

	/**
	 * Waits for the process to end by itself.
	 * @param timeout how long at most; then it is killed
	 * @return its exit code and output
	 */
	public Finished awaitExit(Duration timeout) {
		boolean ended = waitFor(timeout);
		if (!ended) {
			kill();
		}
		return new Finished(ended ? this.process.exitValue() : -1, !ended, output());
	}

	private boolean waitFor(Duration timeout) {
		try {
			return this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/**
	 * Sleeps, turning an interrupt into an unchecked failure (the interrupt flag stays
	 * set).
	 * @param millis how long
	 */
	static void sleep(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		if (this.process.isAlive()) {
			kill();
		}
	}

	/**
	 * How a process ended.
	 *
	 * @param exitCode its exit code, {@code -1} if it had to be killed
	 * @param timedOut whether it outlived its time and was killed
	 * @param output everything it printed
	 */
	public record Finished(int exitCode, boolean timedOut, String output) {
	}

}
