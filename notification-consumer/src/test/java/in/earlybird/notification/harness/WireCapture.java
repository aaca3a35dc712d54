package in.earlybird.notification.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import in.earlybird.notification.sandbox.MyOperatorSandbox;
import org.jspecify.annotations.Nullable;

/**
 * Stamps the provider requests with the moment they arrived on the wire: a packet capture
 * of loopback ({@code tcpdump}) beside the provider stand-in, read when the scenario has
 * sent everything.
 * <p>
 * The stand-in stamps a request when one of its threads gets to it, in the harness's JVM,
 * on a 2-core machine shared with the service, Kafka, MongoDB and the publisher. Even at
 * real-time priority ({@link ProviderPriority}) that was up to 75 ms late at 1,000/s on
 * 2026-12-02 (15:25, right after the harness's garbage collector began to move objects):
 * 20 requests the service wrote within the limit were stamped into the next second, a
 * busiest second of 1,014 that the service's own starts (at most 1,000) and the wire did
 * not have. The kernel stamps a segment as it passes loopback, whatever any JVM is doing;
 * MyOperator's front end would see that moment plus the network's own delay.
 * <p>
 * Capturing takes {@code tcpdump} and the right to capture (root, or
 * {@code CAP_NET_RAW}). Without them, or with {@code -Dharness.wire-capture=off}, the
 * stand-in's own stamps are used and the benchmark's report says so.
 */
public final class WireCapture implements AutoCloseable {

	/** The system property that chooses: {@code auto} (the default) or {@code off}. */
	static final String PROPERTY = "harness.wire-capture";

	private static final Pattern DROPPED = Pattern.compile("(\\d+) packets? dropped by kernel");

	private static final Set<String> outcomes = new LinkedHashSet<>();

	private final @Nullable Process tcpdump;

	private final String name;

	private final Path file;

	private final int port;

	private final String unavailable;

	private final StringBuilder messages = new StringBuilder();

	private @Nullable List<PcapRequests.Request> requests;

	private WireCapture(@Nullable Process tcpdump, String name, Path file, int port, String unavailable) {
		this.tcpdump = tcpdump;
		this.name = name;
		this.file = file;
		this.port = port;
		this.unavailable = unavailable;
	}

