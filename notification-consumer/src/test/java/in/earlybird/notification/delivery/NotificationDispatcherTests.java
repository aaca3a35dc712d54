package in.earlybird.notification.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import in.earlybird.events.ChurnRiskDetected;
import in.earlybird.events.Customer;
import in.earlybird.events.DeliveryScheduled;
import in.earlybird.events.NotificationEvent;
import in.earlybird.events.PhoneNumber;
import in.earlybird.notification.delivery.myoperator.FailureKind;
import in.earlybird.notification.delivery.myoperator.MyOperatorClient;
import in.earlybird.notification.delivery.myoperator.SendResult;
import in.earlybird.notification.delivery.myoperator.TemplateMessage;
import in.earlybird.notification.history.Attempt;
import in.earlybird.notification.history.AttemptOutcome;
import in.earlybird.notification.history.ClaimMode;
import in.earlybird.notification.history.ClaimResult;
import in.earlybird.notification.history.NotificationDraft;
import in.earlybird.notification.history.NotificationHistory;
import in.earlybird.notification.history.NotificationStatus;
import in.earlybird.notification.preferences.CustomerPreferenceStore;
import in.earlybird.notification.preferences.CustomerPreferences;
import in.earlybird.notification.preferences.QuietHours;
import in.earlybird.notification.templates.NotificationTemplates;
import in.earlybird.notification.templates.RenderedNotification;
import in.earlybird.notification.templates.TemplateFailures;
import in.earlybird.notification.templates.TemplateType;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.mockito.ArgumentCaptor;
import org.mockito.InOrder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;

/**
 * The dispatcher's decisions in their order (each earlier one wins over every later one),
 * and what each answer of the provider becomes.
 */
class NotificationDispatcherTests {

	/** 10:30 in India on 27 January 2026. */
	private static final Instant NOW = Instant.parse("2026-01-27T05:00:00Z");

	private static final String PHONE = "+919876543210";

	private static final Customer CUSTOMER = new Customer("cust-1001", "Priya", PHONE, "en");

	private static final String TOKEN = "claim-token-1";

	private final NotificationTemplates templates = mock(NotificationTemplates.class);

	private final MyOperatorClient provider = mock(MyOperatorClient.class);

	private final NotificationHistory history = mock(NotificationHistory.class);

	private final CustomerPreferenceStore preferences = mock(CustomerPreferenceStore.class);

	private final ProviderRateLimiter rateLimiter = mock(ProviderRateLimiter.class);

	private final RecipientPacing recipients = mock(RecipientPacing.class);

	private final DailyRecipientBudget dailyBudget = mock(DailyRecipientBudget.class);

	private final SenderInstance instance = mock(SenderInstance.class);

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	private final DeliveryProperties properties = new DeliveryProperties(80, Duration.ofSeconds(6), 10_000,
			Duration.ofSeconds(30), 1000,
			new DeliveryProperties.Retry(2, Duration.ofMillis(1), 2.0, Duration.ofMillis(2), 0.0),
			Duration.ofSeconds(60), Duration.ofMinutes(5), Duration.ofSeconds(5), Duration.ofSeconds(30));

	private NotificationDispatcher dispatcher = dispatcherAt(NOW);

	@BeforeEach
	void aCustomerWhoMaySendAndAProviderThatTakesIt() throws InterruptedException {
		given(this.preferences.find(anyString())).willReturn(Optional.empty());
		given(this.templates.render(any())).willAnswer((invocation) -> rendered(invocation.getArgument(0)));
		given(this.recipients.awaitTurn(anyString(), any())).willReturn(true);
		given(this.dailyBudget.admit(anyString())).willReturn(true);
		given(this.instance.id()).willReturn("instance-a");
		given(this.history.claim(any(), any(), anyString(), anyString())).willReturn(new ClaimResult.Claimed("n-1", 0));
		given(this.history.recordUnsent(any(), any(), any(), anyString(), anyString(), any()))
			.willReturn(new ClaimResult.Claimed("n-1", 0));
		given(this.provider.send(any(), any())).willReturn(new SendResult.Accepted("msg-1", "conv-1"));
	}

