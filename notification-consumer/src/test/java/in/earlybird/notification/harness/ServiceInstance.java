package in.earlybird.notification.harness;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * One service instance started from the jar: its process, its HTTP port, and what an SRE
 * would look at (readiness, CPU time, heap).
 */
public final class ServiceInstance implements AutoCloseable {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final String name;

	private final JvmProcess process;

	private final int httpPort;

	ServiceInstance(String name, JvmProcess process, int httpPort) {
		this.name = name;
		this.process = process;
		this.httpPort = httpPort;
	}

	/**
	 * Returns the instance's name.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Returns the process.
	 * @return the process
	 */
	public JvmProcess process() {
		return this.process;
	}

	/**
	 * Returns the address of the instance's HTTP server.
	 * @return e.g. {@code http://localhost:41234}
	 */
	public URI baseUrl() {
		return URI.create("http://localhost:" + this.httpPort);
	}

	/**
	 * Waits until {@code /readyz} answers 200.
	 * @param timeout how long at most
	 */
	public void awaitReady(Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (!this.process.isAlive()) {
				throw new IllegalStateException("Service " + this.name + " exited while starting; see "
						+ this.process.log() + this.process.lastLines());
			}
			if (get("/readyz") == 200) {
				return;
			}
			JvmProcess.sleep(250);
		}
		throw new IllegalStateException("Service " + this.name + " was not ready within " + timeout + "; see "
				+ this.process.log() + this.process.lastLines());
	}

	/**
	 * Returns how much CPU the process has used so far.
	 * @return user plus system time
	 */
	public Duration cpuTime() {
		return this.process.cpuTime();
	}

	/**
	 * Returns the CPU time the JIT's compiler threads have used so far, from
	 * {@code /proc/<pid>/task/*}{@code /stat}: while it still grows fast, the service is
	 * not warm. (The JVM's own {@code java.ci.totalTime} counts compiling time on the
	 * wall clock, which on a busy machine includes waiting for a core: at 1,000/s it gave
	 * 0.32-0.37 of a core where the compiler threads' CPU time, in a run of the same
	 * scenario, gave 0.17.) Linux only.
	 * @return the compiler threads' user plus system time
	 */
	public Duration jitTime() {
		return this.process
			.threadsCpuTime((name) -> name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre"));
	}

	/**
	 * Returns the bytes of live objects in the process's heap, as a full garbage
	 * collection leaves them: {@code jcmd GC.class_histogram} collects and then counts.
	 * (The heap "used" just after a {@code GC.run} also counts whatever the busy process
	 * allocated in between.)
	 * @return live heap bytes
	 */
	public long heapAfterGc() {
		String histogram = run(List.of(jcmd(), Long.toString(this.process.pid()), "GC.class_histogram"));
		// ends with e.g. "Total 1334412 61234568"
		for (String line : histogram.lines().toList()) {
			String[] fields = line.trim().split("\\s+");
			if (fields.length == 3 && fields[0].equals("Total")) {
				return Long.parseLong(fields[2]);
			}
		}
		throw new IllegalStateException("No total in the class histogram: " + histogram.lines().limit(5).toList());
	}

	/**
	 * Returns the instance's Prometheus scrape (the harness opens the endpoint).
	 * @return the exposition text, empty if it cannot be read
	 */
	public String metrics() {
		try {
			return HTTP
				.send(HttpRequest.newBuilder(baseUrl().resolve("/actuator/prometheus"))
					.timeout(Duration.ofSeconds(10))
					.build(), HttpResponse.BodyHandlers.ofString())
				.body();
		}
		catch (IOException ex) {
			return "";
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return "";
		}
	}

	/**
	 * Returns the mean of a summary in the Prometheus scrape, per value of a tag.
	 * @param name the summary's name, e.g. {@code notification_batch_size}
	 * @param tag the tag, e.g. {@code batch}
	 * @return the mean per tag value
	 */
	public java.util.Map<String, Double> summaryMeans(String name, String tag) {
		java.util.Map<String, Double> counts = new java.util.TreeMap<>();
		java.util.Map<String, Double> sums = new java.util.TreeMap<>();
		java.util.regex.Pattern line = java.util.regex.Pattern
			.compile(name + "_(count|sum)\\{.*?" + tag + "=\"([^\"]+)\".*?\\} ([0-9.eE+-]+)");
		for (String text : metrics().lines().toList()) {
			java.util.regex.Matcher matcher = line.matcher(text);
			if (matcher.find()) {
				(matcher.group(1).equals("count") ? counts : sums).put(matcher.group(2),
						Double.parseDouble(matcher.group(3)));
			}
		}
		java.util.Map<String, Double> means = new java.util.TreeMap<>();
		counts.forEach((value, count) -> means.put(value, (count > 0) ? sums.getOrDefault(value, 0.0) / count : 0));
		return means;
	}

	/** Kills the process at once ({@code kill -9}). */
	public void kill() {
		this.process.kill();
	}

	/**
	 * Stops the process as Kubernetes would ({@code SIGTERM}).
	 * @param timeout how long it may take
	 * @return its exit code
	 */
	public int stop(Duration timeout) {
		return this.process.stop(timeout);
	}

	int get(String path) {
		try {
			return HTTP
				.send(HttpRequest.newBuilder(baseUrl().resolve(path)).timeout(Duration.ofSeconds(2)).build(),
						HttpResponse.BodyHandlers.discarding())
				.statusCode();
		}
		catch (IOException ex) {
			return -1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return -1;
		}
	}

	private static String jcmd() {
		return Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
	}

	private static String run(List<String> command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
			String output = new String(process.getInputStream().readAllBytes());
			process.waitFor();
			return output;
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not run " + command, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() {
		this.process.close();
	}

}
