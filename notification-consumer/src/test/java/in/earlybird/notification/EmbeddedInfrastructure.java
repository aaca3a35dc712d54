package in.earlybird.notification;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;

import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * A real Kafka broker in KRaft mode (from the Apache Kafka jars) and an in-process
 * MongoDB wire-protocol server, for tests and the local stack. Started once per JVM.
 */
public final class EmbeddedInfrastructure implements TestInfrastructure, AutoCloseable {

	private static EmbeddedInfrastructure shared;

	private final String kafkaBootstrapServers;

	private final Runnable kafkaStop;

	private final MongoServer mongo;

	private final InetSocketAddress mongoAddress;

	private EmbeddedInfrastructure(String kafkaBootstrapServers, Runnable kafkaStop, MongoServer mongo,
			InetSocketAddress mongoAddress) {
		this.kafkaBootstrapServers = kafkaBootstrapServers;
		this.kafkaStop = kafkaStop;
		this.mongo = mongo;
		this.mongoAddress = mongoAddress;
	}

	/**
	 * Returns the JVM's shared infrastructure on random ports, starting it on first use.
	 * @return the infrastructure
	 */
	public static synchronized EmbeddedInfrastructure shared() {
		if (shared == null) {
			shared = start(0, 0);
			Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "embedded-infrastructure-stop"));
		}
		return shared;
	}

	/**
	 * Starts a broker and a Mongo server.
	 * @param kafkaPort the broker's port, 0 for any free port
	 * @param mongoPort the Mongo server's port, 0 for any free port
	 * @return the running infrastructure
	 */
	public static EmbeddedInfrastructure start(int kafkaPort, int mongoPort) {
		requireFree("Kafka", kafkaPort);
		requireFree("MongoDB", mongoPort);
		String bootstrapServers;
		Runnable kafkaStop;
		if (kafkaPort > 0) {
			// The KRaft test kit pre-binds random ports for every listener, so a fixed
			// port needs a plain KRaft server.
			LocalKafkaBroker kafka = LocalKafkaBroker.start(kafkaPort);
			bootstrapServers = kafka.bootstrapServers();
			kafkaStop = kafka::close;
		}
		else {
			EmbeddedKafkaKraftBroker kafka = new EmbeddedKafkaKraftBroker(1, 1);
			kafka.brokerProperties(
					Map.of("auto.create.topics.enable", "false", "group.initial.rebalance.delay.ms", "0"));
			kafka.afterPropertiesSet();
			bootstrapServers = kafka.getBrokersAsString();
			kafkaStop = kafka::destroy;
		}
		MongoServer mongo = new MongoServer(new MemoryBackend());
		mongo.bind("127.0.0.1", mongoPort);
		InetSocketAddress address = mongo.getLocalAddress();
		return new EmbeddedInfrastructure(bootstrapServers, kafkaStop, mongo, address);
	}

	/**
	 * Fails with a clear message if a port is taken.
	 * @param what what the port is for
	 * @param port the port, 0 to skip the check
	 */
	public static void requireFree(String what, int port) {
		if (port <= 0) {
			return;
		}
		try (ServerSocket socket = new ServerSocket()) {
			socket.setReuseAddress(true);
			socket.bind(new InetSocketAddress("0.0.0.0", port));
		}
		catch (IOException ex) {
			throw new PortInUseException(what, port);
		}
	}

	/**
	 * Returns the broker's bootstrap servers.
	 * @return e.g. {@code localhost:9092}
	 */
	@Override
	public String kafkaBootstrapServers() {
		return this.kafkaBootstrapServers;
	}

	/**
	 * Returns a connection string for a database.
	 * @param database the database name
	 * @return the MongoDB URI
	 */
	@Override
	public String mongoUri(String database) {
		return "mongodb://" + this.mongoAddress.getHostString() + ":" + this.mongoAddress.getPort() + "/" + database;
	}

	/**
	 * Returns the Mongo server's port.
	 * @return the port
	 */
	public int mongoPort() {
		return this.mongoAddress.getPort();
	}

	/**
	 * Creates topics that do not exist yet.
	 * @param partitions partitions per topic
	 * @param names the topics
	 */
	@Override
	public void createTopics(int partitions, String... names) {
		createTopics(kafkaBootstrapServers(), partitions, Arrays.asList(names));
	}

	/**
	 * Creates topics that do not exist yet on any broker.
	 * @param bootstrapServers the broker
	 * @param partitions partitions per topic
	 * @param names the topics
	 */
	public static void createTopics(String bootstrapServers, int partitions, List<String> names) {
		try (AdminClient admin = AdminClient
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
			List<NewTopic> topics = names.stream().map((name) -> new NewTopic(name, partitions, (short) 1)).toList();
			admin.createTopics(topics).values().values().forEach((future) -> {
				try {
					future.get(30, TimeUnit.SECONDS);
				}
				catch (ExecutionException ex) {
					if (!(ex.getCause() instanceof TopicExistsException)) {
						throw new IllegalStateException("Could not create topics " + names, ex.getCause());
					}
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					throw new IllegalStateException(ex);
				}
				catch (TimeoutException ex) {
					throw new IllegalStateException("Timed out creating topics " + names, ex);
				}
			});
			awaitLeaders(admin, names);
		}
	}

	/**
	 * Waits until the broker leads every partition of the topics and answers for it: a
	 * producer that writes before then is told NOT_LEADER_OR_FOLLOWER, and its idempotent
	 * retries can stick on OUT_OF_ORDER_SEQUENCE_NUMBER for good (its first batch fails,
	 * a later one in flight lands, and the broker accepts that one's sequence from a
	 * producer it has not seen; seen three times in the heap scenario, which publishes
	 * right after the stack starts).
	 * <p>
	 * The metadata names a leader a moment before the leader's log is ready, so a leader
	 * in {@code describeTopics} is not enough (the third hang came after it): each
	 * partition must also answer a {@code ListOffsets}, which only the ready leader does.
	 */
	private static void awaitLeaders(AdminClient admin, List<String> names) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (true) {
			try {
				Collection<TopicDescription> topics = admin.describeTopics(names)
					.allTopicNames()
					.get(10, TimeUnit.SECONDS)
					.values();
				boolean led = topics.stream()
					.flatMap((topic) -> topic.partitions().stream())
					.allMatch((partition) -> partition.leader() != null && !partition.leader().isEmpty());
				if (led) {
					Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
					topics.forEach((topic) -> topic.partitions()
						.forEach((partition) -> latest.put(new TopicPartition(topic.name(), partition.partition()),
								OffsetSpec.latest())));
					admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS);
					return;
				}
			}
			catch (ExecutionException | TimeoutException ex) {
				// Not known yet: ask again.
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("No leader for every partition of " + names + " within 30 s");
			}
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}

	@Override
	public void close() {
		this.mongo.shutdownNow();
		this.kafkaStop.run();
	}

	/** A port the infrastructure needs is taken. */
	public static final class PortInUseException extends IllegalStateException {

		private static final long serialVersionUID = 1L;

		private final int port;

		PortInUseException(String what, int port) {
			super("Port " + port + " (" + what
					+ ") is already in use. Stop whatever holds it, or choose another port.");
			this.port = port;
		}

		public int port() {
			return this.port;
		}

	}

}
