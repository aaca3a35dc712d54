package in.earlybird.notification.intake;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import com.mongodb.MongoException;
import in.earlybird.events.DeliveryScheduled;
import in.earlybird.events.EventType;
import in.earlybird.notification.TestEvents;
import in.earlybird.notification.delivery.DeliveryOutcome;
import in.earlybird.notification.delivery.DeliveryRequest;
import in.earlybird.notification.delivery.NotSentReason;
import in.earlybird.notification.delivery.NotificationDispatcher;
import in.earlybird.notification.delivery.Trigger;
import in.earlybird.notification.history.KafkaSource;
import in.earlybird.notification.history.NotificationStatus;
import in.earlybird.notification.retry.FailureHeaders;
import in.earlybird.notification.retry.FailureRouter;
import in.earlybird.notification.retry.Handoff;
import in.earlybird.notification.retry.OversizedValues;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.mockito.ArgumentCaptor;
import org.slf4j.MDC;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.dao.DataAccessResourceFailureException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.ArgumentMatchers.same;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.BDDMockito.willAnswer;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;

/**
 * One record from Kafka to its end, and how far it got when MongoDB or Kafka failed under
 * it: nothing is dispatched twice and every failure leaves a trace.
 */
@ExtendWith(OutputCaptureExtension.class)
class RecordProcessorTests {

	private static final String TOPIC = "earlybird.deliveries";

	private final CloudEventDecoder decoder = mock(CloudEventDecoder.class);

	private final NotificationDispatcher dispatcher = mock(NotificationDispatcher.class);

	private final FailureRouter router = mock(FailureRouter.class);

	private final OversizedValues oversized = mock(OversizedValues.class);

	private final RecordProcessor processor = new RecordProcessor(this.decoder, this.dispatcher, this.router,
			this.oversized);

	private final ConsumerRecord<String, byte[]> record = new ConsumerRecord<>(TOPIC, 3, 17, "cust-1",
			"{}".getBytes(StandardCharsets.UTF_8));

	private final DeliveryScheduled event = TestEvents.deliveryScheduled(TestEvents.customer());

	@Test
	void deadLettersAPoisonRecordWithoutDispatchingIt() throws Exception {
		given(this.decoder.decode(this.record)).willThrow(new PoisonEventException(CloudEventDecoder.SCHEMA_VIOLATION,
				"data does not match", "evt-1", "earlybird.delivery.scheduled"));

		this.processor.advance(work(false));

		then(this.router).should()
			.deadLetterPoison(this.record, CloudEventDecoder.SCHEMA_VIOLATION, "data does not match", "evt-1",
					"earlybird.delivery.scheduled");
		then(this.dispatcher).shouldHaveNoInteractions();
	}

	@Test
	void completesTheHandOffOfAnAnsweredOutcome() throws Exception {
		decodes("evt-1");
		DeliveryOutcome.Sent sent = new DeliveryOutcome.Sent("n-1", "msg-1", null, 1);
		given(this.dispatcher.dispatch(any(), anyString())).willReturn(sent);
		Handoff handoff = mock(Handoff.class);
		given(this.router.handoff(any(), any(), any())).willReturn(handoff);

		this.processor.advance(work(false));

		ArgumentCaptor<DeliveryRequest> request = ArgumentCaptor.forClass(DeliveryRequest.class);
		then(this.router).should().handoff(eq(this.record), request.capture(), eq(sent));
		then(this.router).should().complete(handoff);
		assertThat(request.getValue()).isEqualTo(new DeliveryRequest("evt-1", EventType.DELIVERY_SCHEDULED.ceType(),
				this.event, Trigger.EVENT, 0, new KafkaSource(TOPIC, 3, 17), null));
	}

	@Test
	void leavesASettledOutcomeAsItIs() throws Exception {
		decodes("evt-1");
		given(this.dispatcher.dispatch(any(), anyString()))
			.willReturn(new DeliveryOutcome.NotSent("n-1", NotSentReason.OPTED_OUT, "opted out"))
			.willReturn(new DeliveryOutcome.AlreadyHandled("n-1", NotificationStatus.SENT));

		this.processor.advance(work(false));
		this.processor.advance(work(false));

		then(this.router).shouldHaveNoInteractions();
	}

