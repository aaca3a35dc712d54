package in.earlybird.notification.retry;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.model.Filters;
import in.earlybird.events.CloudEvent;
import in.earlybird.events.CloudEvents;
import in.earlybird.events.Customer;
import in.earlybird.events.NotificationEvent;
import in.earlybird.events.PhoneNumber;
import in.earlybird.notification.EmbeddedInfrastructure;
import in.earlybird.notification.TestEvents;
import in.earlybird.notification.TopicReader;
import in.earlybird.notification.harness.JvmProcess.Finished;
import in.earlybird.notification.harness.ServiceJar;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built jar's {@code replay} command, run as an SRE runs it: a JVM of its own,
 * configured by environment variables only, against Kafka and MongoDB in another process,
 * with none of the service's provider, token or webhook settings (or with production's,
 * which it must ignore).
 */
class ReplayCommandProcessTests {

	private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);

	private static final EmbeddedInfrastructure infrastructure = EmbeddedInfrastructure.shared();

	private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

	private static final String DEAD_LETTERS = "replay-process-" + RUN + ".dlt";

	private static final String DELIVERIES = "replay-process-" + RUN + ".deliveries";

	private static final String BILLING = "replay-process-" + RUN + ".billing";

	private static final String DATABASE = "replay_process_" + RUN;

	private static KafkaProducer<String, byte[]> producer;

	private static MongoClient mongo;

	@BeforeAll
	static void start() {
		infrastructure.createTopics(3, DEAD_LETTERS, DELIVERIES, BILLING);
		producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
				infrastructure.kafkaBootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(),
				new ByteArraySerializer());
		mongo = MongoClients.create(infrastructure.mongoUri(DATABASE));
	}

	@AfterAll
	static void stop() {
		producer.close();
		mongo.close();
	}

	@Test
	void listsDryRunsAndReplaysTheDeadLetterTopicWithOnlyKafkaAndMongoSettings() throws Exception {
		Customer number = TestEvents.customer();
		// An id of its own: the test customers' ids hold their numbers' digits, and ids
		// are not masked.
		Customer customer = new Customer("cust-" + RUN, number.name(), number.phone(), null);
		String national = PhoneNumber.parse(customer.phone()).nationalNumber();
		CloudEvent<NotificationEvent> first = TestEvents.envelope(TestEvents.deliveryScheduled(customer));
		CloudEvent<NotificationEvent> second = TestEvents.envelope(TestEvents.deliveryScheduled(customer));
		// The first was dead-lettered before the failure class header was renamed.
		deadLetter(TestEvents.binary(DELIVERIES, first), FailureHeaders.LEGACY_FAILURE_CLASS,
				FailureClass.ProviderTransient, "HTTP_503", first.id(), first.type());
		deadLetter(TestEvents.binary(DELIVERIES, second), FailureClass.ProviderTransient, "HTTP_503", second.id(),
				second.type());
		deadLetter(
				TestEvents.raw(BILLING, customer.id(), "{\"amount\": 2500.5}", CloudEvents.SPEC_VERSION_HEADER, "1.0",
						CloudEvents.ID_HEADER, "bad-bill-1", CloudEvents.TYPE_HEADER, "earlybird.bill.generated"),
				FailureClass.PoisonEvent, "SCHEMA_VIOLATION", "bad-bill-1", "earlybird.bill.generated");

		Finished list = replay(kafkaAndMongoOnly(), "--list");
		assertThat(list.exitCode()).as(list.output()).isZero();
		assertThat(list.output()).contains("3 dead-lettered records read, 3 matched, 0 replayed")
			.containsPattern("2 +ProviderTransient/HTTP_503")
			.containsPattern("1 +PoisonEvent/SCHEMA_VIOLATION")
			.contains(first.id(), second.id(), "bad-bill-1", "earlybird.delivery.scheduled")
			.contains("payload: ")
			.doesNotContain(national);
		assertThat(audits()).isEmpty();

		Finished dryRun = replay(kafkaAndMongoOnly(), "--dry-run", "--error-class=ProviderTransient", "--by=asha");
		assertThat(dryRun.exitCode()).as(dryRun.output()).isZero();
		assertThat(dryRun.output())
			.containsPattern("Dry run \\S+: 3 dead-lettered records read, 2 matched, 0 replayed");
		assertThat(TopicReader.readAll(infrastructure.kafkaBootstrapServers(), DELIVERIES)).isEmpty();
		assertThat(audits()).singleElement().satisfies((audit) -> {
			assertThat(audit.getString("requestedBy")).isEqualTo("asha");
			assertThat(audit.getBoolean("dryRun")).isTrue();
			assertThat(audit.getInteger("matched")).isEqualTo(2);
			assertThat(audit.getInteger("replayed")).isZero();
		});

		Finished replay = replay(productionSettings(), "--error-class", "ProviderTransient", "--rate=50", "--by=asha");
		assertThat(replay.exitCode()).as(replay.output()).isZero();
		assertThat(replay.output()).containsPattern("Replay \\S+: 3 dead-lettered records read, 2 matched, 2 replayed");
		List<ConsumerRecord<String, byte[]>> replayed = TopicReader.readAll(infrastructure.kafkaBootstrapServers(),
				DELIVERIES);
		assertThat(replayed).extracting((record) -> TopicReader.header(record, CloudEvents.ID_HEADER))
			.containsExactlyInAnyOrder(first.id(), second.id());
		assertThat(replayed).allSatisfy((record) -> {
			assertThat(record.key()).isEqualTo(customer.id());
			assertThat(new String(record.value(), StandardCharsets.UTF_8)).contains(customer.phone());
			assertThat(TopicReader.header(record, FailureHeaders.REPLAYED_BY)).isEqualTo("asha");
			assertThat(TopicReader.header(record, FailureHeaders.REPLAY_ID)).isNotBlank();
			assertThat(TopicReader.header(record, FailureHeaders.FAILURE_CLASS)).isNull();
			assertThat(TopicReader.header(record, FailureHeaders.LEGACY_FAILURE_CLASS)).isNull();
			assertThat(TopicReader.header(record, FailureHeaders.ATTEMPTS)).isNull();
		});
		assertThat(TopicReader.readAll(infrastructure.kafkaBootstrapServers(), BILLING)).isEmpty();
		Document audit = mongo.getDatabase(DATABASE)
			.getCollection(DeadLetterReplayer.AUDIT_COLLECTION)
			.find(Filters.eq("dryRun", false))
			.first();
		assertThat(audit).isNotNull();
		assertThat(audit.getString("requestedBy")).isEqualTo("asha");
		assertThat(audit.getInteger("replayed")).isEqualTo(2);
		assertThat(audit.getBoolean("finished")).isTrue();
		assertThat(audit.getList("eventIds", String.class)).containsExactlyInAnyOrder(first.id(), second.id());
		assertThat(audit.getString("_id")).isEqualTo(TopicReader.header(replayed.get(0), FailureHeaders.REPLAY_ID));
	}

	@Test
	void exitsWithTwoAndTheUsageOnABadOption() {
		Finished bad = replay(kafkaAndMongoOnly(), "--from=yesterday");
		assertThat(bad.exitCode()).isEqualTo(2);
		assertThat(bad.output()).contains("--from must be an ISO-8601 instant")
			.contains("Usage: java -jar notification-consumer.jar replay");
	}

	@Test
	void movesNothingWhenTheAuditTrailCannotBeWritten() throws Exception {
		String topic = "replay-process-" + RUN + ".orders";
		String deadLetters = topic + ".dlt";
		infrastructure.createTopics(1, topic, deadLetters);
		CloudEvent<NotificationEvent> event = TestEvents.envelope(TestEvents.deliveryScheduled(TestEvents.customer()));
		ProducerRecord<String, byte[]> record = TestEvents.binary(topic, event);
		deadLetter(new ProducerRecord<>(deadLetters, null, record.key(), record.value(), record.headers()), topic,
				FailureHeaders.FAILURE_CLASS, FailureClass.ProviderTransient, "HTTP_503", event.id(), event.type());
		Map<String, String> environment = kafkaAndMongoOnly();
		environment.put("NOTIFICATION_RETRY_DEADLETTERTOPIC", deadLetters);
		environment.put("MONGODB_URI", "mongodb://127.0.0.1:1/replay?serverSelectionTimeoutMS=2000");

		Finished replay = replay(environment, "--by=asha");

		assertThat(replay.exitCode()).as(replay.output()).isEqualTo(1);
		assertThat(replay.output()).contains("Replay failed: ");
		assertThat(TopicReader.readAll(infrastructure.kafkaBootstrapServers(), topic)).isEmpty();
	}

	@Test
	void exitsWithOneAndSaysWhyWhenKafkaCannotBeReached() {
		Map<String, String> environment = kafkaAndMongoOnly();
		environment.put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:1");
		Finished unreachable = replay(environment, "--list");
		assertThat(unreachable.exitCode()).as(unreachable.output()).isEqualTo(1);
		assertThat(unreachable.output()).contains("Replay failed: ");
	}

	private static Finished replay(Map<String, String> environment, String... options) {
		String[] arguments = new String[options.length + 1];
		arguments[0] = "replay";
		System.arraycopy(options, 0, arguments, 1, options.length);
		return ServiceJar.command(arguments).withoutInheritedEnvironment().env(environment).run(COMMAND_TIMEOUT);
	}

	/** What the command needs: where Kafka and MongoDB are, and which topic to read. */
	private static Map<String, String> kafkaAndMongoOnly() {
		Map<String, String> environment = new LinkedHashMap<>();
		environment.put("KAFKA_BOOTSTRAP_SERVERS", infrastructure.kafkaBootstrapServers());
		environment.put("MONGODB_URI", infrastructure.mongoUri(DATABASE));
		// Relaxed binding: notification.retry.dead-letter-topic, over application.yaml's.
		environment.put("NOTIFICATION_RETRY_DEADLETTERTOPIC", DEAD_LETTERS);
		return environment;
	}

	/**
	 * The service's production environment, as a Kubernetes pod or the compose stack
	 * gives it to the command: provider, token and webhook settings it must not need.
	 */
	private static Map<String, String> productionSettings() {
		Map<String, String> environment = kafkaAndMongoOnly();
		environment.put("MYOPERATOR_BASE_URL", "https://publicapi.myoperator.co");
		environment.put("MYOPERATOR_API_KEY", "process-test-key");
		environment.put("MYOPERATOR_COMPANY_ID", "process-test-company");
		environment.put("MYOPERATOR_PHONE_NUMBER_ID", "process-test-number");
		environment.put("NOTIFICATION_JWT_SECRET", "process-test-secret-0123456789abcdef0123456789");
		environment.put("NOTIFICATION_WEBHOOK_API_KEY", "process-test-webhook-key");
		environment.put("NOTIFICATION_OPEN_METRICS", "true");
		environment.put("SERVER_PORT", "0");
		return environment;
	}

	private static List<Document> audits() {
		return mongo.getDatabase(DATABASE)
			.getCollection(DeadLetterReplayer.AUDIT_COLLECTION)
			.find()
			.into(new java.util.ArrayList<>());
	}

	private static void deadLetter(ProducerRecord<String, byte[]> original, FailureClass failureClass, String code,
			String eventId, String eventType) throws Exception {
		deadLetter(original, FailureHeaders.FAILURE_CLASS, failureClass, code, eventId, eventType);
	}

	private static void deadLetter(ProducerRecord<String, byte[]> original, String classHeader,
			FailureClass failureClass, String code, String eventId, String eventType) throws Exception {
		deadLetter(new ProducerRecord<>(DEAD_LETTERS, null, original.key(), original.value(), original.headers()),
				original.topic(), classHeader, failureClass, code, eventId, eventType);
	}

	private static void deadLetter(ProducerRecord<String, byte[]> record, String originalTopic, String classHeader,
			FailureClass failureClass, String code, String eventId, String eventType) throws Exception {
		Instant failedAt = Instant.now();
		header(record, FailureHeaders.ORIGINAL_TOPIC, originalTopic);
		header(record, FailureHeaders.ORIGINAL_PARTITION, "0");
		header(record, FailureHeaders.ORIGINAL_OFFSET, "0");
		header(record, FailureHeaders.FIRST_FAILURE_AT, failedAt.toString());
		header(record, FailureHeaders.LAST_FAILURE_AT, failedAt.toString());
		header(record, FailureHeaders.ATTEMPTS, "4");
		header(record, classHeader, failureClass.name());
		header(record, FailureHeaders.ERROR_CODE, code);
		header(record, FailureHeaders.EXCEPTION_MESSAGE, "failed with " + code);
		header(record, FailureHeaders.EVENT_ID, eventId);
		header(record, FailureHeaders.EVENT_TYPE, eventType);
		producer.send(record).get(10, TimeUnit.SECONDS);
	}

	private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
		record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
	}

}
