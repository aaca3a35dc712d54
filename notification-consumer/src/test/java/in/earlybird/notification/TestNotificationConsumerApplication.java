package in.earlybird.notification;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import in.earlybird.events.Topics;
import in.earlybird.notification.EmbeddedInfrastructure.PortInUseException;
import in.earlybird.notification.sandbox.MyOperatorSandbox;

import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * The local stack in one command: a real Kafka broker (KRaft) on {@code localhost:9092}
 * with every topic, an in-process MongoDB wire-protocol server on
 * {@code localhost:27017}, a MyOperator sandbox on {@code localhost:8089} (unless
 * {@code MYOPERATOR_BASE_URL} names a real provider), and the service on
 * {@code localhost:8080}.
 *
 * <p>
 * Run it with
 * {@code ./mvnw -pl notification-consumer -am test-compile spring-boot:test-run}. Ports:
 * {@code -Dlocal.kafka.port}, {@code -Dlocal.mongo.port}, {@code -Dlocal.sandbox.port},
 * {@code -Dserver.port}. Add {@code -Dlocal.demo=true} to publish a realistic stream of
 * events. Admin tokens are signed with a local-only secret (unless
 * {@code NOTIFICATION_JWT_SECRET} is set) and printed at start-up, with the webhook's
 * local credentials.
 */
public final class TestNotificationConsumerApplication {

	/**
	 * Partitions of every local topic; the delay and dead-letter topics match the domain
	 * topics.
	 */
	static final int PARTITIONS = 6;

	/** The credentials the local sandbox accepts. */
	static final String SANDBOX_API_KEY = "local-sandbox-key";

	static final String SANDBOX_COMPANY_ID = "earlybird-local";

	static final String SANDBOX_PHONE_NUMBER_ID = "local-phone-number-id";

	/**
	 * The HS256 secret of the local stack's admin tokens, unless NOTIFICATION_JWT_SECRET
	 * is set. Local only: never use it anywhere else.
	 */
	static final String LOCAL_JWT_SECRET = "local-stack-only-jwt-secret-0123456789abcdef";

	/** The API key the local webhook accepts (header X-Api-Key). Local only. */
	static final String LOCAL_WEBHOOK_API_KEY = "local-webhook-key";

	/** The Basic credentials the local webhook accepts. Local only. */
	static final String LOCAL_WEBHOOK_USERNAME = "myoperator";

	static final String LOCAL_WEBHOOK_PASSWORD = "local-webhook-password";

	private TestNotificationConsumerApplication() {
	}

	private static int port(String property, String environment, int fallback) {
		String value = System.getProperty(property, System.getenv(environment));
		return (value != null && !value.isBlank()) ? Integer.parseInt(value.trim()) : fallback;
	}

	private static boolean isBlank(String value) {
		return value == null || value.isBlank();
	}

	public static void main(String[] args) {
		int kafkaPort = port("local.kafka.port", "LOCAL_KAFKA_PORT", 9092);
		int mongoPort = port("local.mongo.port", "LOCAL_MONGO_PORT", 27017);
		int sandboxPort = port("local.sandbox.port", "LOCAL_SANDBOX_PORT", 8089);
		int serverPort = port("server.port", "SERVER_PORT", 8080);
		String providerUrl = System.getenv("MYOPERATOR_BASE_URL");
		boolean useSandbox = providerUrl == null || providerUrl.isBlank();
		try {
			EmbeddedInfrastructure.requireFree("service HTTP", serverPort);
			if (useSandbox) {
				EmbeddedInfrastructure.requireFree("MyOperator sandbox", sandboxPort);
			}
			EmbeddedInfrastructure infrastructure = EmbeddedInfrastructure.start(kafkaPort, mongoPort);
			List<String> topics = new ArrayList<>(Topics.ALL);
			topics.add("notifications.retry");
			topics.add("notifications.dlt");
			infrastructure.createTopics(PARTITIONS, topics.toArray(String[]::new));
			Map<String, Object> properties = new LinkedHashMap<>();
			properties.put("server.port", serverPort);
			properties.put("spring.kafka.bootstrap-servers", infrastructure.kafkaBootstrapServers());
			properties.put("spring.mongodb.uri", infrastructure.mongoUri("earlybird_notifications"));
			properties.put("notification.retry.partitions", PARTITIONS);
			// The banner points at /actuator/prometheus; locally it needs no token.
			properties.put("notification.security.open-metrics", true);
			if (isBlank(System.getenv("NOTIFICATION_JWT_SECRET"))
					&& isBlank(System.getenv("NOTIFICATION_JWK_SET_URI"))) {
				properties.put("notification.security.hs256-secret", LOCAL_JWT_SECRET);
			}
			if (isBlank(System.getenv("NOTIFICATION_WEBHOOK_API_KEY"))
					&& isBlank(System.getenv("NOTIFICATION_WEBHOOK_USERNAME"))) {
				properties.put("notification.webhook.api-key", LOCAL_WEBHOOK_API_KEY);
				properties.put("notification.webhook.username", LOCAL_WEBHOOK_USERNAME);
				properties.put("notification.webhook.password", LOCAL_WEBHOOK_PASSWORD);
			}
			if (useSandbox) {
				MyOperatorSandbox sandbox = MyOperatorSandbox.start(sandboxPort, SANDBOX_API_KEY, SANDBOX_COMPANY_ID,
						SANDBOX_PHONE_NUMBER_ID);
				properties.put("notification.myoperator.base-url", sandbox.baseUrl().toString());
				properties.put("notification.myoperator.api-key", SANDBOX_API_KEY);
				properties.put("notification.myoperator.company-id", SANDBOX_COMPANY_ID);
				properties.put("notification.myoperator.phone-number-id", SANDBOX_PHONE_NUMBER_ID);
			}
			// Command-line arguments outrank application.yaml; default properties would
			// not.
			List<String> arguments = new ArrayList<>(List.of(args));
			properties.forEach((name, value) -> arguments.add("--" + name + "=" + value));
			try {
				new SpringApplicationBuilder(NotificationConsumerApplication.class, LocalStackConfiguration.class)
					.initializers((context) -> context.getBeanFactory()
						.registerSingleton("testConfigurationExcludeFilter", new TestConfigurationExcludeFilter()))
					.profiles("local")
					.run(arguments.toArray(String[]::new));
			}
			catch (RuntimeException ex) {
				// The broker's threads would keep a failed start alive; stop for real.
				infrastructure.close();
				System.exit(1);
			}
		}
		catch (PortInUseException ex) {
			System.err.println();
			System.err.println("Cannot start the local stack: " + ex.getMessage());
			System.err.println("Choose other ports with the environment variables LOCAL_KAFKA_PORT, LOCAL_MONGO_PORT, "
					+ "LOCAL_SANDBOX_PORT and SERVER_PORT.");
			System.exit(2);
		}
	}

}
