package in.earlybird.notification.retry;

import java.io.PrintStream;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import in.earlybird.notification.shared.Redaction;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.mongodb.autoconfigure.MongoAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * The SRE's replay command, run from the built jar:
 * {@code java -jar notification-consumer.jar replay [--from=…] [--to=…] [--type=…]
 * [--error-class=…] [--event-id=…] [--dry-run] [--rate=20] [--by=you]}. It starts only
 * what it uses (Kafka, and MongoDB for the audit trail), not the service: no listeners,
 * web server, security, provider client or templates, so it needs none of their settings.
 */
public final class ReplayCommand {

	static final String USAGE = """
			Usage: java -jar notification-consumer.jar replay [options]
			  --from=2026-11-24T00:00:00Z   only records that last failed at or after this instant
			  --to=2026-11-25T00:00:00Z     only records that last failed before this instant
			  --type=earlybird.delivery.scheduled   only this event type
			  --error-class=ProviderTransient       only this failure class (PoisonEvent, ProviderTransient,
			                                        ProviderRateLimited, ProviderConfiguration, ProcessingError)
			  --event-id=<id>               only this event
			  --dry-run                     list what would be replayed, move nothing
			  --list                        only inspect: counts by reason and masked samples, no audit record
			  --rate=20                     records per second at most (default 20)
			  --by=<name>                   who is replaying, for the audit trail (default $USER)
			Options take their value after = or a space (--rate=20, --rate 20).
			Connection settings come from the service's environment: KAFKA_BOOTSTRAP_SERVERS, MONGODB_URI
			(NOTIFICATION_RETRY_DEADLETTERTOPIC if the dead-letter topic is not notifications.dlt).
			Exit status: 0 done, 1 failed (e.g. Kafka or MongoDB unreachable), 2 bad arguments.
			""";

	private static final Set<String> FLAGS = Set.of("dry-run", "list");

	private static final Set<String> OPTIONS = Set.of("from", "to", "type", "error-class", "event-id", "rate", "by");

	private ReplayCommand() {
	}

