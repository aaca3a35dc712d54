package in.earlybird.notification;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import in.earlybird.notification.EmbeddedInfrastructure.PortInUseException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.metadata.storage.Formatter;

/**
 * A single-node KRaft Kafka server (broker and controller in one process) on a fixed
 * port, run in-process from the Apache Kafka jars for the local stack.
 *
 * <p>
 * {@code EmbeddedKafkaKraftBroker} cannot do this: its {@code KafkaClusterTestKit}
 * pre-binds a random port for every listener, so clients could never find it on
 * {@code localhost:9092}.
 */
public final class LocalKafkaBroker implements AutoCloseable {

	private static final int NODE_ID = 1;

	private static final String CONTROLLER_LISTENER = "CONTROLLER";

	private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

	private final KafkaRaftServer server;

	private final Path logDir;

	private final int port;

	private final Thread shutdownHook = new Thread(this::close, "local-kafka-broker-stop");

	private boolean closed;

	private final boolean keepStorage;

	private LocalKafkaBroker(KafkaRaftServer server, Path logDir, int port, boolean keepStorage) {
		this.server = server;
		this.logDir = logDir;
		this.port = port;
		this.keepStorage = keepStorage;
	}

	/**
	 * Formats fresh storage, starts the server and waits until it answers clients.
	 * @param port the client port on {@code localhost}, must be free
	 * @return the running broker
	 * @throws PortInUseException if the port is taken
	 */
	public static LocalKafkaBroker start(int port) {
		return start(port, createLogDir(), false);
	}

	/**
	 * Starts a broker on storage that outlives it: formatted on first use, reused as it
	 * is after a restart (the fault-injection suite restarts the broker this way).
	 * @param port the client port on {@code localhost}, must be free
	 * @param logDir the storage directory
	 * @return the running broker; closing it keeps the storage
	 * @throws PortInUseException if the port is taken
	 */
	public static LocalKafkaBroker startKeeping(int port, Path logDir) {
		return start(port, logDir, true);
	}

	private static LocalKafkaBroker start(int port, Path logDir, boolean keep) {
		if (port <= 0 || port > 65535) {
			throw new IllegalArgumentException("A fixed Kafka port is required, not " + port);
		}
		EmbeddedInfrastructure.requireFree("Kafka", port);
		KafkaRaftServer server = null;
		try {
			Path controllerPortFile = logDir.resolve("controller.port");
			boolean formatted = keep && Files.exists(controllerPortFile);
			int controllerPort = formatted ? Integer.parseInt(Files.readString(controllerPortFile).trim()) : freePort();
			KafkaConfig config = KafkaConfig.fromProps(properties(port, controllerPort, logDir));
			if (!formatted) {
				Files.createDirectories(logDir);
				format(config, logDir);
				Files.writeString(controllerPortFile, Integer.toString(controllerPort));
			}
			server = new KafkaRaftServer(config, Time.SYSTEM);
			startup(server, port);
			LocalKafkaBroker broker = new LocalKafkaBroker(server, logDir, port, keep);
			broker.awaitReady();
			// The local stack is stopped with Ctrl+C; without this its log directory
			// would stay behind in the temp directory.
			Runtime.getRuntime().addShutdownHook(broker.shutdownHook);
			return broker;
		}
		catch (IOException ex) {
			stop(server);
			throw new UncheckedIOException("Could not prepare Kafka storage in " + logDir, ex);
		}
		catch (RuntimeException | Error ex) {
			stop(server);
			if (!keep) {
				delete(logDir);
			}
			throw ex;
		}
	}

	/**
	 * Returns the address clients connect to.
	 * @return {@code localhost:<port>}
	 */
	public String bootstrapServers() {
		return "localhost:" + this.port;
	}