	@Test
	void resumesAFailedHandOffWithoutDispatchingAgain() throws Exception {
		decodes("evt-1");
		given(this.dispatcher.dispatch(any(), anyString()))
			.willReturn(new DeliveryOutcome.Sent("n-1", "msg-1", null, 1));
		Handoff handoff = mock(Handoff.class);
		given(this.router.handoff(any(), any(), any())).willReturn(handoff);
		willThrow(new DataAccessResourceFailureException("MongoDB is down")).willDoNothing()
			.given(this.router)
			.complete(handoff);
		RecordProcessor.Work work = work(false);

		assertThatExceptionOfType(DataAccessResourceFailureException.class)
			.isThrownBy(() -> this.processor.advance(work));
		this.processor.advance(work);

		then(this.decoder).should(times(1)).decode(any());
		then(this.dispatcher).should(times(1)).dispatch(any(), anyString());
		then(this.router).should(times(1)).handoff(any(), any(), any());
		then(this.router).should(times(2)).complete(handoff);
	}

	@Test
	void dispatchesAgainWithTheSameClaimTokenWhenMongoDbFailedUnderTheDispatch() throws Exception {
		decodes("evt-1");
		List<String> tokens = new ArrayList<>();
		willAnswer((invocation) -> {
			tokens.add(invocation.getArgument(1));
			if (tokens.size() == 1) {
				throw new MongoException("connection reset");
			}
			return new DeliveryOutcome.AlreadyHandled("n-1", NotificationStatus.SENT);
		}).given(this.dispatcher).dispatch(any(), anyString());
		RecordProcessor.Work work = work(false);

		assertThatExceptionOfType(MongoException.class).isThrownBy(() -> this.processor.advance(work));
		assertThat(work.mayHaveClaimed()).isTrue();
		this.processor.advance(work);

		assertThat(tokens).hasSize(2).doesNotContainNull();
		assertThat(tokens.get(1)).isEqualTo(tokens.get(0));
	}

	@Test
	void deadLettersAnUnexpectedFailure() throws Exception {
		decodes("evt-1");
		IllegalStateException bug = new IllegalStateException("a bug");
		given(this.dispatcher.dispatch(any(), anyString())).willThrow(bug);

		this.processor.advance(work(false));

		then(this.router).should().deadLetterUnexpected(eq(this.record), any(), same(bug));
	}

	@Test
	void deadLettersAnUnexpectedFailureOfTheHandOff() throws Exception {
		decodes("evt-1");
		given(this.dispatcher.dispatch(any(), anyString()))
			.willReturn(new DeliveryOutcome.Sent("n-1", "msg-1", null, 1));
		IllegalArgumentException bug = new IllegalArgumentException("not routed");
		given(this.router.handoff(any(), any(), any())).willThrow(bug);

		this.processor.advance(work(false));

		then(this.router).should().deadLetterUnexpected(eq(this.record), any(), same(bug));
	}

	@Test
	void logsAnUnexpectedFailureWhoseDeadLetteringFailedAndTriesOnlyThatAgain(CapturedOutput output) throws Exception {
		decodes("evt-1");
		given(this.dispatcher.dispatch(any(), anyString()))
			.willThrow(new IllegalStateException("the template engine broke"));
		KafkaException down = new KafkaException("the broker is down");
		willThrow(down).willThrow(down).willDoNothing().given(this.router).deadLetterUnexpected(any(), any(), any());
		RecordProcessor.Work work = work(false);

		assertThatExceptionOfType(KafkaException.class).isThrownBy(() -> this.processor.advance(work));
		assertThatExceptionOfType(KafkaException.class).isThrownBy(() -> this.processor.advance(work));
		this.processor.advance(work);

		assertThat(output.getOut()).containsOnlyOnce("could not be dead-lettered")
			.contains(TOPIC + "-3@17")
			.contains("the broker is down")
			.contains("java.lang.IllegalStateException: the template engine broke")
			.contains("at " + getClass().getName());
		then(this.dispatcher).should(times(1)).dispatch(any(), anyString());
		then(this.router).should(times(3)).deadLetterUnexpected(any(), any(), any());
	}

	@Test
	void readsARecordFromTheDelayTopicAsARetryOfItsOriginal() throws Exception {
		header(FailureHeaders.RETRY_ATTEMPT, "2");
		header(FailureHeaders.ORIGINAL_TOPIC, "earlybird.billing");
		header(FailureHeaders.ORIGINAL_PARTITION, "5");
		header(FailureHeaders.ORIGINAL_OFFSET, "901");
		decodes("evt-1");
		given(this.dispatcher.dispatch(any(), anyString()))
			.willReturn(new DeliveryOutcome.AlreadyHandled("n-1", NotificationStatus.SENT));

		this.processor.advance(work(true));

		ArgumentCaptor<DeliveryRequest> request = ArgumentCaptor.forClass(DeliveryRequest.class);
		then(this.dispatcher).should().dispatch(request.capture(), anyString());
		assertThat(request.getValue().trigger()).isEqualTo(Trigger.RETRY);
		assertThat(request.getValue().topicAttempt()).isEqualTo(2);
		assertThat(request.getValue().source()).isEqualTo(new KafkaSource("earlybird.billing", 5, 901));
	}

