package in.earlybird.notification.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * Gives the provider stand-in's receiving threads real-time priority, so that the moment
 * it stamps on a request is when the request arrived, not when the stand-in next got a
 * core.
 * <p>
 * The stand-in shares this 2-core machine with the service it measures, and MyOperator
 * does not. At 1,000/s on 2026-12-02 at normal priority it stamped 457 of 140,000
 * requests more than 30 ms after the service wrote them (11:12); with its receiving
 * threads at {@code SCHED_FIFO} priority 1, 2 of 140,000 (10:47) and 6 of 170,000
 * (11:20), start to stamp p99 1.8 ms instead of 14.7 ms. A late stamp moves a request
 * into a later second, so it showed as a busiest second over the limit that the service
 * did not send: 1,012 at normal priority, 1,000 at real-time, the service's own starts at
 * most 1,000 in all three (benchmark/RESULTS.md). The service keeps normal priority: only
 * the instrument is raised.
 * <p>
 * The JDK's HTTP server receives on its {@code HTTP-Dispatcher} thread and hands each
 * request to a handler thread that this dispatcher starts; Linux threads start with the
 * policy of the thread that starts them, so raising the dispatcher raises both. Raising
 * takes {@code chrt} (util-linux) and the right to do so (root, or {@code CAP_SYS_NICE});
 * without them the stand-in runs at normal priority and the benchmark's report says so.
 * {@code -Dharness.provider-priority=normal} leaves it there.
 */
public final class ProviderPriority {

	/**
	 * The system property that chooses: {@code realtime} (the default) or {@code normal}.
	 */
	static final String PROPERTY = "harness.provider-priority";

	/** {@code SCHED_FIFO}, as {@code /proc/…/stat} gives a thread's policy. */
	static final int FIFO = 1;

	private static final Set<String> outcomes = new LinkedHashSet<>();

	private ProviderPriority() {
	}

	/**
	 * Starts something and raises the threads with the given name that it started, if the
	 * setting asks for it.
	 * @param <T> what is started
	 * @param threadName the threads' name, as the kernel knows it (at most 15 characters)
	 * @param start starts it
	 * @return what was started
	 */
	public static <T> T raiseWhatStarts(String threadName, Supplier<T> start) {
		Set<Long> before = threadsNamed(threadName);
		T started = start.get();
		record(raise(newThreads(threadName, before), System.getProperty(PROPERTY, "realtime")));
		return started;
	}

	/**
	 * A thread has its name for the kernel once it runs, which can be a little after it
	 * was started: waits up to 5 s for it.
	 */
	private static Set<Long> newThreads(String threadName, Set<Long> before) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
		while (true) {
			Set<Long> threads = threadsNamed(threadName);
			threads.removeAll(before);
			if (!threads.isEmpty() || System.nanoTime() - deadline > 0) {
				return threads;
			}
			try {
				Thread.sleep(10);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return threads;
			}
		}
	}

	/**
	 * Says at what priority the stand-ins of this JVM received, for a report.
	 * @return e.g. {@code real-time (SCHED_FIFO 1)}
	 */
	public static synchronized String describe() {
		return outcomes.isEmpty() ? "no stand-in started" : String.join("; ", outcomes);
	}

	private static synchronized void record(String outcome) {
		outcomes.add(outcome);
	}

	/**
	 * Raises the given threads to {@code SCHED_FIFO} priority 1.
	 * @param threads their ids
	 * @param setting {@code realtime} or {@code normal}
	 * @return what happened, for a report
	 */
	static String raise(Set<Long> threads, String setting) {
		switch (setting.toLowerCase(Locale.ROOT)) {
			case "normal" -> {
				return "normal (-D" + PROPERTY + "=normal)";
			}
			case "realtime" -> {
				// raised below
			}
			default ->
				throw new IllegalArgumentException("-D" + PROPERTY + " is realtime or normal, not '" + setting + "'");
		}
		if (threads.isEmpty()) {
			return "normal (no receiving thread found to raise)";
		}
		for (long thread : threads) {
			String failure = chrt(thread);
			if (failure != null) {
				return "normal (raising it failed: " + failure + ")";
			}
		}
		return "real-time (SCHED_FIFO 1) for its receiving threads";
	}

	private static @Nullable String chrt(long thread) {
		try {
			Process chrt = new ProcessBuilder("chrt", "--fifo", "--pid", "1", Long.toString(thread))
				.redirectErrorStream(true)
				.start();
			String output = new String(chrt.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
			if (!chrt.waitFor(10, TimeUnit.SECONDS)) {
				chrt.destroyForcibly();
				return "chrt did not finish";
			}
			if (chrt.exitValue() != 0) {
				return "chrt exited with " + chrt.exitValue() + (output.isEmpty() ? "" : ": " + output);
			}
			return (policy(thread) == FIFO) ? null : "chrt succeeded but the thread's policy did not change";
		}
		catch (IOException ex) {
			return "chrt: " + ex.getMessage();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "interrupted";
		}
	}

	/**
	 * Returns the ids of this process's threads with the given name.
	 * @param name as the kernel knows it
	 * @return their ids; none where there is no {@code /proc}
	 */
	static Set<Long> threadsNamed(String name) {
		Set<Long> threads = new LinkedHashSet<>();
		Path tasks = Path.of("/proc/self/task");
		if (!Files.isDirectory(tasks)) {
			return threads;
		}
		List<Path> all;
		try (var listing = Files.list(tasks)) {
			all = listing.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		for (Path task : all) {
			try {
				if (Files.readString(task.resolve("comm")).strip().equals(name)) {
					threads.add(Long.parseLong(task.getFileName().toString()));
				}
			}
			catch (NoSuchFileException ex) {
				// The thread ended while we looked.
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return threads;
	}

	/**
	 * Returns a thread's scheduling policy.
	 * @param thread its id in this process
	 * @return e.g. {@link #FIFO}; 0 is normal
	 * @throws IOException if it cannot be read (the thread has ended)
	 */
	static int policy(long thread) throws IOException {
		String stat = Files.readString(Path.of("/proc/self/task", Long.toString(thread), "stat"));
		// After the name in parentheses (which may hold anything), fields 3 onwards;
		// the policy is field 41.
		String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
		return Integer.parseInt(fields[41 - 3]);
	}

}