	/**
	 * Returns the client port.
	 * @return the port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * Shuts the server down cleanly and deletes its storage, unless it was started to
	 * keep it.
	 */
	@Override
	public synchronized void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		if (Thread.currentThread() != this.shutdownHook) {
			try {
				Runtime.getRuntime().removeShutdownHook(this.shutdownHook);
			}
			catch (IllegalStateException ex) {
				// The JVM is already shutting down; the hook may run, and will find us
				// closed.
			}
		}
		stop(this.server);
		if (!this.keepStorage) {
			delete(this.logDir);
		}
	}

	private static Properties properties(int port, int controllerPort, Path logDir) {
		Properties properties = new Properties();
		properties.put("process.roles", "broker,controller");
		properties.put("node.id", String.valueOf(NODE_ID));
		properties.put("listeners",
				"PLAINTEXT://localhost:" + port + "," + CONTROLLER_LISTENER + "://localhost:" + controllerPort);
		properties.put("advertised.listeners", "PLAINTEXT://localhost:" + port);
		properties.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
		properties.put("inter.broker.listener.name", "PLAINTEXT");
		properties.put("controller.listener.names", CONTROLLER_LISTENER);
		// A static single-voter quorum needs no KIP-853 bootstrap of dynamic voters.
		properties.put("controller.quorum.voters", NODE_ID + "@localhost:" + controllerPort);
		properties.put("log.dirs", logDir.toString());
		// One node: every internal topic must fit on one replica.
		properties.put("offsets.topic.replication.factor", "1");
		properties.put("transaction.state.log.replication.factor", "1");
		properties.put("transaction.state.log.min.isr", "1");
		properties.put("share.coordinator.state.topic.replication.factor", "1");
		properties.put("share.coordinator.state.topic.min.isr", "1");
		// Consumers join at once instead of waiting for more members that never come.
		properties.put("group.initial.rebalance.delay.ms", "0");
		// Like production: topics exist because they were created, not because of a typo.
		properties.put("auto.create.topics.enable", "false");
		return properties;
	}

	private static void format(KafkaConfig config, Path logDir) {
		Formatter formatter = new Formatter().setPrintStream(new PrintStream(PrintStream.nullOutputStream()))
			.setNodeId(NODE_ID)
			.setClusterId(Uuid.randomUuid().toString())
			.setControllerListenerName(CONTROLLER_LISTENER)
			.setMetadataLogDirectory(config.metadataLogDir())
			.setHasDynamicQuorum(false)
			.addDirectory(logDir.toString());
		try {
			formatter.run();
		}
		catch (Exception ex) {
			throw new IllegalStateException("Could not format Kafka storage in " + logDir, ex);
		}
	}

	private static void startup(KafkaRaftServer server, int port) {
		try {
			server.startup();
		}
		catch (RuntimeException ex) {
			// Someone may have taken the port between the check and the bind.
			if (causedByBindFailure(ex)) {
				throw new PortInUseException("Kafka", port);
			}
			throw ex;
		}
	}

	private void awaitReady() {
		long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
		try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
			Exception last = null;
			while (System.nanoTime() < deadline) {
				try {
					admin.describeCluster(new DescribeClusterOptions().timeoutMs(5_000))
						.nodes()
						.get(5, TimeUnit.SECONDS);
					return;
				}
				catch (ExecutionException | TimeoutException ex) {
					last = ex;
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException("Interrupted waiting for Kafka on " + bootstrapServers(), ex);
				}
			}
			throw new IllegalStateException(
					"Kafka on " + bootstrapServers() + " did not answer within " + READY_TIMEOUT, last);
		}
	}

	private static boolean causedByBindFailure(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof BindException) {
				return true;
			}
		}
		return false;
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress("localhost", 0));
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not find a free port for the Kafka controller", ex);
		}
	}

	private static Path createLogDir() {
		try {
			return Files.createTempDirectory("local-kafka-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not create a Kafka log directory", ex);
		}
	}

	private static void stop(KafkaRaftServer server) {
		if (server != null) {
			server.shutdown();
			server.awaitShutdown();
		}
	}

	private static void delete(Path logDir) {
		try {
			Utils.delete(logDir.toFile());
		}
		catch (IOException ex) {
			// Only a temp directory is left behind; the broker itself has stopped.
			System.err.println("Could not delete Kafka log directory " + logDir + ": " + ex);
		}
	}

}
