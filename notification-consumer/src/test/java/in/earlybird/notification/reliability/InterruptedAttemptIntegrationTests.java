package in.earlybird.notification.reliability;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import in.earlybird.events.CloudEvent;
import in.earlybird.events.EventType;
import in.earlybird.events.NotificationEvent;
import in.earlybird.notification.NotificationIntegrationTest;
import in.earlybird.notification.TestEvents;
import in.earlybird.notification.TestTopics;
import in.earlybird.notification.history.ClaimMode;
import in.earlybird.notification.history.NotificationDraft;
import in.earlybird.notification.history.NotificationHistory;
import in.earlybird.notification.history.NotificationRecord;
import in.earlybird.notification.history.NotificationStatus;
import in.earlybird.notification.sandbox.MyOperatorSandbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.willAnswer;

/**
 * MongoDB fails at the two worst moments of an attempt, exactly once each: right after
 * the provider accepted a message, and right after a claim was written but before its
 * answer arrived. The record, tried again in place, must finish the attempt from where it
 * stopped: sent once, recorded as sent.
 */
@NotificationIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class InterruptedAttemptIntegrationTests {

	@MockitoSpyBean
	NotificationHistory history;

	@Autowired
	KafkaTemplate<String, byte[]> kafka;

	@Autowired
	MyOperatorSandbox sandbox;

	@Autowired
	TestTopics topics;

	@Autowired
	MongoTemplate mongo;

	@Test
	void recordsAnAcceptedMessageWhoseRecordingFailedWithoutSendingItAgain(CapturedOutput output) throws Exception {
		AtomicBoolean failed = new AtomicBoolean();
		willAnswer((invocation) -> {
			if (failed.compareAndSet(false, true)) {
				throw new DataAccessResourceFailureException("MongoDB went away after the provider answered");
			}
			return invocation.callRealMethod();
		}).given(this.history).markSent(anyString(), anyString(), any(), any());
		NotificationRecord record = publishAndAwaitSent();
		assertThat(failed).isTrue();
		assertThat(this.sandbox.receivedFor(record.id())).hasSize(1);
		assertThat(record.providerMessageId()).isEqualTo(this.sandbox.receivedFor(record.id()).getFirst().messageId());
		assertThat(output.getAll()).contains("Infrastructure failure on").contains("trying it again");
		assertThat(record.attempts()).singleElement()
			.satisfies((attempt) -> assertThat(attempt.providerCalls()).isOne());
	}

	@Test
	void sendsAMessageWhoseClaimWasWrittenButWhoseAnswerWasLost(CapturedOutput output) throws Exception {
		AtomicBoolean failed = new AtomicBoolean();
		willAnswer((invocation) -> {
			Object result = invocation.callRealMethod();
			if (failed.compareAndSet(false, true)) {
				throw new DataAccessResourceFailureException("The claim was written but its answer was lost");
			}
			return result;
		}).given(this.history).claim(any(NotificationDraft.class), any(ClaimMode.class), anyString(), anyString());
		NotificationRecord record = publishAndAwaitSent();
		assertThat(failed).isTrue();
		assertThat(this.sandbox.receivedFor(record.id())).hasSize(1);
		assertThat(output.getAll()).contains("Infrastructure failure on").contains("trying it again");
		assertThat(record.attempts()).singleElement()
			.satisfies((attempt) -> assertThat(attempt.providerCalls()).isOne());
	}

	private NotificationRecord publishAndAwaitSent() throws Exception {
		CloudEvent<NotificationEvent> envelope = TestEvents
			.envelope(TestEvents.deliveryScheduled(TestEvents.customer()));
		this.kafka.send(TestEvents.binary(this.topics.of(EventType.DELIVERY_SCHEDULED), envelope))
			.get(10, TimeUnit.SECONDS);
		await().atMost(20, TimeUnit.SECONDS).until(() -> {
			NotificationRecord record = find(envelope.id());
			return record != null && record.status() == NotificationStatus.SENT;
		});
		return find(envelope.id());
	}

	private NotificationRecord find(String eventId) {
		return this.mongo.findOne(Query.query(Criteria.where("eventId").is(eventId)), NotificationRecord.class);
	}

}
