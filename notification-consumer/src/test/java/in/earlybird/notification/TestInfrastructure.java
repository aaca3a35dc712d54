package in.earlybird.notification;

/**
 * Where integration tests find Kafka and MongoDB: the embedded broker and in-process
 * server by default, or Testcontainers when Docker is there and a test class asks for it
 * with {@code test.infrastructure=containers}.
 */
public interface TestInfrastructure {

	/**
	 * Returns the broker's bootstrap servers.
	 * @return e.g. {@code localhost:9092}
	 */
	String kafkaBootstrapServers();

	/**
	 * Returns a connection string for a database.
	 * @param database the database name
	 * @return the MongoDB URI
	 */
	String mongoUri(String database);

	/**
	 * Creates topics that do not exist yet.
	 * @param partitions partitions per topic
	 * @param names the topics
	 */
	void createTopics(int partitions, String... names);

	/**
	 * Returns the JVM's shared infrastructure of a kind.
	 * @param kind {@code embedded} or {@code containers}
	 * @return the running infrastructure
	 */
	static TestInfrastructure shared(String kind) {
		return switch (kind) {
			case "embedded" -> EmbeddedInfrastructure.shared();
			case "containers" -> ContainerInfrastructure.shared();
			default -> throw new IllegalArgumentException("Unknown test infrastructure '" + kind + "'");
		};
	}

}