	@Test
	void countsTheRequestsStartAgainOnceItsConnectionIsReady() throws Exception {
		given(this.rateLimiter.awaitWindow()).willReturn(42L);
		given(this.provider.send(any(), any())).willAnswer((invocation) -> {
			invocation.<MyOperatorClient.BeforeWrite>getArgument(1).await();
			return new SendResult.Accepted("msg-1", "conv-1");
		});

		dispatch(reminder(CUSTOMER, LocalDate.of(2026, 1, 28)));

		InOrder order = inOrder(this.rateLimiter, this.provider);
		order.verify(this.rateLimiter).awaitWindow();
		order.verify(this.provider).send(any(), any());
		order.verify(this.rateLimiter).recountIfLate(42L);
	}

	@Test
	void sendsAClaimedMessageAfterTakingEachTurnInOrder() throws Exception {
		DeliveryOutcome outcome = dispatch(reminder(CUSTOMER, LocalDate.of(2026, 1, 28)));

		assertThat(outcome).isEqualTo(new DeliveryOutcome.Sent("n-1", "msg-1", "conv-1", 1));
		InOrder order = inOrder(this.recipients, this.dailyBudget, this.rateLimiter, this.history, this.provider);
		order.verify(this.recipients).awaitTurn(PHONE, Duration.ofSeconds(60));
		order.verify(this.dailyBudget).admit(PHONE);
		order.verify(this.rateLimiter).acquire();
		order.verify(this.history).claim(any(), eq(ClaimMode.NORMAL), eq(TOKEN), eq("instance-a"));
		order.verify(this.rateLimiter).awaitWindow();
		order.verify(this.provider).send(any(), any());
		ArgumentCaptor<TemplateMessage> message = ArgumentCaptor.forClass(TemplateMessage.class);
		then(this.provider).should().send(message.capture(), any());
		assertThat(message.getValue()).isEqualTo(new TemplateMessage("n-1", PhoneNumber.parse(PHONE),
				"delivery_reminder", "en", List.of("Priya", "28 Jan")));
		// Once it claimed, the dispatcher writes nothing: the caller makes it durable.
		then(this.history).should(never()).markSent(any(), any(), any(), any());
	}

	@Test
	void claimsADraftThatNamesTheTemplateItsCategoryAndTheRenderedText() throws Exception {
		dispatch(reminder(CUSTOMER, LocalDate.of(2026, 1, 28)));

		ArgumentCaptor<NotificationDraft> draft = ArgumentCaptor.forClass(NotificationDraft.class);
		then(this.history).should().claim(draft.capture(), any(), anyString(), anyString());
		assertThat(draft.getValue().eventId()).isEqualTo("evt-1");
		assertThat(draft.getValue().type()).isEqualTo("delivery_reminder");
		assertThat(draft.getValue().category()).isEqualTo("transactional");
		assertThat(draft.getValue().phone()).isEqualTo(PHONE);
		assertThat(draft.getValue().message()).isEqualTo("Hi Priya");
		assertThat(draft.getValue().referenceId()).isEqualTo("DEL-1");
	}

	@Test
	void refusesAnInvalidNumberBeforeAnythingElse() throws Exception {
		Customer invalid = new Customer("cust-1001", "Priya", "+91512", "en");
		given(this.preferences.find(anyString())).willReturn(Optional.of(optedOutOf("transactional")));

		DeliveryOutcome outcome = dispatch(reminder(invalid, LocalDate.of(2026, 1, 1)));

		assertNotSent(outcome, NotSentReason.INVALID_PHONE, NotificationStatus.FAILED, AttemptOutcome.PERMANENT);
		then(this.preferences).shouldHaveNoInteractions();
	}

	@Test
	void expiresAMessageWhoseMomentPassedBeforeLookingAtPreferences() throws Exception {
		given(this.preferences.find(anyString())).willReturn(Optional.of(optedOutOf("transactional")));

		DeliveryOutcome outcome = dispatch(reminder(CUSTOMER, LocalDate.of(2026, 1, 26)));

		assertNotSent(outcome, NotSentReason.EXPIRED, NotificationStatus.EXPIRED, AttemptOutcome.EXPIRED);
		then(this.preferences).shouldHaveNoInteractions();
	}