	@Test
	void readsAReplayedRecordAsAReplay() throws Exception {
		header(FailureHeaders.REPLAY_ID, "r-1");
		decodes("evt-1");
		given(this.dispatcher.dispatch(any(), anyString()))
			.willReturn(new DeliveryOutcome.AlreadyHandled("n-1", NotificationStatus.SENT));

		this.processor.advance(work(false));

		ArgumentCaptor<DeliveryRequest> request = ArgumentCaptor.forClass(DeliveryRequest.class);
		then(this.dispatcher).should().dispatch(request.capture(), anyString());
		assertThat(request.getValue().trigger()).isEqualTo(Trigger.REPLAY);
		assertThat(request.getValue().topicAttempt()).isZero();
	}

	@Test
	void namesTheEventInEveryLogLineWhileItsRecordIsProcessed() throws Exception {
		decodes("evt-7");
		List<String> seen = new ArrayList<>();
		willAnswer((invocation) -> {
			seen.add(MDC.get(RecordProcessor.EVENT_ID_MDC_KEY));
			return new DeliveryOutcome.AlreadyHandled("n-1", NotificationStatus.SENT);
		}).given(this.dispatcher).dispatch(any(), anyString());

		this.processor.advance(work(false));

		assertThat(seen).containsExactly("evt-7");
		assertThat(MDC.get(RecordProcessor.EVENT_ID_MDC_KEY)).isNull();
	}

	@Test
	void deadLettersAShortenedRecordWhoseWholeValueIsGone() throws Exception {
		header(OversizedValues.TRUNCATED, "true");
		given(this.oversized.wholeValue(this.record)).willReturn(Optional.empty());

		this.processor.advance(work(true));

		then(this.router).should()
			.deadLetterPoison(eq(this.record), eq(CloudEventDecoder.MALFORMED), anyString(), isNull(), isNull());
		then(this.decoder).should(never()).decode(any());
	}

	@Test
	void decodesAShortenedRecordFromItsWholeValue() throws Exception {
		header(OversizedValues.TRUNCATED, "true");
		byte[] whole = "{\"whole\": true}".getBytes(StandardCharsets.UTF_8);
		given(this.oversized.wholeValue(this.record)).willReturn(Optional.of(whole));
		given(this.decoder.decode(any())).willReturn(decoded("evt-1"));
		given(this.dispatcher.dispatch(any(), anyString()))
			.willReturn(new DeliveryOutcome.AlreadyHandled("n-1", NotificationStatus.SENT));

		this.processor.advance(work(true));

		ArgumentCaptor<ConsumerRecord<String, byte[]>> decoded = recordCaptor();
		then(this.decoder).should().decode(decoded.capture());
		assertThat(decoded.getValue().value()).isEqualTo(whole);
		assertThat(decoded.getValue().offset()).isEqualTo(17);
	}

	@Test
	void tellsMongoDbAndKafkaFailuresFromFaultsOfTheRecord() {
		assertThat(RecordProcessor.isInfrastructure(new DataAccessResourceFailureException("down"))).isTrue();
		assertThat(RecordProcessor.isInfrastructure(new MongoException("down"))).isTrue();
		assertThat(RecordProcessor.isInfrastructure(new KafkaException("down"))).isTrue();
		assertThat(RecordProcessor.isInfrastructure(new IllegalStateException("wrapped", new MongoException("down"))))
			.isTrue();
		assertThat(RecordProcessor.isInfrastructure(new IllegalStateException("a bug"))).isFalse();
		assertThat(RecordProcessor.isInfrastructure(new PoisonEventException("MALFORMED_EVENT", "bad", null, null)))
			.isFalse();
	}

	private RecordProcessor.Work work(boolean fromRetryTopic) {
		return new RecordProcessor.Work(this.record, fromRetryTopic);
	}

	private void decodes(String eventId) {
		given(this.decoder.decode(this.record)).willReturn(decoded(eventId));
	}

	private DecodedEvent decoded(String eventId) {
		return new DecodedEvent(eventId, EventType.DELIVERY_SCHEDULED, "/earlybird/test",
				OffsetDateTime.parse("2026-11-30T11:30:00+05:30"), this.event);
	}

	private void header(String name, String value) {
		this.record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
	}

	@SuppressWarnings("unchecked")
	private static ArgumentCaptor<ConsumerRecord<String, byte[]>> recordCaptor() {
		return ArgumentCaptor.forClass(ConsumerRecord.class);
	}

}
