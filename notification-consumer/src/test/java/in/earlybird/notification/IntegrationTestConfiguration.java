package in.earlybird.notification;

import java.util.UUID;

import in.earlybird.notification.sandbox.MyOperatorSandbox;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistrar;

/**
 * Wires a test context to the JVM's embedded Kafka broker and MongoDB server, to topics
 * and a database of its own, and to a strict MyOperator sandbox of its own.
 */
@TestConfiguration(proxyBeanMethods = false)
public class IntegrationTestConfiguration {

	/** The API key the sandbox accepts. */
	public static final String API_KEY = "test-key-7c1e2f";

	/** The company id the sandbox accepts. */
	public static final String COMPANY_ID = "earlybird-test";

	/** The phone number id the sandbox accepts. */
	public static final String PHONE_NUMBER_ID = "pn-100200300";

	@Bean(destroyMethod = "close")
	MyOperatorSandbox myOperatorSandbox() {
		return MyOperatorSandbox.start(0, API_KEY, COMPANY_ID, PHONE_NUMBER_ID);
	}

	@Bean
	TestTopics testTopics() {
		return TestTopics.random();
	}

	@Bean
	DynamicPropertyRegistrar infrastructureProperties(MyOperatorSandbox sandbox, TestTopics topics,
			Environment environment) {
		TestInfrastructure infrastructure = TestInfrastructure
			.shared(environment.getProperty("test.infrastructure", "embedded"));
		infrastructure.createTopics(TestTopics.PARTITIONS, topics.all().toArray(String[]::new));
		String database = "notifications-" + UUID.randomUUID().toString().substring(0, 8);
		return (registry) -> {
			registry.add("spring.kafka.bootstrap-servers", infrastructure::kafkaBootstrapServers);
			registry.add("spring.kafka.consumer.group-id", () -> "notification-consumer-" + topics.prefix());
			// A test may route MongoDB through a fault injector by setting
			// test.mongodb.uri.
			registry.add("spring.mongodb.uri",
					() -> environment.getProperty("test.mongodb.uri", infrastructure.mongoUri(database)));
			for (int i = 0; i < topics.domain().size(); i++) {
				String topic = topics.domain().get(i);
				registry.add("notification.intake.topics[" + i + "]", () -> topic);
			}
			registry.add("notification.retry.topic", topics::retry);
			registry.add("notification.retry.dead-letter-topic", topics::deadLetter);
			registry.add("notification.retry.partitions", () -> TestTopics.PARTITIONS);
			registry.add("notification.myoperator.base-url", () -> sandbox.baseUrl().toString());
			registry.add("notification.myoperator.api-key", () -> API_KEY);
			registry.add("notification.myoperator.company-id", () -> COMPANY_ID);
			registry.add("notification.myoperator.phone-number-id", () -> PHONE_NUMBER_ID);
		};
	}

}
