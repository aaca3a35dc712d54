package in.earlybird.notification.retry;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import in.earlybird.events.CloudEvents;
import in.earlybird.notification.TestEvents;
import in.earlybird.notification.delivery.DeliveryOutcome;
import in.earlybird.notification.delivery.DeliveryRequest;
import in.earlybird.notification.delivery.NotificationDispatcher;
import in.earlybird.notification.delivery.Trigger;
import in.earlybird.notification.history.Attempt;
import in.earlybird.notification.history.AttemptOutcome;
import in.earlybird.notification.history.KafkaSource;
import in.earlybird.notification.history.NotificationHistory;
import in.earlybird.notification.shared.HeaderValues;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mockito.InOrder;

import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;

/**
 * Each way an answered attempt or a bad record becomes durable: which history call, which
 * topic with which headers, which metric, in which order, and how a hand-off resumes at
 * the step that failed.
 */
class FailureRouterTests {

	private static final Instant NOW = Instant.parse("2026-11-30T06:00:00Z");

	/** When the original record was written. */
	private static final Instant WRITTEN = Instant.parse("2026-11-30T05:59:58Z");

	private static final String TOPIC = "earlybird.deliveries";

	private final KafkaTemplate<String, byte[]> kafka = kafkaTemplate();

	private final NotificationHistory history = mock(NotificationHistory.class);

	private final NotificationDispatcher dispatcher = mock(NotificationDispatcher.class);

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final OversizedValues oversized = mock(OversizedValues.class);

	private final RetryProperties properties = new RetryProperties("notifications.retry", "notifications.dlt",
			Duration.ofMinutes(5), 3, 6, (short) 1, Duration.ofSeconds(1), 100_000);

	private final FailureRouter router = new FailureRouter(this.kafka, this.history, this.dispatcher, this.properties,
			Clock.fixed(NOW, ZoneOffset.UTC), this.meters, this.oversized);

	private final List<ProducerRecord<String, byte[]>> published = new ArrayList<>();

	private final ConsumerRecord<String, byte[]> record = record(TOPIC, new RecordHeaders());

	@BeforeEach
	void collaborators() {
		given(this.kafka.send(any(ProducerRecord.class))).willAnswer((invocation) -> {
			this.published.add(invocation.getArgument(0));
			return CompletableFuture.<SendResult<String, byte[]>>completedFuture(null);
		});
		// The dispatcher stamps attempts with its own clock; the router keeps the
		// moment the outcome was decided.
		given(this.dispatcher.attempt(any(), any(), any(), any(), anyInt())).willAnswer((invocation) -> {
			DeliveryRequest request = invocation.getArgument(0);
			AttemptOutcome outcome = invocation.getArgument(1);
			return new Attempt(NOW.plusSeconds(42), request.trigger().value(), request.topicAttempt(), outcome.value(),
					invocation.getArgument(2), invocation.getArgument(3), invocation.getArgument(4));
		});
	}

	@Test
	void startsEveryFailureSeriesAtZero() {
		for (FailureClass failureClass : FailureClass.values()) {
			assertThat(deadLettered(failureClass)).isZero();
		}
		assertThat(this.meters.find("notification.retries.scheduled").counters()).hasSize(3);
	}

	@Test
	void recordsASentMessageInHistoryOnly() {
		complete(request(0), new DeliveryOutcome.Sent("n-1", "msg-1", "conv-1", 2));

		then(this.history).should()
			.markSent("n-1", "msg-1", "conv-1", new Attempt(NOW, "event", 0, "sent", null, null, 2));
		then(this.kafka).shouldHaveNoInteractions();
		assertThat(this.meters.get("notification.dead_lettered").counters())
			.allSatisfy((counter) -> assertThat(counter.count()).isZero());
	}

	@Test
	void recordsARefusalAsAPermanentFailureInHistoryOnly() {
		complete(request(0), new DeliveryOutcome.Refused("n-1", "131026", "undeliverable", 1));

		then(this.history).should()
			.markFailed("n-1", "131026", "undeliverable", false,
					new Attempt(NOW, "event", 0, "permanent", "131026", "undeliverable", 1));
		then(this.kafka).shouldHaveNoInteractions();
	}