	@Test
	void sendsUpToTheLastInstantOfTheDayInIndiaAndExpiresAfterIt() throws Exception {
		DeliveryScheduled today = reminder(CUSTOMER, LocalDate.of(2026, 1, 27));
		Instant midnightInIndia = Instant.parse("2026-01-27T18:30:00Z");

		this.dispatcher = dispatcherAt(midnightInIndia);
		assertThat(dispatch(today)).isInstanceOf(DeliveryOutcome.Sent.class);
		this.dispatcher = dispatcherAt(midnightInIndia.plusNanos(1));
		assertThat(dispatch(today)).isInstanceOfSatisfying(DeliveryOutcome.NotSent.class,
				(notSent) -> assertThat(notSent.reason()).isEqualTo(NotSentReason.EXPIRED));
	}

	@Test
	void honoursAnOptOutBeforeRendering() throws Exception {
		given(this.preferences.find(PHONE)).willReturn(Optional.of(optedOutOf("transactional")));

		DeliveryOutcome outcome = dispatch(reminder(CUSTOMER, LocalDate.of(2026, 1, 28)));

		assertNotSent(outcome, NotSentReason.OPTED_OUT, NotificationStatus.FAILED, AttemptOutcome.OPTED_OUT);
		then(this.templates).shouldHaveNoInteractions();
	}

	@Test
	void sendsATransactionalMessageToACustomerWhoOptedOutOfPromotions() throws Exception {
		given(this.preferences.find(PHONE)).willReturn(Optional.of(optedOutOf("promotional")));

		assertThat(dispatch(reminder(CUSTOMER, LocalDate.of(2026, 1, 28)))).isInstanceOf(DeliveryOutcome.Sent.class);
	}

	@Test
	void recordsATemplateErrorBeforeLookingAtQuietHours() throws Exception {
		given(this.preferences.find(PHONE)).willReturn(Optional.of(quietNow()));
		willThrow(TemplateFailures.blankParameter(TemplateType.CHURN_RISK)).given(this.templates).render(any());

		DeliveryOutcome outcome = dispatch(new ChurnRiskDetected(CUSTOMER, 25, "COMEBACK25"));

		assertNotSent(outcome, NotSentReason.TEMPLATE_ERROR, NotificationStatus.FAILED, AttemptOutcome.PERMANENT);
		assertThat(((DeliveryOutcome.NotSent) outcome).detail()).contains("churn_risk").contains("{{2}}");
		then(this.history).should(never()).claim(any(), any(), anyString(), anyString());
	}

	@Test
	void holdsAPromotionalMessageInQuietHoursBeforePacingItsRecipient() throws Exception {
		given(this.preferences.find(PHONE)).willReturn(Optional.of(quietNow()));
		given(this.recipients.awaitTurn(anyString(), any())).willReturn(false);

		DeliveryOutcome outcome = dispatch(new ChurnRiskDetected(CUSTOMER, 25, "COMEBACK25"));

		assertThat(outcome)
			.isEqualTo(new DeliveryOutcome.RetryLater("n-1", AttemptOutcome.HELD, NotificationDispatcher.QUIET_HOURS,
					"the customer's quiet hours for promotional messages", false, null, 0));
		then(this.recipients).shouldHaveNoInteractions();
		then(this.provider).shouldHaveNoInteractions();
	}

	@Test
	void sendsATransactionalMessageInQuietHours() throws Exception {
		given(this.preferences.find(PHONE)).willReturn(Optional.of(quietNow()));

		assertThat(dispatch(reminder(CUSTOMER, LocalDate.of(2026, 1, 28)))).isInstanceOf(DeliveryOutcome.Sent.class);
	}

