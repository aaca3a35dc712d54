package in.earlybird.notification.harness;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link InfrastructureMain} as the harness runs it: in a JVM of its own,
 * telling the harness through its output that it serves, or why it does not.
 */
class InfrastructureMainTests {

	@TempDir
	Path directory;

	@Test
	void mongoServesOnThePortItsReadyLineGives() {
		try (JvmProcess mongo = start("mongo")) {
			String ready = mongo.awaitOutput((line) -> line.startsWith(InfrastructureMain.READY),
					Duration.ofSeconds(60));
			int port = Integer.parseInt(ready.substring(InfrastructureMain.READY.length()).trim());
			try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
				assertThat(client.getDatabase("admin").runCommand(new Document("ping", 1)).get("ok")).isEqualTo(1.0);
			}
		}
	}

	@Test
	void aServerWhosePortIsTakenExitsAndTheHarnessSaysWhy() throws Exception {
		try (ServerSocket taken = new ServerSocket()) {
			taken.bind(new InetSocketAddress("127.0.0.1", 0));
			try (JvmProcess kafka = start("kafka", Integer.toString(taken.getLocalPort()),
					this.directory.resolve("kafka").toString())) {
				// Well before the harness's two minutes: the process ends, it does not
				// linger.
				assertThatIllegalStateException()
					.isThrownBy(() -> kafka.awaitOutput((line) -> line.startsWith(InfrastructureMain.READY),
							Duration.ofSeconds(60)))
					.withMessageContaining("The process ended (exit 1)")
					// The reason is in the message, for a build log that has no harness
					// files.
					.withMessageContaining("Port " + taken.getLocalPort() + " (Kafka) is already in use");
			}
		}
	}

	private JvmProcess start(String... arguments) {
		List<String> command = new ArrayList<>(List.of(ServiceJar.javaExecutable(), "-Xmx256m", "-cp",
				System.getProperty("java.class.path"), InfrastructureMain.class.getName()));
		command.addAll(List.of(arguments));
		Path log = this.directory.resolve(arguments[0] + ".log");
		assertThat(Files.exists(log)).isFalse();
		return JvmProcess.start(command, Map.of(), true, log);
	}

}