	@Test
	void recordsAnAttemptInDoubtInHistoryOnly() {
		complete(request(0), new DeliveryOutcome.InDoubt("n-1", "READ_TIMEOUT", "no answer", 1));

		then(this.history).should()
			.markInDoubt("n-1", "READ_TIMEOUT", "no answer",
					new Attempt(NOW, "event", 0, "in_doubt", "READ_TIMEOUT", "no answer", 1));
		then(this.kafka).shouldHaveNoInteractions();
	}

	@ParameterizedTest
	@CsvSource({ "TRANSIENT, true, ProviderTransient, 1", "RATE_LIMITED, false, ProviderRateLimited, 0",
			"HELD, false, Held, 0" })
	void schedulesARetryInHistoryThenOnTheDelayTopic(AttemptOutcome kind, boolean counts, String failureClass,
			int nextAttempt) {
		complete(request(0), new DeliveryOutcome.RetryLater("n-1", kind, "CODE_1", "not now", counts, null, 3));

		InOrder order = inOrder(this.history, this.kafka);
		order.verify(this.history)
			.markRetryScheduled("n-1", NOW.plus(Duration.ofMinutes(5)), "CODE_1", "not now",
					new Attempt(NOW, "event", 0, kind.value(), "CODE_1", "not now", 3));
		order.verify(this.kafka).send(any(ProducerRecord.class));
		ProducerRecord<String, byte[]> retry = this.published.getFirst();
		assertThat(retry.topic()).isEqualTo("notifications.retry");
		assertThat(retry.key()).isEqualTo("cust-1");
		assertThat(retry.value()).isEqualTo(this.record.value());
		assertThat(header(retry, FailureHeaders.RETRY_ATTEMPT)).isEqualTo(Integer.toString(nextAttempt));
		assertThat(header(retry, FailureHeaders.RETRY_DUE_AT)).isEqualTo("2026-11-30T06:05:00Z");
		assertThat(header(retry, FailureHeaders.FAILURE_CLASS)).isEqualTo(failureClass);
		assertThat(header(retry, FailureHeaders.ERROR_CODE)).isEqualTo("CODE_1");
		assertThat(header(retry, FailureHeaders.EXCEPTION_MESSAGE)).isEqualTo("not now");
		assertThat(header(retry, FailureHeaders.ATTEMPTS)).isEqualTo("1");
		assertOriginalHeaders(retry);
		assertThat(this.meters.get("notification.retries.scheduled").tag("reason", failureClass).counter().count())
			.isOne();
		assertThat(this.meters.get("notification.retries.scheduled").counters())
			.filteredOn((counter) -> counter.count() > 0)
			.hasSize(1);
	}

	@Test
	void deadLettersARetryWhoseTripsAreSpentThenRecordsIt() {
		complete(request(3), new DeliveryOutcome.RetryLater("n-1", AttemptOutcome.TRANSIENT, "HTTP_503",
				"Service Unavailable", true, null, 4));

		InOrder order = inOrder(this.kafka, this.history);
		order.verify(this.kafka).send(any(ProducerRecord.class));
		order.verify(this.history)
			.markFailed("n-1", "HTTP_503", "gave up after 4 attempts: Service Unavailable", true,
					new Attempt(NOW, "event", 3, "dead_lettered", "HTTP_503", "Service Unavailable", 4));
		ProducerRecord<String, byte[]> deadLetter = this.published.getFirst();
		assertThat(deadLetter.topic()).isEqualTo("notifications.dlt");
		assertThat(header(deadLetter, FailureHeaders.FAILURE_CLASS)).isEqualTo("ProviderTransient");
		assertThat(header(deadLetter, FailureHeaders.ATTEMPTS)).isEqualTo("4");
		assertThat(header(deadLetter, FailureHeaders.RETRY_ATTEMPT)).isNull();
		assertThat(header(deadLetter, FailureHeaders.RETRY_DUE_AT)).isNull();
		assertOriginalHeaders(deadLetter);
		assertThat(deadLettered(FailureClass.ProviderTransient)).isOne();
		assertThat(this.meters.get("notification.retries.scheduled").counters())
			.allSatisfy((counter) -> assertThat(counter.count()).isZero());
	}

