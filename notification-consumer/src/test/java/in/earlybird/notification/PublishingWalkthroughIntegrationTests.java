package in.earlybird.notification;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import in.earlybird.notification.history.NotificationHistory;
import in.earlybird.notification.history.NotificationRecord;
import in.earlybird.notification.history.NotificationStatus;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * The command-line walkthrough of {@code event-schemas/README.md}, run today as a
 * newcomer runs it: bash and jq prepare the record exactly as written, and it is
 * published with the key, headers and topic the kcat command names. Whatever the day, the
 * event must be sent, not expired.
 */
@NotificationIntegrationTest
class PublishingWalkthroughIntegrationTests {

	private static final Path EVENT_SCHEMAS = DeploymentFiles.repositoryRoot().resolve("event-schemas");

	private static final Pattern SHELL_BLOCK = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL);

	@Autowired
	KafkaTemplate<String, byte[]> kafka;

	@Autowired
	TestTopics topics;

	@Autowired
	NotificationHistory history;

	@Test
	void theKcatCommandsSendAMessageOnTheDayTheyAreRun() throws Exception {
		assumeThat(run("command -v jq")).as("jq, which the walkthrough uses").isNotBlank();
		List<String> commands = kcatCommands();
		assertThat(commands).as("kcat commands in event-schemas/README.md").hasSizeGreaterThanOrEqualTo(2);
		for (String command : commands) {
			String[] pipeline = command.split("\\|\\s*\\n\\s*kcat ", 2);
			assertThat(pipeline).as(command).hasSize(2);
			String value = run(pipeline[0]).strip();
			List<String> arguments = List.of(run("printf '%s\\n' " + pipeline[1]).split("\\n"));
			ProducerRecord<String, byte[]> record = record(arguments, value);
			this.kafka.send(record).get(10, TimeUnit.SECONDS);
			String eventId = eventId(record, value);
			await().atMost(30, TimeUnit.SECONDS)
				.until(() -> this.history.findByEventId(eventId)
					.stream()
					.map(NotificationRecord::status)
					.anyMatch((status) -> status != NotificationStatus.QUEUED && status != NotificationStatus.SENDING));
			assertThat(this.history.findByEventId(eventId)).as(command)
				.singleElement()
				.satisfies((notification) -> assertThat(notification.status()).isEqualTo(NotificationStatus.SENT));
		}
	}

	/** kcat's arguments, as bash expanded them: what kcat would publish. */
	private ProducerRecord<String, byte[]> record(List<String> arguments, String value) {
		String topic = null;
		String key = null;
		Map<String, String> headers = new LinkedHashMap<>();
		for (int i = 0; i < arguments.size(); i++) {
			switch (arguments.get(i)) {
				case "-t" -> topic = arguments.get(++i);
				case "-k" -> key = arguments.get(++i);
				case "-H" -> {
					String[] header = arguments.get(++i).split("=", 2);
					headers.put(header[0], header[1]);
				}
				case "-b" -> i++;
				default -> {
				}
			}
		}
		assertThat(topic).as("kcat -t").isNotNull();
		ProducerRecord<String, byte[]> record = new ProducerRecord<>(this.topics.prefix() + topic, key,
				value.getBytes(StandardCharsets.UTF_8));
		headers.forEach((name, text) -> record.headers().add(name, text.getBytes(StandardCharsets.UTF_8)));
		return record;
	}

	private static String eventId(ProducerRecord<String, byte[]> record, String value) {
		if (record.headers().lastHeader("ce_id") != null) {
			return new String(record.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8);
		}
		return JsonMapper.shared().readTree(value).get("id").asString();
	}

	private static List<String> kcatCommands() {
		String readme = DeploymentFiles.read(EVENT_SCHEMAS.resolve("README.md"));
		List<String> commands = new ArrayList<>();
		Matcher block = SHELL_BLOCK.matcher(readme);
		while (block.find()) {
			if (block.group(1).contains("kcat -P")) {
				commands.add(block.group(1));
			}
		}
		return commands;
	}

	/** Runs a command in bash in {@code event-schemas/}, as the walkthrough says. */
	private static String run(String command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder("bash", "-c", command).directory(EVENT_SCHEMAS.toFile())
			.redirectError(ProcessBuilder.Redirect.INHERIT)
			.start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
		return output;
	}

}
