package in.earlybird.notification.harness;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import in.earlybird.notification.LocalKafkaBroker;

/**
 * Runs one piece of the harness's infrastructure in a JVM of its own, so the service
 * under test shares no process with it and the broker can be killed and restarted:
 * {@code kafka <port> <log dir>} (a KRaft broker whose storage survives a restart) or
 * {@code mongo <port>} (the MongoDB wire-protocol server). Prints {@value #READY} once it
 * serves, then runs until it is killed.
 */
public final class InfrastructureMain {

	/** The line printed once the server accepts clients. */
	public static final String READY = "INFRASTRUCTURE READY";

	private InfrastructureMain() {
	}

	public static void main(String[] args) throws InterruptedException {
		switch (args[0]) {
			case "kafka" -> {
				LocalKafkaBroker broker = LocalKafkaBroker.startKeeping(Integer.parseInt(args[1]), Path.of(args[2]));
				Runtime.getRuntime().addShutdownHook(new Thread(broker::close));
			}
			case "mongo" -> {
				MongoServer server = new MongoServer(new MemoryBackend());
				server.bind("127.0.0.1", Integer.parseInt(args[1]));
				Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow));
			}
			default -> throw new IllegalArgumentException("Unknown infrastructure: " + args[0]);
		}
		System.out.println(READY);
		System.out.flush();
		new CountDownLatch(1).await();
	}

}