	@Test
	void deadLettersARefusedConfigurationThenRecordsIt() {
		complete(request(0), new DeliveryOutcome.DeadLetter("n-1", "CHAT_0302", "WABA disabled", 1));

		InOrder order = inOrder(this.kafka, this.history);
		order.verify(this.kafka).send(any(ProducerRecord.class));
		order.verify(this.history)
			.markFailed("n-1", "CHAT_0302", "WABA disabled", true,
					new Attempt(NOW, "event", 0, "dead_lettered", "CHAT_0302", "WABA disabled", 1));
		ProducerRecord<String, byte[]> deadLetter = this.published.getFirst();
		assertThat(deadLetter.topic()).isEqualTo("notifications.dlt");
		assertThat(header(deadLetter, FailureHeaders.FAILURE_CLASS)).isEqualTo("ProviderConfiguration");
		assertThat(header(deadLetter, FailureHeaders.ERROR_CODE)).isEqualTo("CHAT_0302");
		assertThat(header(deadLetter, FailureHeaders.ATTEMPTS)).isEqualTo("1");
		assertThat(deadLettered(FailureClass.ProviderConfiguration)).isOne();
	}

	@Test
	void deadLettersAPoisonRecordWithoutTouchingHistory() {
		this.router.deadLetterPoison(this.record, "SCHEMA_VIOLATION", "/customer/phone: +919876543210 is invalid",
				"11234562-7ef5-4c21-9a55-123456789012", "earlybird.delivery.scheduled");

		ProducerRecord<String, byte[]> deadLetter = this.published.getFirst();
		assertThat(deadLetter.topic()).isEqualTo("notifications.dlt");
		assertThat(header(deadLetter, FailureHeaders.FAILURE_CLASS)).isEqualTo("PoisonEvent");
		assertThat(header(deadLetter, FailureHeaders.ERROR_CODE)).isEqualTo("SCHEMA_VIOLATION");
		assertThat(header(deadLetter, FailureHeaders.EXCEPTION_MESSAGE))
			.isEqualTo("/customer/phone: +91 98•••••210 is invalid");
		assertThat(header(deadLetter, FailureHeaders.ATTEMPTS)).isEqualTo("1");
		assertThat(header(deadLetter, FailureHeaders.EVENT_ID)).isEqualTo("11234562-7ef5-4c21-9a55-123456789012");
		assertOriginalHeaders(deadLetter);
		assertThat(deadLettered(FailureClass.PoisonEvent)).isOne();
		then(this.history).shouldHaveNoInteractions();
	}

	@Test
	void deadLettersAnUnexpectedFailureAsAProcessingError() {
		this.router.deadLetterUnexpected(this.record, request(2),
				new IllegalStateException("no template for +919876543210"));

		ProducerRecord<String, byte[]> deadLetter = this.published.getFirst();
		assertThat(deadLetter.topic()).isEqualTo("notifications.dlt");
		assertThat(header(deadLetter, FailureHeaders.FAILURE_CLASS)).isEqualTo("ProcessingError");
		assertThat(header(deadLetter, FailureHeaders.ERROR_CODE)).isEqualTo("PROCESSING_ERROR");
		assertThat(header(deadLetter, FailureHeaders.EXCEPTION_MESSAGE))
			.isEqualTo("java.lang.IllegalStateException: no template for +91 98•••••210");
		assertThat(header(deadLetter, FailureHeaders.ATTEMPTS)).isEqualTo("3");
		assertThat(header(deadLetter, FailureHeaders.EVENT_ID)).isEqualTo("evt-1");
		assertThat(deadLettered(FailureClass.ProcessingError)).isOne();
		then(this.history).shouldHaveNoInteractions();
	}

