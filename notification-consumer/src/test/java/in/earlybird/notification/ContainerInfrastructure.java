package in.earlybird.notification;

import java.util.Arrays;

import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.mongodb.MongoDBContainer;

/**
 * Kafka and MongoDB in containers (pinned images), started once per JVM, for the test
 * classes that repeat the embedded scenarios against the real servers when Docker is
 * available.
 */
public final class ContainerInfrastructure implements TestInfrastructure {

	/** The official Apache Kafka image, KRaft mode. */
	public static final String KAFKA_IMAGE = "apache/kafka:4.1.0";

	/** MongoDB as deployed. */
	public static final String MONGO_IMAGE = "mongo:8.0.12";

	private static ContainerInfrastructure shared;

	private final KafkaContainer kafka;

	private final MongoDBContainer mongo;

	private ContainerInfrastructure(KafkaContainer kafka, MongoDBContainer mongo) {
		this.kafka = kafka;
		this.mongo = mongo;
	}

	static synchronized ContainerInfrastructure shared() {
		if (shared == null) {
			KafkaContainer kafka = new KafkaContainer(KAFKA_IMAGE);
			MongoDBContainer mongo = new MongoDBContainer(MONGO_IMAGE);
			kafka.start();
			mongo.start();
			shared = new ContainerInfrastructure(kafka, mongo);
		}
		return shared;
	}

	@Override
	public String kafkaBootstrapServers() {
		return this.kafka.getBootstrapServers();
	}

	@Override
	public String mongoUri(String database) {
		return this.mongo.getReplicaSetUrl(database);
	}

	@Override
	public void createTopics(int partitions, String... names) {
		EmbeddedInfrastructure.createTopics(kafkaBootstrapServers(), partitions, Arrays.asList(names));
	}

}
