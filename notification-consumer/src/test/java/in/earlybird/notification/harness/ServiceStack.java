package in.earlybird.notification.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import in.earlybird.events.Topics;
import in.earlybird.notification.EmbeddedInfrastructure;
import in.earlybird.notification.TcpProxy;
import in.earlybird.notification.TestTokens;
import in.earlybird.notification.sandbox.MyOperatorSandbox;
import in.earlybird.notification.sandbox.SandboxSettings;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jspecify.annotations.Nullable;

/**
 * The service as it runs in production, on one machine: Kafka and MongoDB each in a JVM
 * of their own, the MyOperator sandbox (which records every request) in this JVM, its
 * receiving threads at real-time priority ({@link ProviderPriority}), on request a packet
 * capture of what reaches it ({@link WireCapture}), and any number of service instances
 * started from the built jar. MongoDB is reached through a {@link TcpProxy}, so an outage
 * can be injected; Kafka can be killed and restarted on the same storage.
 */
public final class ServiceStack implements AutoCloseable {

	/** Partitions of every topic, as on the local stack. */
	public static final int PARTITIONS = 6;

	/** The database the services use. */
	public static final String DATABASE = "earlybird_notifications";

	static final String API_KEY = "harness-key";

	static final String COMPANY_ID = "harness-company";

	static final String PHONE_NUMBER_ID = "harness-phone";

	static final String WEBHOOK_API_KEY = "harness-webhook-key";

	private final Path directory;

	private int kafkaPort;

	private final Path kafkaStorage;

	private JvmProcess kafka;

	private final JvmProcess mongo;

	private final @Nullable JvmProcess cpuHog;

	private final int mongoPort;

	private final TcpProxy mongoProxy;

	private final MongoClient mongoClient;

	private final MyOperatorSandbox sandbox;

	private @Nullable WireCapture wire;

	private @Nullable List<MyOperatorSandbox.Arrival> wireArrivals;

	private final List<ServiceInstance> services = new ArrayList<>();

	private KafkaProducer<String, byte[]> producer;

	/** The infrastructure processes started, the ones that failed to start among them. */
	private final List<JvmProcess> started = new ArrayList<>();