	/**
	 * Starts capturing what is sent to a port on loopback, if the setting and the machine
	 * allow it; waits until the capture is listening.
	 * @param name the scenario's name, for the report
	 * @param file where the capture goes (deleted on {@link #close()})
	 * @param port the provider stand-in's port
	 * @return the capture, which may be one that captures nothing
	 */
	public static WireCapture start(String name, Path file, int port) {
		String setting = System.getProperty(PROPERTY, "auto").toLowerCase(Locale.ROOT);
		switch (setting) {
			case "off" -> {
				return new WireCapture(null, name, file, port, "-D" + PROPERTY + "=off");
			}
			case "auto" -> {
				// started below
			}
			default -> throw new IllegalArgumentException("-D" + PROPERTY + " is auto or off, not '" + setting + "'");
		}
		// Segments to the port that carry data (an empty ACK is 52-66 bytes); a snapshot
		// long enough for a whole request; a large buffer, so that a busy second loses
		// nothing; each packet handed over and written as it comes (--immediate-mode,
		// -U), so that stopping loses nothing: without them the last second's packets
		// wait in the kernel's buffer, and a stop drops them.
		List<String> command = List.of("tcpdump", "-i", "lo", "-n", "--immediate-mode", "-U", "-s", "4096", "-B",
				"32768", "--time-stamp-precision=nano", "-w", file.toString(),
				"tcp dst port " + port + " and greater 100");
		Process process;
		try {
			process = new ProcessBuilder(command).redirectErrorStream(true).start();
		}
		catch (IOException ex) {
			return new WireCapture(null, name, file, port, "no tcpdump: " + ex.getMessage());
		}
		WireCapture capture = new WireCapture(process, name, file, port, "");
		CompletableFuture<Boolean> listening = new CompletableFuture<>();
		Thread.ofPlatform().daemon().name("tcpdump-output").start(() -> capture.readOutput(listening));
		boolean started;
		try {
			started = listening.get(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			started = false;
		}
		catch (ExecutionException | TimeoutException ex) {
			// It never said it was listening: its output, below, says why.
			started = false;
		}
		if (!started) {
			process.destroyForcibly();
			return new WireCapture(null, name, file, port,
					"tcpdump did not start: " + capture.messages().replaceAll("\\s+", " ").trim());
		}
		Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
		return capture;
	}

	private void readOutput(CompletableFuture<Boolean> listening) {
		try (BufferedReader output = new BufferedReader(
				new InputStreamReader(this.tcpdump.getInputStream(), StandardCharsets.UTF_8))) {
			String line;
			while ((line = output.readLine()) != null) {
				synchronized (this.messages) {
					this.messages.append(line).append('\n');
				}
				if (line.contains("listening on")) {
					listening.complete(true);
				}
			}
		}
		catch (IOException ex) {
			// The process ended.
		}
		listening.complete(false);
	}

	private String messages() {
		synchronized (this.messages) {
			return this.messages.toString();
		}
	}

	/**
	 * Tells whether this capture stamps requests.
	 * @return {@code false} if the stand-in's own stamps are used
	 */
	public boolean isCapturing() {
		return this.tcpdump != null;
	}

	/**
	 * Gives each arrival the moment it came on the wire: call once everything was sent.
	 * The first call stops the capture. A request that the capture does not hold (the
	 * kernel dropped it) keeps the stand-in's stamp, and the report says how many did.
	 * @param arrivals what the stand-in received, in its order
	 * @return the same arrivals, stamped from the capture
	 */
	public synchronized List<MyOperatorSandbox.Arrival> restamp(List<MyOperatorSandbox.Arrival> arrivals) {
		if (this.tcpdump == null) {
			record(this.name + ": the stand-in's own stamps (" + this.unavailable + ")");
			return arrivals;
		}
		List<PcapRequests.Request> captured = captured();
		Map<String, ArrayDeque<Instant>> byRefId = new HashMap<>();
		for (PcapRequests.Request request : captured) {
			byRefId.computeIfAbsent(request.refId(), (refId) -> new ArrayDeque<>()).add(request.at());
		}
		List<MyOperatorSandbox.Arrival> restamped = new ArrayList<>(arrivals.size());
		int missing = 0;
		for (MyOperatorSandbox.Arrival arrival : arrivals) {
			ArrayDeque<Instant> times = byRefId.get(arrival.refId());
			Instant at = (times != null) ? times.poll() : null;
			if (at == null) {
				missing++;
				restamped.add(arrival);
			}
			else {
				restamped
					.add(new MyOperatorSandbox.Arrival(arrival.refId(), arrival.number(), at, arrival.messageId()));
			}
		}
		record(this.name + ": on the wire, " + (arrivals.size() - missing) + " of " + arrivals.size()
				+ " requests found in a capture of loopback (tcpdump)" + dropped());
		return restamped;
	}

	private List<PcapRequests.Request> captured() {
		if (this.requests == null) {
			stop();
			this.requests = Files.exists(this.file) ? PcapRequests.read(this.file, this.port) : List.of();
		}
		return this.requests;
	}

	private String dropped() {
		Matcher matcher = DROPPED.matcher(messages());
		return (matcher.find() && !"0".equals(matcher.group(1)))
				? "; the kernel dropped " + matcher.group(1) + " packets" : "";
	}

	private void stop() {
		Process process = this.tcpdump;
		if (process == null || !process.isAlive()) {
			return;
		}
		// SIGTERM: tcpdump writes what it holds, counts what it dropped and ends.
		process.destroy();
		try {
			if (!process.waitFor(10, TimeUnit.SECONDS)) {
				process.destroyForcibly();
			}
			// Its last words (the counts) come after it ended.
			Thread.sleep(100);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Says where the arrival times of this JVM's scenarios came from, for a report.
	 * @return e.g. {@code rate-1000: on the wire, 170000 of 170000 requests found in a
	 * capture of loopback (tcpdump)}
	 */
	public static synchronized String describe() {
		return outcomes.isEmpty() ? "no scenario read them" : String.join("; ", outcomes);
	}

	private static synchronized void record(String outcome) {
		outcomes.add(outcome);
	}

	@Override
	public void close() {
		stop();
		try {
			Files.deleteIfExists(this.file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