	@Test
	void deadLettersAnUnexpectedFailureOfARecordThatWasNeverDecoded() {
		this.router.deadLetterUnexpected(this.record, null, new IllegalStateException("a bug"));

		ProducerRecord<String, byte[]> deadLetter = this.published.getFirst();
		assertThat(header(deadLetter, FailureHeaders.ATTEMPTS)).isEqualTo("1");
		assertThat(header(deadLetter, FailureHeaders.EVENT_ID)).isNull();
		assertThat(header(deadLetter, FailureHeaders.EVENT_TYPE)).isNull();
	}

	@Test
	void resumesARetryAtThePublishThatFailedWithoutRecordingItTwice() {
		given(this.kafka.send(any(ProducerRecord.class)))
			.willReturn(CompletableFuture.failedFuture(new KafkaException("the delay topic is unavailable")))
			.willAnswer((invocation) -> {
				this.published.add(invocation.getArgument(0));
				return CompletableFuture.<SendResult<String, byte[]>>completedFuture(null);
			});
		Handoff handoff = this.router.handoff(this.record, request(0),
				new DeliveryOutcome.RetryLater("n-1", AttemptOutcome.TRANSIENT, "HTTP_503", "down", true, null, 1));

		assertThatExceptionOfType(FailureRoutingException.class).isThrownBy(() -> this.router.complete(handoff));
		assertThat(handoff.isDone()).isFalse();
		assertThat(handoff.next()).isEqualTo(Handoff.Step.PUBLISH_RETRY);
		this.router.complete(handoff);

		assertThat(handoff.isDone()).isTrue();
		then(this.history).should(times(1)).markRetryScheduled(any(), any(), any(), any(), any());
		then(this.kafka).should(times(2)).send(any(ProducerRecord.class));
		assertThat(this.published).hasSize(1);
		assertThat(
				this.meters.get("notification.retries.scheduled").tag("reason", "ProviderTransient").counter().count())
			.isOne();
	}

	@Test
	void resumesADeadLetterAtTheHistoryWriteThatFailedWithoutPublishingItTwice() {
		willThrow(new DataAccessResourceFailureException("MongoDB is down")).willDoNothing()
			.given(this.history)
			.markFailed(any(), any(), any(), anyBoolean(), any());
		Handoff handoff = this.router.handoff(this.record, request(0),
				new DeliveryOutcome.DeadLetter("n-1", "CHAT_0302", "WABA disabled", 1));

		assertThatExceptionOfType(DataAccessResourceFailureException.class)
			.isThrownBy(() -> this.router.complete(handoff));
		assertThat(handoff.next()).isEqualTo(Handoff.Step.RECORD_DEAD_LETTER);
		this.router.complete(handoff);

		then(this.kafka).should(times(1)).send(any(ProducerRecord.class));
		then(this.history).should(times(2)).markFailed(any(), any(), any(), anyBoolean(), any());
		assertThat(deadLettered(FailureClass.ProviderConfiguration)).isOne();
	}

	@Test
	void keepsWhereAnEventWasFirstReadWhenItFailsAgainFromTheDelayTopic() {
		RecordHeaders headers = new RecordHeaders();
		add(headers, FailureHeaders.ORIGINAL_TOPIC, TOPIC);
		add(headers, FailureHeaders.ORIGINAL_PARTITION, "2");
		add(headers, FailureHeaders.ORIGINAL_OFFSET, "41");
		add(headers, FailureHeaders.ORIGINAL_TIMESTAMP, WRITTEN.toString());
		add(headers, FailureHeaders.FIRST_FAILURE_AT, "2026-11-30T05:00:00Z");
		add(headers, FailureHeaders.RETRY_ATTEMPT, "1");
		add(headers, CloudEvents.ID_HEADER, "evt-1");
		ConsumerRecord<String, byte[]> fromDelayTopic = new ConsumerRecord<>("notifications.retry", 0, 7,
				NOW.toEpochMilli(), TimestampType.CREATE_TIME, -1, -1, "cust-1", value(), headers, Optional.empty());

		this.router.complete(this.router.handoff(fromDelayTopic, request(1),
				new DeliveryOutcome.RetryLater("n-1", AttemptOutcome.TRANSIENT, "HTTP_503", "down", true, null, 1)));

		ProducerRecord<String, byte[]> retry = this.published.getFirst();
		assertOriginalHeaders(retry);
		assertThat(header(retry, FailureHeaders.FIRST_FAILURE_AT)).isEqualTo("2026-11-30T05:00:00Z");
		assertThat(header(retry, FailureHeaders.RETRY_ATTEMPT)).isEqualTo("2");
		assertThat(retry.headers().headers(FailureHeaders.RETRY_ATTEMPT)).hasSize(1);
	}

