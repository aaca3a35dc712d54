package in.earlybird.notification.retry;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import in.earlybird.events.CloudEvent;
import in.earlybird.events.Customer;
import in.earlybird.events.EventType;
import in.earlybird.events.NotificationEvent;
import in.earlybird.events.PhoneNumber;
import in.earlybird.notification.NotificationIntegrationTest;
import in.earlybird.notification.TestEvents;
import in.earlybird.notification.TestTopics;
import in.earlybird.notification.TopicReader;
import in.earlybird.notification.history.Attempt;
import in.earlybird.notification.history.NotificationRecord;
import in.earlybird.notification.history.NotificationStatus;
import in.earlybird.notification.sandbox.MyOperatorSandbox;
import in.earlybird.notification.sandbox.SandboxMode;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.kafka.core.KafkaTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Failure semantics with the delay set to 2 seconds: in-process retries, the delay topic,
 * the dead-letter topic and rate limiting, each with the fault injected at the sandbox.
 */
@NotificationIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class FailureHandlingIntegrationTests {

	/** The delay of application-it.yaml. */
	static final Duration DELAY = Duration.ofSeconds(2);

	/** Provider calls per attempt: the first and three in-process retries. */
	static final int CALLS_PER_ATTEMPT = 4;

	@Autowired
	KafkaTemplate<String, byte[]> kafka;

	@Autowired
	MyOperatorSandbox sandbox;

	@Autowired
	TestTopics topics;

	@Autowired
	MongoTemplate mongo;

	@Value("${spring.kafka.bootstrap-servers}")
	String bootstrapServers;

	@AfterEach
	void healProvider() {
		this.sandbox.clearModes();
	}

	@Test
	void recoversInProcessFromOneTransientFailure() throws Exception {
		NotificationRecord record = sendWhileFailing(1, SandboxMode.HTTP_503);
		assertThat(record.retryCount()).isZero();
		assertThat(record.attempts()).singleElement().satisfies((attempt) -> {
			assertThat(attempt.outcome()).isEqualTo("sent");
			assertThat(attempt.providerCalls()).isEqualTo(2);
		});
	}

	@Test
	void recoversInProcessFromThreeTransientFailures() throws Exception {
		NotificationRecord record = sendWhileFailing(3, SandboxMode.HTTP_500);
		assertThat(record.retryCount()).isZero();
		assertThat(record.attempts()).singleElement()
			.satisfies((attempt) -> assertThat(attempt.providerCalls()).isEqualTo(4));
	}

	@Test
	void recoversThroughTheDelayTopicWhenInProcessRetriesAreNotEnough() throws Exception {
		NotificationRecord record = sendWhileFailing(CALLS_PER_ATTEMPT + 1, SandboxMode.HTTP_503);
		assertThat(record.retryCount()).isOne();
		assertThat(record.attempts()).extracting(Attempt::outcome).containsExactly("transient", "sent");
		assertThat(record.attempts()).extracting(Attempt::trigger).containsExactly("event", "retry");
		assertSpacedByDelay(record.attempts());
	}

	@Test
	void recordsARequestThatTimedOutAsInDoubtAndDoesNotSendItAgain() throws Exception {
		Customer customer = TestEvents.customer();
		this.sandbox.failFor(national(customer), 1, SandboxMode.timeout(Duration.ofMillis(1500)));
		CloudEvent<NotificationEvent> envelope = publish(customer);
		await().atMost(20, TimeUnit.SECONDS).until(() -> statusOf(envelope.id()) == NotificationStatus.IN_DOUBT);
		// Longer than the delay topic's delay: nothing comes back to send it again.
		Thread.sleep(3_000);
		NotificationRecord record = find(envelope.id());
		assertThat(record.status()).isEqualTo(NotificationStatus.IN_DOUBT);
		assertThat(record.errorCode()).isEqualTo("READ_TIMEOUT");
		assertThat(record.attempts()).singleElement().satisfies((attempt) -> {
			assertThat(attempt.outcome()).isEqualTo("in_doubt");
			assertThat(attempt.providerCalls()).isOne();
		});
		// The fault was for one request only: a resend would have been accepted.
		assertThat(this.sandbox.receivedFor(record.id())).isEmpty();
	}

	@Test
	void sendsAMessageOnceWhenTheProviderTookItButAnsweredTooLate() throws Exception {
		Customer customer = TestEvents.customer();
		this.sandbox.failFor(national(customer), 1, SandboxMode.acceptThenTimeout(Duration.ofMillis(1500)));
		CloudEvent<NotificationEvent> envelope = publish(customer);
		await().atMost(20, TimeUnit.SECONDS).until(() -> statusOf(envelope.id()) == NotificationStatus.IN_DOUBT);
		Thread.sleep(3_000);
		NotificationRecord record = find(envelope.id());
		assertThat(record.status()).isEqualTo(NotificationStatus.IN_DOUBT);
		assertThat(this.sandbox.receivedFor(record.id())).hasSize(1);
	}

	@Test
	void deadLettersAfterOneAttemptAndThreeFromTheDelayTopic() throws Exception {
		Customer customer = TestEvents.customer();
		this.sandbox.failFor(national(customer), SandboxMode.HTTP_503);
		CloudEvent<NotificationEvent> envelope = publish(customer);
		await().atMost(40, TimeUnit.SECONDS).until(() -> {
			NotificationRecord record = find(envelope.id());
			return record != null && record.deadLettered();
		});
		NotificationRecord record = find(envelope.id());
		assertThat(record.status()).isEqualTo(NotificationStatus.FAILED);
		assertThat(record.retryCount()).isEqualTo(3);
		assertThat(record.attempts()).extracting(Attempt::outcome)
			.containsExactly("transient", "transient", "transient", "dead_lettered");
		assertThat(record.attempts()).extracting(Attempt::topicAttempt).containsExactly(0, 1, 2, 3);
		assertThat(record.attempts())
			.allSatisfy((attempt) -> assertThat(attempt.providerCalls()).isEqualTo(CALLS_PER_ATTEMPT));
		assertSpacedByDelay(record.attempts());
		assertThat(this.sandbox.receivedFor(record.id())).isEmpty();
		List<ConsumerRecord<String, byte[]>> deadLetters = deadLettersOf(envelope.id());
		assertThat(deadLetters).singleElement().satisfies((deadLetter) -> {
			assertThat(header(deadLetter, FailureHeaders.ATTEMPTS)).isEqualTo("4");
			assertThat(header(deadLetter, FailureHeaders.FAILURE_CLASS)).isEqualTo("ProviderTransient");
			assertThat(header(deadLetter, FailureHeaders.ERROR_CODE)).isEqualTo("HTTP_503");
			assertThat(header(deadLetter, FailureHeaders.ORIGINAL_TOPIC))
				.isEqualTo(this.topics.of(EventType.DELIVERY_SCHEDULED));
			assertThat(header(deadLetter, FailureHeaders.EVENT_TYPE)).isEqualTo(EventType.DELIVERY_SCHEDULED.ceType());
			assertThat(header(deadLetter, FailureHeaders.ORIGINAL_KEY)).isEqualTo(customer.id());
			assertThat(header(deadLetter, FailureHeaders.FIRST_FAILURE_AT)).isNotBlank();
			assertThat(header(deadLetter, FailureHeaders.LAST_FAILURE_AT)).isNotBlank();
			assertThat(header(deadLetter, FailureHeaders.EXCEPTION_MESSAGE)).doesNotContain(national(customer));
			assertThat(deadLetter.key()).isEqualTo(customer.id());
		});
	}

	@Test
	void deadLettersAConfigurationFailureWithoutRetrying(CapturedOutput output) throws Exception {
		Customer customer = TestEvents.customer();
		this.sandbox.failFor(national(customer), SandboxMode.permanent("CHAT_0302"));
		CloudEvent<NotificationEvent> envelope = publish(customer);
		await().atMost(20, TimeUnit.SECONDS).until(() -> {
			NotificationRecord record = find(envelope.id());
			return record != null && record.deadLettered();
		});
		NotificationRecord record = find(envelope.id());
		assertThat(record.retryCount()).isZero();
		assertThat(record.attempts()).singleElement()
			.satisfies((attempt) -> assertThat(attempt.providerCalls()).isOne());
		assertThat(deadLettersOf(envelope.id())).singleElement()
			.satisfies((deadLetter) -> assertThat(header(deadLetter, FailureHeaders.FAILURE_CLASS))
				.isEqualTo("ProviderConfiguration"));
		// Log lines about the record carry its event id as a correlation field, even
		// where the message itself does not name it.
		assertThat(output.getAll()).containsPattern("\\[eventId=" + java.util.regex.Pattern.quote(envelope.id())
				+ "\\] : MyOperator refused our configuration");
	}

	@Test
	void recordsARejectedMessageAsFailedWithoutRetryingOrDeadLettering() throws Exception {
		Customer customer = TestEvents.customer();
		this.sandbox.failFor(national(customer), SandboxMode.permanent("131026"));
		CloudEvent<NotificationEvent> envelope = publish(customer);
		await().atMost(20, TimeUnit.SECONDS).until(() -> statusOf(envelope.id()) == NotificationStatus.FAILED);
		NotificationRecord record = find(envelope.id());
		assertThat(record.deadLettered()).isFalse();
		assertThat(record.errorCode()).isEqualTo("131026");
		assertThat(record.attempts()).singleElement()
			.satisfies((attempt) -> assertThat(attempt.providerCalls()).isOne());
		assertThat(deadLettersOf(envelope.id())).isEmpty();
	}

	@Test
	void rideOutARateLimitStormWithoutDeadLetteringAnything() throws Exception {
		this.sandbox.failNext(8, SandboxMode.rateLimited(Duration.ofSeconds(1)));
		List<Customer> customers = java.util.stream.Stream.generate(TestEvents::customer).limit(10).toList();
		List<String> ids = new java.util.ArrayList<>();
		for (Customer customer : customers) {
			ids.add(publish(customer).id());
		}
		await().atMost(60, TimeUnit.SECONDS)
			.until(() -> ids.stream().allMatch((id) -> statusOf(id) == NotificationStatus.SENT));
		for (String id : ids) {
			assertThat(find(id).deadLettered()).isFalse();
			assertThat(this.sandbox.receivedFor(find(id).id())).hasSize(1);
			assertThat(deadLettersOf(id)).isEmpty();
		}
	}

	@Test
	void expiresARetryWhoseMomentHasPassed() throws Exception {
		Customer customer = TestEvents.customer();
		this.sandbox.failFor(national(customer), SandboxMode.HTTP_503);
		java.time.OffsetDateTime eta = java.time.OffsetDateTime.now().plusSeconds(1);
		CloudEvent<NotificationEvent> envelope = TestEvents
			.envelope(new in.earlybird.events.DeliveryDelayed(customer, "del-late", eta, "traffic"));
		this.kafka.send(TestEvents.binary(this.topics.of(EventType.DELIVERY_DELAYED), envelope))
			.get(10, TimeUnit.SECONDS);
		await().atMost(20, TimeUnit.SECONDS).until(() -> statusOf(envelope.id()) == NotificationStatus.EXPIRED);
		NotificationRecord record = find(envelope.id());
		assertThat(record.attempts()).extracting(Attempt::outcome).containsExactly("transient", "expired");
		assertThat(record.errorCode()).isEqualTo("EXPIRED");
		assertThat(deadLettersOf(envelope.id())).isEmpty();
	}

	private NotificationRecord sendWhileFailing(int failures, SandboxMode mode) throws Exception {
		Customer customer = TestEvents.customer();
		this.sandbox.failFor(national(customer), failures, mode);
		CloudEvent<NotificationEvent> envelope = publish(customer);
		await().atMost(30, TimeUnit.SECONDS).until(() -> statusOf(envelope.id()) == NotificationStatus.SENT);
		NotificationRecord record = find(envelope.id());
		assertThat(this.sandbox.receivedFor(record.id())).hasSize(1);
		assertThat(deadLettersOf(envelope.id())).isEmpty();
		return record;
	}

	private static void assertSpacedByDelay(List<Attempt> attempts) {
		for (int i = 1; i < attempts.size(); i++) {
			assertThat(Duration.between(attempts.get(i - 1).at(), attempts.get(i).at()))
				.as("time between attempt %d and %d", i - 1, i)
				.isGreaterThanOrEqualTo(DELAY);
		}
	}

	private CloudEvent<NotificationEvent> publish(Customer customer) throws Exception {
		CloudEvent<NotificationEvent> envelope = TestEvents.envelope(TestEvents.deliveryScheduled(customer));
		this.kafka.send(TestEvents.binary(this.topics.of(EventType.DELIVERY_SCHEDULED), envelope))
			.get(10, TimeUnit.SECONDS);
		return envelope;
	}

	private List<ConsumerRecord<String, byte[]>> deadLettersOf(String eventId) {
		return TopicReader.readAll(this.bootstrapServers, this.topics.deadLetter())
			.stream()
			.filter((record) -> eventId.equals(header(record, FailureHeaders.EVENT_ID)))
			.toList();
	}

	private static String header(ConsumerRecord<String, byte[]> record, String name) {
		return TopicReader.header(record, name);
	}

	private static String national(Customer customer) {
		return PhoneNumber.parse(customer.phone()).nationalNumber();
	}

	private NotificationRecord find(String eventId) {
		return this.mongo.findOne(Query.query(Criteria.where("eventId").is(eventId)), NotificationRecord.class);
	}

	private NotificationStatus statusOf(String eventId) {
		NotificationRecord record = find(eventId);
		return (record != null) ? record.status() : null;
	}

}
