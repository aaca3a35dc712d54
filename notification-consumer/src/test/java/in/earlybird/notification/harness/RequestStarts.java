package in.earlybird.notification.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import in.earlybird.notification.sandbox.MyOperatorSandbox;

/**
 * When the service itself started each provider request, read from its log (the
 * {@code in.earlybird.notification.pacing} logger at TRACE, see
 * {@link #LOGGING_SETTING}). Against the provider's arrival times it separates what the
 * pacing did from what the way to the provider added.
 */
public final class RequestStarts {

	/** The environment variable, and its value, that makes an instance log its starts. */
	public static final Map<String, String> LOGGING_SETTING = Map.of("LOGGING_LEVEL_IN_EARLYBIRD_NOTIFICATION_PACING",
			"TRACE");

	/** The way to the provider the service's pacing allows for (its window margin). */
	private static final Duration LATE = Duration.ofMillis(30);

	private static final Pattern START = Pattern.compile("request start (\\S+) (\\S+)$");

	private final Map<String, Instant> starts;

	private RequestStarts(Map<String, Instant> starts) {
		this.starts = starts;
	}

	/**
	 * Reads the starts the instances logged.
	 * @param services the instances, started with {@link #LOGGING_SETTING}
	 * @return the starts, by {@code myop_ref_id}
	 */
	public static RequestStarts of(List<ServiceInstance> services) {
		Map<String, Instant> starts = new HashMap<>();
		for (ServiceInstance service : services) {
			try (var lines = Files.lines(service.process().log())) {
				lines.forEach((line) -> {
					Matcher matcher = START.matcher(line);
					if (matcher.find()) {
						starts.put(matcher.group(1), Instant.parse(matcher.group(2)));
					}
				});
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
		return new RequestStarts(starts);
	}

	/**
	 * Returns the starts as statistics over time.
	 * @return the busiest second and the like, of the starts
	 */
	public Arrivals asTimes() {
		return Arrivals.of(this.starts.values());
	}

	/**
	 * Writes one line per request the provider received: its {@code myop_ref_id}, when
	 * the service started it and when it arrived, to look into the way between them.
	 * @param file where to write
	 * @param arrivals what the provider received
	 */
	public void write(Path file, List<MyOperatorSandbox.Arrival> arrivals) {
		List<String> lines = new ArrayList<>();
		for (MyOperatorSandbox.Arrival arrival : arrivals) {
			lines.add(arrival.refId() + " " + this.starts.get(arrival.refId()) + " " + arrival.at());
		}
		ResultsFile.writeLines(file, lines);
	}

	/**
	 * Describes the busiest second of the starts, how long requests took to reach the
	 * provider, and how many of the provider's busiest second came late, e.g.
	 * {@code "the service's own starts: at most 80 in any 1 s; start → arrival p99 9.9 ms,
	 * max 46.4 ms; of the provider's busiest second, 2 started more than 30 ms before they
	 * arrived"}.
	 * @param arrivals what the provider received
	 * @return the description
	 */
	public String describe(List<MyOperatorSandbox.Arrival> arrivals) {
		List<Duration> delays = new ArrayList<>();
		Map<Instant, Duration> delayAt = new HashMap<>();
		for (MyOperatorSandbox.Arrival arrival : arrivals) {
			Instant start = this.starts.get(arrival.refId());
			if (start != null) {
				Duration delay = Duration.between(start, arrival.at());
				delays.add(delay);
				delayAt.merge(arrival.at(), delay, (one, other) -> (one.compareTo(other) > 0) ? one : other);
			}
		}
		if (delays.isEmpty()) {
			return "the service logged no request starts";
		}
		delays.sort(null);
		Duration p99 = delays.get(Math.min(delays.size() - 1, (int) Math.ceil(delays.size() * 0.99) - 1));
		long late = Arrivals.of(arrivals.stream().map(MyOperatorSandbox.Arrival::at).toList())
			.busiestSecond()
			.stream()
			.filter((at) -> delayAt.getOrDefault(at, Duration.ZERO).compareTo(LATE) > 0)
			.count();
		return String.format(Locale.ROOT,
				"the service's own starts: at most %d in any 1 s; start → arrival p99 %.1f ms, max %.1f ms; "
						+ "of the provider's busiest second, %d started more than %d ms before they arrived",
				asTimes().maxInAnySecond(), p99.toNanos() / 1e6, delays.getLast().toNanos() / 1e6, late,
				LATE.toMillis());
	}

}
