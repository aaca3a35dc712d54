package in.earlybird.notification.retry;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Parsing the replay command's options. */
class ReplayCommandTests {

	@Test
	void parsesEveryFilterAndFlag() {
		ReplayCommand.Options options = ReplayCommand.Options.parse(new String[] { "--from=2026-11-24T00:00:00Z",
				"--to=2026-11-25T00:00:00Z", "--type=earlybird.bill.generated", "--error-class=ProviderTransient",
				"--event-id=e-1", "--dry-run", "--rate=5", "--by=asha" });
		assertThat(options.filter()).isEqualTo(new ReplayFilter(Instant.parse("2026-11-24T00:00:00Z"),
				Instant.parse("2026-11-25T00:00:00Z"), "earlybird.bill.generated", "ProviderTransient", "e-1"));
		assertThat(options.dryRun()).isTrue();
		assertThat(options.list()).isFalse();
		assertThat(options.rate()).isEqualTo(5.0);
		assertThat(options.by()).isEqualTo("asha");
	}

	@Test
	void takesAnOptionsValueAfterASpaceToo() {
		ReplayCommand.Options options = ReplayCommand.Options.parse(new String[] { "--from", "2026-11-24T00:00:00Z",
				"--error-class", "ProviderTransient", "--dry-run", "--rate", "5" });
		assertThat(options.filter())
			.isEqualTo(new ReplayFilter(Instant.parse("2026-11-24T00:00:00Z"), null, null, "ProviderTransient", null));
		assertThat(options.dryRun()).isTrue();
		assertThat(options.rate()).isEqualTo(5.0);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ReplayCommand.Options.parse(new String[] { "--type", "--dry-run" }))
			.withMessageContaining("--type");
	}

	@Test
	void defaultsToAllRecordsAtTwentyPerSecond() {
		ReplayCommand.Options options = ReplayCommand.Options.parse(new String[0]);
		assertThat(options.filter()).isEqualTo(ReplayFilter.ALL);
		assertThat(options.rate()).isEqualTo(20.0);
		assertThat(options.dryRun()).isFalse();
	}

	@Test
	void rejectsUnknownOptionsBadTimesAndRates() {
		assertThatIllegalArgumentException().isThrownBy(() -> ReplayCommand.Options.parse(new String[] { "--force" }))
			.withMessageContaining("--force");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ReplayCommand.Options.parse(new String[] { "--from=yesterday" }))
			.withMessageContaining("ISO-8601");
		assertThatIllegalArgumentException().isThrownBy(() -> ReplayCommand.Options.parse(new String[] { "--rate=0" }))
			.withMessageContaining("positive");
	}

	@Test
	void printsUsageAndExitsWithTwoOnBadArguments() {
		ByteArrayOutputStream buffer = new ByteArrayOutputStream();
		int code = ReplayCommand.run(new String[] { "nonsense" },
				new PrintStream(buffer, true, StandardCharsets.UTF_8));
		assertThat(code).isEqualTo(2);
		assertThat(buffer.toString(StandardCharsets.UTF_8))
			.contains("Usage: java -jar notification-consumer.jar replay");
	}

}
