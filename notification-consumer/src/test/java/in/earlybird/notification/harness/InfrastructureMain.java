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
 * {@code mongo} (the MongoDB wire-protocol server, on a port the system picks), or a
 * disturbance: {@code cpu-hog <threads> <busy ms per second>} (threads that keep cores
 * busy for part of every second, as a noisy neighbour does). Prints {@value #READY}, and
 * for a server the port it serves on, once it serves, then runs until it is killed.
 * <p>
 * If it cannot start, it prints why and exits with 1 at once: a server that failed to
 * bind its port must not linger on the threads it had started (the MongoDB server's event
 * loops kept such a process alive and silent until the harness gave up).
 */
public final class InfrastructureMain {

	/**
	 * How the line printed once the server accepts clients starts; a server's port
	 * follows it, e.g. {@code INFRASTRUCTURE READY 40123}.
	 */
	public static final String READY = "INFRASTRUCTURE READY";

	private InfrastructureMain() {
	}

	public static void main(String[] args) throws InterruptedException {
		String ready;
		try {
			ready = start(args);
		}
		catch (RuntimeException | Error ex) {
			ex.printStackTrace(System.out);
			System.out.flush();
			System.exit(1);
			return;
		}
		System.out.println(ready);
		System.out.flush();
		new CountDownLatch(1).await();
	}

	/**
	 * Starts what the arguments name.
	 * @return the line that tells the harness it serves
	 */
	private static String start(String[] args) {
		switch (args[0]) {
			case "kafka" -> {
				int port = Integer.parseInt(args[1]);
				LocalKafkaBroker broker = LocalKafkaBroker.startKeeping(port, Path.of(args[2]));
				Runtime.getRuntime().addShutdownHook(new Thread(broker::close));
				return READY + " " + port;
			}
			case "mongo" -> {
				// Port 0: a port the harness picked in advance could be taken (by any
				// outgoing connection) before this process binds it.
				MongoServer server = new MongoServer(new MemoryBackend());
				server.bind("127.0.0.1", 0);
				int port = server.getLocalAddress().getPort();
				Runtime.getRuntime().addShutdownHook(new Thread(server::shutdownNow));
				return READY + " " + port;
			}
			case "cpu-hog" -> {
				for (int i = 0; i < Integer.parseInt(args[1]); i++) {
					Thread.ofPlatform().daemon().start(() -> hog(Long.parseLong(args[2])));
				}
				return READY;
			}
			default -> throw new IllegalArgumentException("Unknown infrastructure: " + args[0]);
		}
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