	@Test
	void holdsBackARecipientWhoMustWaitTooLongBeforeCountingTheDailyLimit() throws Exception {
		given(this.recipients.awaitTurn(anyString(), any())).willReturn(false);
		given(this.dailyBudget.admit(anyString())).willReturn(false);

		DeliveryOutcome outcome = dispatch(reminder(CUSTOMER, LocalDate.of(2026, 1, 28)));

		assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.RetryLater.class, (retry) -> {
			assertThat(retry.kind()).isEqualTo(AttemptOutcome.RATE_LIMITED);
			assertThat(retry.code()).isEqualTo(NotificationDispatcher.RECIPIENT_PAUSED);
			assertThat(retry.countsAgainstBudget()).isTrue();
			assertThat(retry.providerCalls()).isZero();
		});
		then(this.dailyBudget).shouldHaveNoInteractions();
		then(this.provider).shouldHaveNoInteractions();
	}

	@Test
	void holdsANewCustomerBeyondTheDailyLimitBeforeTakingATurn() throws Exception {
		given(this.dailyBudget.admit(anyString())).willReturn(false);

		DeliveryOutcome outcome = dispatch(reminder(CUSTOMER, LocalDate.of(2026, 1, 28)));

		assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.RetryLater.class, (retry) -> {
			assertThat(retry.kind()).isEqualTo(AttemptOutcome.HELD);
			assertThat(retry.code()).isEqualTo(NotificationDispatcher.DAILY_LIMIT);
			assertThat(retry.countsAgainstBudget()).isFalse();
		});
		then(this.rateLimiter).shouldHaveNoInteractions();
		then(this.provider).shouldHaveNoInteractions();
	}

	@Test
	void sendsNothingWhenAnotherAttemptHoldsTheClaim() throws Exception {
		given(this.history.claim(any(), any(), anyString(), anyString()))
			.willReturn(new ClaimResult.AlreadyHandled("n-1", NotificationStatus.SENDING, "another-token"));

		DeliveryOutcome outcome = dispatch(reminder(CUSTOMER, LocalDate.of(2026, 1, 28)));

		assertThat(outcome).isEqualTo(new DeliveryOutcome.AlreadyHandled("n-1", NotificationStatus.SENDING));
		then(this.provider).shouldHaveNoInteractions();
	}

	@Test
	void takesOverADeadLetteredNotificationOnlyOnReplay() throws Exception {
		dispatch(request(reminder(CUSTOMER, LocalDate.of(2026, 1, 28)), Trigger.REPLAY));

		then(this.history).should().claim(any(), eq(ClaimMode.REPLAY), eq(TOKEN), eq("instance-a"));
	}

	@ParameterizedTest
	@EnumSource(names = { "INVALID_MESSAGE", "MARKETING_LIMITED" })
	void recordsWhatTheProviderRefusesForGood(FailureKind kind) throws Exception {
		given(this.provider.send(any(), any())).willReturn(rejected(kind, "131026", null));

		assertThat(dispatchReminder()).isEqualTo(new DeliveryOutcome.Refused("n-1", "131026", "no", 1));
	}

	@Test
	void neverResendsAMessageTheProviderMayHave() throws Exception {
		given(this.provider.send(any(), any())).willReturn(rejected(FailureKind.IN_DOUBT, "READ_TIMEOUT", null));

		assertThat(dispatchReminder()).isEqualTo(new DeliveryOutcome.InDoubt("n-1", "READ_TIMEOUT", "no", 1));
		then(this.provider).should(times(1)).send(any(), any());
	}

	@Test
	void recordsInDoubtASendThatFailedUnexpectedlyOnceTheRequestWasMade() throws Exception {
		given(this.provider.send(any(), any())).willThrow(new IllegalStateException("an answer nobody foresaw"));

		assertThat(dispatchReminder())
			.isEqualTo(new DeliveryOutcome.InDoubt("n-1", NotificationDispatcher.UNEXPECTED_FAILURE,
					"java.lang.IllegalStateException: an answer nobody foresaw", 1));
		then(this.provider).should(times(1)).send(any(), any());
	}

	@Test
	void deadLettersASendThatFailedUnexpectedlyBeforeAnyRequest() throws Exception {
		willThrow(new IllegalStateException("a bug in the rate limiter")).given(this.rateLimiter).awaitWindow();

		assertThat(dispatchReminder())
			.isEqualTo(new DeliveryOutcome.DeadLetter("n-1", NotificationDispatcher.UNEXPECTED_FAILURE,
					"java.lang.IllegalStateException: a bug in the rate limiter", 0));
		then(this.provider).shouldHaveNoInteractions();
	}

	@Test
	void deadLettersWhatOnlyAnOperatorCanFix() throws Exception {
		given(this.provider.send(any(), any())).willReturn(rejected(FailureKind.CONFIGURATION, "CHAT_0302", null));

		assertThat(dispatchReminder()).isEqualTo(new DeliveryOutcome.DeadLetter("n-1", "CHAT_0302", "no", 1));
	}

	@Test
	void retriesATransientFailureInProcessThenHandsItToTheDelayTopic() throws Exception {
		given(this.provider.send(any(), any())).willReturn(rejected(FailureKind.TRANSIENT, "HTTP_503", null));

		assertThat(dispatchReminder()).isEqualTo(
				new DeliveryOutcome.RetryLater("n-1", AttemptOutcome.TRANSIENT, "HTTP_503", "no", true, null, 2));
		then(this.provider).should(times(2)).send(any(), any());
		// The retry takes a turn of its own.
		then(this.rateLimiter).should(times(2)).acquire();
		assertThat(this.meters.get("notification.provider.retries").counter().count()).isOne();
	}

	@Test
	void sendsWhenAnInProcessRetrySucceeds() throws Exception {
		given(this.provider.send(any(), any())).willReturn(rejected(FailureKind.TRANSIENT, "HTTP_503", null))
			.willReturn(new SendResult.Accepted("msg-2", null));

		assertThat(dispatchReminder()).isEqualTo(new DeliveryOutcome.Sent("n-1", "msg-2", null, 2));
	}

	@Test
	void handsAnEmptyWalletToTheDelayTopicWithoutRetryingInProcess() throws Exception {
		given(this.provider.send(any(), any()))
			.willReturn(rejected(FailureKind.INSUFFICIENT_BALANCE, "CHAT_4001", null));

		assertThat(dispatchReminder()).isEqualTo(
				new DeliveryOutcome.RetryLater("n-1", AttemptOutcome.TRANSIENT, "CHAT_4001", "no", true, null, 1));
	}

	@Test
	void pausesTheSenderAndTriesAgainWhenTheProviderAsksForAShortPause() throws Exception {
		given(this.provider.send(any(), any()))
			.willReturn(rejected(FailureKind.RATE_LIMITED, "130429", Duration.ofSeconds(2)))
			.willReturn(new SendResult.Accepted("msg-2", null));

		assertThat(dispatchReminder()).isEqualTo(new DeliveryOutcome.Sent("n-1", "msg-2", null, 2));
		then(this.rateLimiter).should().backOff(Duration.ofSeconds(2));
		assertThat(this.meters.get("notification.provider.throttled").counter().count()).isOne();
	}

	@Test
	void handsASlowDownLongerThanAMessageMayWaitToTheDelayTopicWithoutSpendingARetry() throws Exception {
		given(this.provider.send(any(), any()))
			.willReturn(rejected(FailureKind.RATE_LIMITED, "130429", Duration.ofSeconds(61)));

		assertThat(dispatchReminder()).isEqualTo(new DeliveryOutcome.RetryLater("n-1", AttemptOutcome.RATE_LIMITED,
				"130429", "no", false, Duration.ofSeconds(61), 1));
		then(this.rateLimiter).should().backOff(Duration.ofSeconds(61));
	}

	@Test
	void holdsOnlyTheRecipientBackWhenWhatsAppSaysItGotTooMany() throws Exception {
		given(this.provider.send(any(), any())).willReturn(rejected(FailureKind.RECIPIENT_RATE_LIMITED, "131056", null))
			.willReturn(new SendResult.Accepted("msg-2", null));

		assertThat(dispatchReminder()).isEqualTo(new DeliveryOutcome.Sent("n-1", "msg-2", null, 2));
		then(this.recipients).should().holdBack(PHONE, Duration.ofSeconds(6));
		then(this.rateLimiter).should(never()).backOff(any());
	}

	@Test
	void handsARecipientWhoMustWaitTooLongToTheDelayTopic() throws Exception {
		given(this.provider.send(any(), any()))
			.willReturn(rejected(FailureKind.RECIPIENT_RATE_LIMITED, "131056", Duration.ofSeconds(90)));
		given(this.recipients.awaitTurn(anyString(), any())).willReturn(true, false);

		assertThat(dispatchReminder()).isEqualTo(new DeliveryOutcome.RetryLater("n-1", AttemptOutcome.RATE_LIMITED,
				"131056", "no", true, Duration.ofSeconds(90), 1));
		then(this.recipients).should().holdBack(PHONE, Duration.ofSeconds(90));
	}

	@Test
	void countsEveryOutcomeByTemplateFromZero() throws Exception {
		assertThat(this.meters.get("notification.outcomes").counters())
			.hasSize(TemplateType.values().length * OutcomeTag.values().length)
			.allSatisfy((counter) -> assertThat(counter.count()).isZero());

		dispatchReminder();
		given(this.provider.send(any(), any())).willReturn(rejected(FailureKind.INVALID_MESSAGE, "131026", null));
		dispatchReminder();

		assertThat(outcomes("delivery_reminder", "sent")).isOne();
		assertThat(outcomes("delivery_reminder", "failed")).isOne();
		assertThat(outcomes("churn_risk", "sent")).isZero();
	}

	private double outcomes(String type, String outcome) {
		return this.meters.get("notification.outcomes").tag("type", type).tag("outcome", outcome).counter().count();
	}

	private void assertNotSent(DeliveryOutcome outcome, NotSentReason reason, NotificationStatus status,
			AttemptOutcome attemptOutcome) {
		assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.NotSent.class,
				(notSent) -> assertThat(notSent.reason()).isEqualTo(reason));
		ArgumentCaptor<Attempt> attempt = ArgumentCaptor.forClass(Attempt.class);
		then(this.history).should()
			.recordUnsent(any(), eq(ClaimMode.NORMAL), eq(status), eq(reason.code()), anyString(), attempt.capture());
		assertThat(attempt.getValue().outcome()).isEqualTo(attemptOutcome.value());
		assertThat(attempt.getValue().providerCalls()).isZero();
		then(this.history).should(never()).claim(any(), any(), anyString(), anyString());
		then(this.provider).shouldHaveNoInteractions();
	}

	private DeliveryOutcome dispatchReminder() throws InterruptedException {
		return dispatch(reminder(CUSTOMER, LocalDate.of(2026, 1, 28)));
	}

	private DeliveryOutcome dispatch(NotificationEvent event) throws InterruptedException {
		return dispatch(request(event, Trigger.EVENT));
	}

	private DeliveryOutcome dispatch(DeliveryRequest request) throws InterruptedException {
		return this.dispatcher.dispatch(request, TOKEN);
	}

	private NotificationDispatcher dispatcherAt(Instant now) {
		return new NotificationDispatcher(this.templates, this.provider, this.history, this.preferences,
				this.rateLimiter, this.recipients, this.dailyBudget, this.instance, this.properties,
				Clock.fixed(now, ZoneOffset.UTC), this.meters);
	}

	private static DeliveryRequest request(NotificationEvent event, Trigger trigger) {
		return new DeliveryRequest("evt-1", event.eventType().ceType(), event, trigger, 0, null, null);
	}

	private static DeliveryScheduled reminder(Customer customer, LocalDate day) {
		return new DeliveryScheduled(customer, "DEL-1", day, "6-8 AM", "Bandra West", "Toned Milk 500 ml");
	}

	private static RenderedNotification rendered(NotificationEvent event) {
		TemplateType type = TemplateType.of(event);
		return new RenderedNotification(type, type.key(), "en", List.of("Priya", "28 Jan"), "Hi Priya", 1, "en");
	}

	private static SendResult.Rejected rejected(FailureKind kind, String code, Duration retryAfter) {
		return new SendResult.Rejected(kind, code, "no", retryAfter, 400);
	}

	private static CustomerPreferences optedOutOf(String category) {
		return new CustomerPreferences(PHONE, null, Set.of(category), null, NOW, "asha");
	}

	/** Quiet hours around 10:30 in India. */
	private static CustomerPreferences quietNow() {
		return new CustomerPreferences(PHONE, null, Set.of(), new QuietHours("10:00", "11:00"), NOW, "asha");
	}

}