	@Test
	void shortensARecordTooLargeForTheTopic() {
		ProducerRecord<String, byte[]> shortened = new ProducerRecord<>("notifications.dlt", "cust-1", new byte[10]);
		given(this.oversized.shorten(any())).willReturn(shortened);
		ConsumerRecord<String, byte[]> large = new ConsumerRecord<>(TOPIC, 2, 41, "cust-1", new byte[150_000]);

		this.router.deadLetterPoison(large, "SCHEMA_VIOLATION", "too big to read", null, null);

		assertThat(this.published).containsExactly(shortened);
	}

	private void complete(DeliveryRequest request, DeliveryOutcome.Answered outcome) {
		this.router.complete(this.router.handoff(this.record, request, outcome));
	}

	private double deadLettered(FailureClass failureClass) {
		return this.meters.get("notification.dead_lettered").tag("reason", failureClass.name()).counter().count();
	}

	private void assertOriginalHeaders(ProducerRecord<String, byte[]> out) {
		assertThat(header(out, FailureHeaders.ORIGINAL_TOPIC)).isEqualTo(TOPIC);
		assertThat(header(out, FailureHeaders.ORIGINAL_PARTITION)).isEqualTo("2");
		assertThat(header(out, FailureHeaders.ORIGINAL_OFFSET)).isEqualTo("41");
		assertThat(header(out, FailureHeaders.ORIGINAL_TIMESTAMP)).isEqualTo(WRITTEN.toString());
		assertThat(header(out, FailureHeaders.ORIGINAL_KEY)).isEqualTo("cust-1");
		assertThat(header(out, FailureHeaders.LAST_FAILURE_AT)).isEqualTo(NOW.toString());
		// The CloudEvent travels unchanged.
		assertThat(header(out, CloudEvents.ID_HEADER)).isEqualTo("evt-1");
	}

	private static DeliveryRequest request(int topicAttempt) {
		return new DeliveryRequest("evt-1", "earlybird.delivery.scheduled",
				TestEvents.deliveryScheduled(TestEvents.customer()), Trigger.EVENT, topicAttempt,
				new KafkaSource(TOPIC, 2, 41), null);
	}

	private static ConsumerRecord<String, byte[]> record(String topic, RecordHeaders headers) {
		add(headers, CloudEvents.ID_HEADER, "evt-1");
		add(headers, CloudEvents.TYPE_HEADER, "earlybird.delivery.scheduled");
		return new ConsumerRecord<>(topic, 2, 41, WRITTEN.toEpochMilli(), TimestampType.CREATE_TIME, -1, -1, "cust-1",
				value(), headers, Optional.empty());
	}

	private static byte[] value() {
		return "{\"customer\":{}}".getBytes(StandardCharsets.UTF_8);
	}

	private static void add(RecordHeaders headers, String name, String value) {
		headers.add(name, value.getBytes(StandardCharsets.UTF_8));
	}

	private static String header(ProducerRecord<String, byte[]> record, String name) {
		return HeaderValues.text(record.headers(), name);
	}

	@SuppressWarnings("unchecked")
	private static KafkaTemplate<String, byte[]> kafkaTemplate() {
		return mock(KafkaTemplate.class);
	}

}