	private ServiceStack(Path directory) {
		this.directory = directory;
		this.kafkaStorage = directory.resolve("kafka");
		try {
			this.kafka = startKafkaOnAFreePort();
			// A mongod has no garbage collector; this stand-in allocates about 150 KB per
			// event (its wire codec and unique-index checks). On ZGC its concurrent
			// collections took two thirds of its CPU, and for the 4-6 s of each young
			// collection it answered so slowly that the service's sends stopped for
			// 200-700 ms at a time: 913-920/s at 1,000/s in three runs of 2026-12-02,
			// the stand-in using 0.41-0.46 of a core. On G1 it pauses 50-400 ms every
			// 2 s, which the service's requests in flight ride out: 959/s, 0.27 of a
			// core, and latency p99 within target (36 ms, bare consumer 23 ms).
			// Shenandoah was worse than either (911/s, 0.70 of a core). Its pauses grow
			// with the data it holds (the whole database is in its heap), up to 1.2 s on
			// the default 200 ms goal, and no send starts while it pauses: 905.9 and
			// 941.6/s at 11:46 and 12:15. With a 50 ms goal they stayed under 340 ms in
			// the measured minutes (one of 1.1 s in a warm-up):
			// 963.2, 962.9 and 965.5/s at 12:19-12:28 (all on 2026-12-02).
			List<String> mongoOptions = new ArrayList<>(List.of("-Xmx6g", "-XX:+UseG1GC", "-XX:MaxGCPauseMillis=50",
					// When it collected, to set beside a slow stretch of a run.
					"-Xlog:gc:file=" + directory.resolve("mongo-gc.log") + ":utctime"));
			// e.g. a flight recording of the MongoDB server,
			// -Dharness.mongo-jvm-options=...
			String extra = System.getProperty("harness.mongo-jvm-options", "").trim();
			if (!extra.isEmpty()) {
				mongoOptions.addAll(List.of(extra.split("\\s+")));
			}
			this.mongo = startInfrastructure("mongo", mongoOptions, "mongo");
			this.mongoPort = portOf(this.mongo);
			// A noisy neighbour on demand, e.g. every core busy for 250 ms of every
			// second: -Dharness.cpu-hog=250. Its CPU is not counted as the stack's.
			String hog = System.getProperty("harness.cpu-hog", "").trim();
			this.cpuHog = hog.isEmpty() ? null : startInfrastructure("cpu-hog", List.of("-Xmx64m"), "cpu-hog",
					Integer.toString(Runtime.getRuntime().availableProcessors()), hog);
			try {
				this.mongoProxy = TcpProxy.start("127.0.0.1", this.mongoPort);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			this.mongoClient = MongoClients.create("mongodb://127.0.0.1:" + this.mongoPort);
			List<String> topics = new ArrayList<>(Topics.ALL);
			topics.add(retryTopic());
			topics.add(deadLetterTopic());
			EmbeddedInfrastructure.createTopics(bootstrapServers(), PARTITIONS, topics);
			// Every arrival and every count is kept; full copies of a thousand requests
			// are enough for a look. Its receiving threads run at real-time priority, so
			// that it stamps a request when it arrives, not when it next gets a core.
			this.sandbox = ProviderPriority.raiseWhatStarts("HTTP-Dispatcher", () -> MyOperatorSandbox
				.start(SandboxSettings.of(0, API_KEY, COMPANY_ID, PHONE_NUMBER_ID).withMaxRecordedMessages(1_000)));
		}
		catch (RuntimeException | Error ex) {
			// Nothing of a stack that failed to start outlives the test.
			this.started.forEach(JvmProcess::close);
			throw ex;
		}
	}

	/**
	 * Starts Kafka, MongoDB and the sandbox; no service yet.
	 * @param name names the run's directory under {@code target/harness}
	 * @return the running stack
	 */
	public static ServiceStack start(String name) {
		Path directory = ServiceJar.logDirectory().resolve(name + "-" + System.currentTimeMillis());
		try {
			Files.createDirectories(directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return new ServiceStack(directory);
	}

	/**
	 * Starts a service instance from the jar and waits until it is ready.
	 * @param name the instance's name (its log file, its instance id)
	 * @param settings environment variables on top of the stack's, e.g.
	 * {@code NOTIFICATION_DELIVERY_RATE_LIMIT}
	 * @param jvmOptions options such as {@code -Xmx256m}, after those of a pod
	 * ({@link ServiceJar#podJvmOptions()})
	 * @return the running instance
	 */
	public ServiceInstance startService(String name, Map<String, ?> settings, String... jvmOptions) {
		for (int attempt = 1;; attempt++) {
			ServiceInstance instance = startServiceOn(freePort(), name, settings, jvmOptions);
			try {
				instance.awaitReady(Duration.ofSeconds(120));
				return instance;
			}
			catch (IllegalStateException ex) {
				// The port picked here was taken (by any outgoing connection) before the
				// service bound it; Spring Boot then says so and exits.
				boolean portTaken = !instance.process().isAlive()
						&& instance.process().output().contains("was already in use");
				if (!portTaken || attempt == 3) {
					throw ex;
				}
				this.services.remove(instance);
			}
		}
	}

	private ServiceInstance startServiceOn(int httpPort, String name, Map<String, ?> settings, String... jvmOptions) {
		Map<String, Object> environment = new LinkedHashMap<>();
		environment.put("KAFKA_BOOTSTRAP_SERVERS", bootstrapServers());
		environment.put("MONGODB_URI", "mongodb://127.0.0.1:" + this.mongoProxy.port() + "/" + DATABASE);
		environment.put("MYOPERATOR_BASE_URL", this.sandbox.baseUrl());
		environment.put("MYOPERATOR_API_KEY", API_KEY);
		environment.put("MYOPERATOR_COMPANY_ID", COMPANY_ID);
		environment.put("MYOPERATOR_PHONE_NUMBER_ID", PHONE_NUMBER_ID);
		environment.put("NOTIFICATION_JWT_SECRET", TestTokens.IT_SECRET);
		environment.put("NOTIFICATION_WEBHOOK_API_KEY", WEBHOOK_API_KEY);
		environment.put("NOTIFICATION_OPEN_METRICS", true);
		// Also the consumers' client ids and static group memberships: a restarted
		// instance of the same name rejoins as itself.
		environment.put("NOTIFICATION_INSTANCE_ID", name);
		environment.put("NOTIFICATION_RETRY_PARTITIONS", PARTITIONS);
		environment.put("SERVER_PORT", httpPort);
		environment.putAll(settings);
		ServiceJar jar = ServiceJar.command().env(environment).log(this.directory.resolve(name + ".log"));
		// A pod's JVM; a test's own options come after and win (e.g. -Xmx256m).
		ServiceJar.podJvmOptions().forEach(jar::jvmOption);
		for (String option : jvmOptions) {
			jar.jvmOption(option);
		}
		ServiceInstance instance = new ServiceInstance(name, jar.start(), httpPort);
		this.services.add(instance);
		return instance;
	}

	/** Kills the broker ({@code kill -9}) and starts it again on the same storage. */
	public void restartKafka() {
		this.kafka.kill();
		this.kafka = startKafka();
	}

	/**
	 * Kills the broker.
	 */
	public void killKafka() {
		this.kafka.kill();
	}

	/** Starts the broker again after {@link #killKafka()}. */
	public void startKafkaAgain() {
		this.kafka = startKafka();
	}

	/**
	 * Returns the CPU time used so far by the infrastructure's processes and this one.
	 * @return CPU time of {@code kafka}, {@code mongo} and {@code harness}
	 */
	public Map<String, Duration> infrastructureCpu() {
		Map<String, Duration> cpu = new LinkedHashMap<>();
		cpu.put("kafka", this.kafka.cpuTime());
		cpu.put("mongo", this.mongo.cpuTime());
		cpu.put("harness", JvmProcess.cpuTimeOf(ProcessHandle.current().pid()));
		return cpu;
	}

	/**
	 * Returns the CPU time the MongoDB stand-in's garbage collector has used so far: a
	 * mongod has none, and on two cores it is a share of the machine the service does not
	 * get.
	 * @return the CPU time of its GC threads (ZGC's are named Z..., G1's and Parallel's
	 * GC ... or G1 ...)
	 */
	public Duration mongoGcCpu() {
		return this.mongo
			.threadsCpuTime((name) -> name.startsWith("Z") || name.startsWith("GC ") || name.startsWith("G1 "));
	}

	/**
	 * Returns the proxy between the services and MongoDB, to cut and restore.
	 * @return the proxy
	 */
	public TcpProxy mongoProxy() {
		return this.mongoProxy;
	}

	/**
	 * Returns the sandbox the services send to.
	 * @return the sandbox
	 */
	public MyOperatorSandbox sandbox() {
		return this.sandbox;
	}

	/**
	 * Captures the requests to the sandbox on the wire from now on, so that
	 * {@link #arrivals()} stamps them as they arrived ({@link WireCapture}); for the
	 * scenarios that count requests per second, before their services start.
	 */
	public synchronized void captureWire() {
		if (this.wire == null) {
			String scenario = this.directory.getFileName().toString().replaceFirst("-\\d+$", "");
			this.wire = WireCapture.start(scenario, this.directory.resolve("requests.pcap"),
					this.sandbox.baseUrl().getPort());
		}
	}

	/**
	 * Tells whether {@link #arrivals()} stamps on the wire.
	 * @return whether a capture runs or ran
	 */
	public synchronized boolean capturesWire() {
		return this.wire != null && this.wire.isCapturing();
	}

	/**
	 * Returns what the sandbox received, stamped on the wire if {@link #captureWire()}
	 * was called: the first call, once everything was sent, ends the capture.
	 * @return the arrivals, in the sandbox's order
	 */
	public synchronized List<MyOperatorSandbox.Arrival> arrivals() {
		if (this.wire == null) {
			return this.sandbox.arrivals();
		}
		if (this.wireArrivals == null) {
			this.wireArrivals = this.wire.restamp(this.sandbox.arrivals());
		}
		return this.wireArrivals;
	}

	/**
	 * Returns the URI of MongoDB without the proxy, for a service that needs no outage
	 * (the benchmark): pass it as {@code MONGODB_URI}.
	 * @return the URI
	 */
	public String directMongoUri() {
		return "mongodb://127.0.0.1:" + this.mongoPort + "/" + DATABASE;
	}

	/**
	 * Returns the services' database, reached directly (not through the proxy).
	 * @return the database
	 */
	public MongoDatabase database() {
		return this.mongoClient.getDatabase(DATABASE);
	}

	/**
	 * Returns the broker's address.
	 * @return {@code localhost:<port>}
	 */
	public String bootstrapServers() {
		return "localhost:" + this.kafkaPort;
	}

	/**
	 * Returns a producer to publish events with (acks=all, idempotent).
	 * @return the shared producer
	 */
	public synchronized KafkaProducer<String, byte[]> producer() {
		if (this.producer == null) {
			Properties properties = new Properties();
			properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
			properties.put(ProducerConfig.ACKS_CONFIG, "all");
			properties.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
			properties.put(ProducerConfig.LINGER_MS_CONFIG, 5);
			properties.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
			properties.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * 1024 * 1024);
			properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 300_000);
			this.producer = new KafkaProducer<>(properties, new StringSerializer(), new ByteArraySerializer());
		}
		return this.producer;
	}

	/**
	 * Returns the delay topic.
	 * @return its name
	 */
	public String retryTopic() {
		return "notifications.retry";
	}

	/**
	 * Returns the dead-letter topic.
	 * @return its name
	 */
	public String deadLetterTopic() {
		return "notifications.dlt";
	}

	/**
	 * Returns where this run's logs go.
	 * @return the directory
	 */
	public Path directory() {
		return this.directory;
	}

	/**
	 * Starts the broker on a port picked here, and on another if that one was taken in
	 * the meantime (by any outgoing connection): the broker needs a port fixed before it
	 * starts, since a restart must find it on the same one.
	 */
	private JvmProcess startKafkaOnAFreePort() {
		for (int attempt = 1;; attempt++) {
			this.kafkaPort = freePort();
			try {
				return startKafka();
			}
			catch (InfrastructureEndedException ex) {
				if (attempt == 3) {
					throw ex;
				}
				deleteQuietly(this.kafkaStorage);
			}
		}
	}

	private JvmProcess startKafka() {
		return startInfrastructure("kafka", List.of("-Xmx1g"), "kafka", Integer.toString(this.kafkaPort),
				this.kafkaStorage.toString());
	}

	private JvmProcess startInfrastructure(String name, List<String> jvmOptions, String... arguments) {
		List<String> command = new ArrayList<>();
		command.add(ServiceJar.javaExecutable());
		command.addAll(jvmOptions);
		command.add("-cp");
		command.add(System.getProperty("java.class.path"));
		command.add(InfrastructureMain.class.getName());
		command.addAll(List.of(arguments));
		JvmProcess process = JvmProcess.start(command, Map.of(), true, this.directory.resolve(name + ".log"));
		this.started.add(process);
		try {
			process.awaitOutput(ServiceStack::isReady, Duration.ofSeconds(120));
			return process;
		}
		catch (IllegalStateException ex) {
			boolean ended = !process.isAlive();
			process.close();
			throw ended ? new InfrastructureEndedException(ex) : ex;
		}
	}

	private static boolean isReady(String line) {
		return line.startsWith(InfrastructureMain.READY);
	}

	/**
	 * Reads the port a server said it serves on, in its {@link InfrastructureMain#READY}
	 * line.
	 */
	private static int portOf(JvmProcess server) {
		String ready = server.output().lines().filter(ServiceStack::isReady).findFirst().orElseThrow();
		return Integer.parseInt(ready.substring(InfrastructureMain.READY.length()).trim());
	}

	private static void deleteQuietly(Path directory) {
		try {
			org.apache.kafka.common.utils.Utils.delete(directory.toFile());
		}
		catch (IOException ex) {
			// Only disk space is lost.
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress("127.0.0.1", 0));
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@Override
	public void close() {
		for (ServiceInstance service : this.services) {
			// As an orchestrator stops it: a flight recording, if any, is written.
			if (service.process().isAlive()) {
				service.stop(Duration.ofSeconds(30));
			}
			service.close();
		}
		if (this.producer != null) {
			this.producer.close(Duration.ofSeconds(5));
		}
		this.sandbox.close();
		if (this.wire != null) {
			this.wire.close();
		}
		this.mongoClient.close();
		try {
			this.mongoProxy.close();
		}
		catch (IOException ex) {
			// Closing anyway.
		}
		this.kafka.close();
		// The broker's storage outlives restarts within a run, not the run: keep the
		// logs.
		deleteQuietly(this.kafkaStorage);
		// As an orchestrator stops it: a flight recording, if any, is written.
		this.mongo.stop(Duration.ofSeconds(30));
		this.mongo.close();
		if (this.cpuHog != null) {
			this.cpuHog.close();
		}
	}

	/** A piece of infrastructure exited before it served, e.g. its port was taken. */
	private static final class InfrastructureEndedException extends IllegalStateException {

		InfrastructureEndedException(IllegalStateException cause) {
			super(cause.getMessage(), cause);
		}

	}

}
