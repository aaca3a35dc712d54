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
 * {@code mongo <port>} (the MongoDB wire-protocol server), or a disturbance:
 * {@code cpu-hog <threads> <busy ms per second>} (threads that keep cores busy for part
 * of every second, as a noisy neighbour does). Prints {@value #READY} once it serves,
 * then runs until it is killed.
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
			case "cpu-hog" -> {
				for (int i = 0; i < Integer.parseInt(args[1]); i++) {
					Thread.ofPlatform().daemon().start(() -> hog(Long.parseLong(args[2])));
				}
			}
			default -> throw new IllegalArgumentException("Unknown infrastructure: " + args[0]);
		}
		System.out.println(READY);
		System.out.flush();
		new CountDownLatch(1).await();
	}

	/** Spins for {@code busyMillis} of every second, and sleeps the rest. */
	private static void hog(long busyMillis) {
		while (true) {
			long busyUntil = System.nanoTime() + busyMillis * 1_000_000;
			while (System.nanoTime() < busyUntil) {
				Thread.onSpinWait();
			}
			try {
				Thread.sleep(Math.max(0, 1000 - busyMillis));
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

}