	/**
	 * Runs the command.
	 * @param args the arguments after {@code replay}
	 * @param out where the report goes
	 * @return the process exit code: 0 done, 1 failed, 2 bad arguments
	 */
	public static int run(String[] args, PrintStream out) {
		Options options;
		try {
			options = Options.parse(args);
		}
		catch (IllegalArgumentException ex) {
			out.println(ex.getMessage());
			out.println(USAGE);
			return 2;
		}
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(ReplayContext.class)
			.web(WebApplicationType.NONE)
			// Defaults only: the environment (LOGGING_LEVEL_ROOT=info, say) still wins.
			.properties("spring.main.banner-mode=off", "spring.main.log-startup-info=false", "logging.level.root=warn")
			.run()) {
			DeadLetterReplayer replayer = context.getBean(DeadLetterReplayer.class);
			ReplayReport report = options.list() ? replayer.inspect(options.filter())
					: replayer.replay(options.filter(), options.dryRun(), options.rate(), options.by());
			print(report, options.list(), out);
			return 0;
		}
		catch (RuntimeException ex) {
			out.println("Replay failed: " + Redaction.safe(rootCause(ex)));
			return 1;
		}
	}

	private static String rootCause(Throwable error) {
		Throwable cause = error;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return (cause == error) ? String.valueOf(error.getMessage())
				: error.getMessage() + " (" + cause.getClass().getSimpleName() + ": " + cause.getMessage() + ")";
	}

	static void print(ReplayReport report, boolean listOnly, PrintStream out) {
		out.printf("%s %s: %d dead-lettered records read, %d matched, %d replayed%s%n",
				listOnly ? "Inspection" : report.dryRun() ? "Dry run" : "Replay", report.replayId(), report.scanned(),
				report.matched(), report.replayed(),
				(report.refused() > 0) ? ", " + report.refused() + " refused (too large for their topic with the"
						+ " replay's headers, or their whole value is gone; see the log)" : "");
		report.byReason().forEach((reason, count) -> out.printf("  %6d  %s%n", count, reason));
		for (DeadLetter deadLetter : report.records()) {
			out.printf("  %s-%d@%d  %s  %s  %s/%s  attempts=%s  last=%s%n    %s%n", deadLetter.originalTopic(),
					deadLetter.partition(), deadLetter.offset(), deadLetter.eventId(), deadLetter.eventType(),
					deadLetter.errorClass(), deadLetter.errorCode(), deadLetter.attempts(), deadLetter.lastFailureAt(),
					deadLetter.errorMessage());
			if (listOnly) {
				out.printf("    payload: %s%n", deadLetter.maskedPayload());
				if (deadLetter.wholeValueDigest() != null) {
					out.printf("    shortened: the whole value is in %s, _id %s%n", OversizedValues.COLLECTION,
							deadLetter.wholeValueDigest());
				}
			}
		}
	}

	/**
	 * What the command starts: Kafka's and MongoDB's auto-configuration (with SSL
	 * bundles, should the connections use them), the replayer and its settings. Not a
	 * {@code @Configuration}, so the service's component scan never picks it up, and no
	 * other auto-configuration: web, security, actuator, provider client and templates
	 * are never loaded, so none of their settings are needed.
	 */
	@ImportAutoConfiguration({ PropertyPlaceholderAutoConfiguration.class, SslAutoConfiguration.class,
			KafkaAutoConfiguration.class, MongoAutoConfiguration.class, DataMongoAutoConfiguration.class })
	@EnableConfigurationProperties(RetryProperties.class)
	@Import({ DeadLetterReplayer.class, OversizedValues.class })
	static class ReplayContext {

		@Bean
		Clock clock() {
			return Clock.systemUTC();
		}

	}

	/** Parsed command-line options. */
	record Options(ReplayFilter filter, boolean dryRun, boolean list, double rate, String by) {

		static Options parse(String[] args) {
			Map<String, String> values = new HashMap<>();
			for (int i = 0; i < args.length; i++) {
				String arg = args[i];
				if (!arg.startsWith("--")) {
					throw new IllegalArgumentException("Unexpected argument: " + arg);
				}
				String name = arg.substring(2);
				String value = null;
				int equals = name.indexOf('=');
				if (equals >= 0) {
					value = name.substring(equals + 1);
					name = name.substring(0, equals);
				}
				else if (OPTIONS.contains(name) && i + 1 < args.length && !args[i + 1].startsWith("--")) {
					value = args[++i];
				}
				if (FLAGS.contains(name) && value == null) {
					values.put(name, "true");
				}
				else if (OPTIONS.contains(name) && value != null && !value.isBlank()) {
					values.put(name, value);
				}
				else {
					throw new IllegalArgumentException("Unknown or incomplete option: " + arg);
				}
			}
			ReplayFilter filter = new ReplayFilter(instant(values.get("from"), "--from"),
					instant(values.get("to"), "--to"), values.get("type"), values.get("error-class"),
					values.get("event-id"));
			double rate;
			try {
				rate = Double.parseDouble(values.getOrDefault("rate", "20"));
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("--rate must be a number");
			}
			if (!(rate > 0)) {
				throw new IllegalArgumentException("--rate must be positive");
			}
			String by = values.getOrDefault("by", System.getProperty("user.name", "unknown"));
			return new Options(filter, values.containsKey("dry-run"), values.containsKey("list"), rate, by);
		}

		private static @Nullable Instant instant(@Nullable String value, String option) {
			if (value == null) {
				return null;
			}
			try {
				return Instant.parse(value);
			}
			catch (DateTimeParseException ex) {
				throw new IllegalArgumentException(
						option + " must be an ISO-8601 instant such as 2026-11-24T00:00:00Z");
			}
		}

	}

}
