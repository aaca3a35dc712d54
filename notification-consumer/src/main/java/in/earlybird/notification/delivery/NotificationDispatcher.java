package in.earlybird.notification.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import in.earlybird.events.BillGenerated;
import in.earlybird.events.ChurnRiskDetected;
import in.earlybird.events.DeliveryConfirmed;
import in.earlybird.events.DeliveryDelayed;
import in.earlybird.events.DeliveryScheduled;
import in.earlybird.events.InvalidPhoneNumberException;
import in.earlybird.events.NotificationEvent;
import in.earlybird.events.OrderCreated;
import in.earlybird.events.PaymentRecorded;
import in.earlybird.events.PhoneNumber;
import in.earlybird.events.ProductLaunched;
import in.earlybird.events.SubscriptionCreated;
import in.earlybird.events.SubscriptionPaused;
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
import in.earlybird.notification.preferences.CustomerPreferenceStore;
import in.earlybird.notification.preferences.CustomerPreferences;
import in.earlybird.notification.shared.EventJson;
import in.earlybird.notification.shared.Redaction;
import in.earlybird.notification.templates.NotificationTemplates;
import in.earlybird.notification.templates.RenderedNotification;
import in.earlybird.notification.templates.TemplateRenderingException;
import in.earlybird.notification.templates.TemplateType;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Decides whether, what and when to send for one event, and sends it.
 *
 * <p>
 * In order: refuse an invalid number; expire what is too late; honour opt-outs; render;
 * hold a promotional message back during the customer's quiet hours; wait for the
 * recipient's turn (WhatsApp's pair rate); hold it back if a new customer would exceed
 * the daily recipient limit; wait for a turn under the number's throughput limit; claim
 * the notification in history (only one claimant wins, so a redelivered event is never
 * sent twice); call MyOperator with short retries.
 *
 * <p>
 * Waiting happens before the claim, so an instance that dies while waiting leaves nothing
 * claimed; between the claim and the provider request there is only the last check that
 * no second exceeds the limit. Once a notification is claimed, the dispatcher writes
 * nothing more: it returns an {@link DeliveryOutcome.Answered} for the caller to make
 * durable, so a failure while recording an outcome never causes a second send.
 */
@Component
public class NotificationDispatcher {

	private static final Logger logger = LoggerFactory.getLogger(NotificationDispatcher.class);

	/**
	 * At TRACE, when each provider request starts, as paced: with the provider's arrival
	 * times, it tells how much of a busy second the way there added.
	 */
	private static final Logger requestStarts = LoggerFactory.getLogger("in.earlybird.notification.pacing");

	/** The code of a promotional message held back by the customer's quiet hours. */
	public static final String QUIET_HOURS = "QUIET_HOURS";

	/** The code of a message held back because the daily recipient limit is reached. */
	public static final String DAILY_LIMIT = "DAILY_RECIPIENT_LIMIT";

	/** The code of a message whose recipient must wait longer than a message may. */
	public static final String RECIPIENT_PAUSED = "RECIPIENT_PAUSED";

	/**
	 * The code of a send that failed in a way nobody foresaw (a bug) after its claim: in
	 * doubt once a provider request was made, failed and dead-lettered before.
	 */
	public static final String UNEXPECTED_FAILURE = "UNEXPECTED_FAILURE";

	private final NotificationTemplates templates;

	private final MyOperatorClient provider;

	private final NotificationHistory history;

	private final CustomerPreferenceStore preferences;

	private final ProviderRateLimiter rateLimiter;

	private final RecipientPacing recipients;

	private final DailyRecipientBudget dailyBudget;

	private final SenderInstance instance;

	private final Retry retry;

	/** {@code notification.outcomes} by template type and outcome, looked up once. */
	private final Map<String, Counter> outcomes = new java.util.concurrent.ConcurrentHashMap<>();

	private final DeliveryProperties properties;

	private final Clock clock;

	private final MeterRegistry meters;

	private final Timer providerLatency;

	private final Timer renderTime;

	private final Counter inProcessRetries;

	private final Counter throttled;

	NotificationDispatcher(NotificationTemplates templates, MyOperatorClient provider, NotificationHistory history,
			CustomerPreferenceStore preferences, ProviderRateLimiter rateLimiter, RecipientPacing recipients,
			DailyRecipientBudget dailyBudget, SenderInstance instance, DeliveryProperties properties, Clock clock,
			MeterRegistry meters) {
		this.templates = templates;
		this.provider = provider;
		this.history = history;
		this.preferences = preferences;
		this.rateLimiter = rateLimiter;
		this.recipients = recipients;
		this.dailyBudget = dailyBudget;
		this.instance = instance;
		this.properties = properties;
		this.clock = clock;
		this.meters = meters;
		this.retry = Retry.of("myoperator", retryConfig(properties.retry()));
		this.providerLatency = Timer.builder("notification.provider.latency")
			.description("Time MyOperator took to answer a send request")
			.publishPercentileHistogram()
			.register(meters);
		this.renderTime = Timer.builder("notification.template.render")
			.description("Time to render a template's parameters and body")
			.register(meters);
		this.inProcessRetries = meters.counter("notification.provider.retries");
		this.throttled = meters.counter("notification.provider.throttled");
		// Every series exists from the start, so rates and alerts see a zero, not a gap.
		for (TemplateType type : TemplateType.values()) {
			for (OutcomeTag outcome : OutcomeTag.values()) {
				this.outcomes.put(type.key() + '/' + outcome.value(),
						meters.counter("notification.outcomes", "type", type.key(), "outcome", outcome.value()));
			}
		}
	}

	private static RetryConfig retryConfig(DeliveryProperties.Retry retry) {
		IntervalFunction backoff = IntervalFunction.ofExponentialRandomBackoff(retry.initialBackoff(),
				retry.multiplier(), retry.jitter(), retry.maxBackoff());
		IntervalBiFunction<SendResult> honourRetryAfter = (attempt, either) -> {
			long computed = backoff.apply(attempt);
			if (either.isRight() && either.get() instanceof SendResult.Rejected rejected
					&& rejected.retryAfter() != null) {
				return Math.max(computed, Math.min(rejected.retryAfter().toMillis(), retry.maxBackoff().toMillis()));
			}
			return computed;
		};
		return RetryConfig.<SendResult>custom()
			.maxAttempts(retry.maxAttempts())
			.retryOnResult((result) -> result instanceof SendResult.Rejected rejected
					&& rejected.kind() == FailureKind.TRANSIENT)
			// Never on an exception: an unforeseen one may come after the provider took
			// the message, and sending it again would be a duplicate.
			.retryOnException((ex) -> false)
			.intervalBiFunction(honourRetryAfter)
			.failAfterMaxAttempts(false)
			.build();
	}

	/**
	 * Handles one request. Repeating a call with the same claim token (after MongoDB
	 * failed under the first) is safe: a claim written before its answer was lost is
	 * recognised as this attempt's own.
	 * @param request the request
	 * @param claimToken identifies this attempt
	 * @return what happened; an {@link DeliveryOutcome.Answered} is not recorded yet
	 * @throws InterruptedException if interrupted while waiting for a turn or a backoff
	 */
	public DeliveryOutcome dispatch(DeliveryRequest request, String claimToken) throws InterruptedException {
		DeliveryOutcome outcome = decideAndSend(request, claimToken);
		String type = TemplateType.of(request.event()).key();
		this.outcomes
			.computeIfAbsent(type + '/' + outcome.metricName(),
					(key) -> this.meters.counter("notification.outcomes", "type", type, "outcome",
							outcome.metricName()))
			.increment();
		return outcome;
	}

	private DeliveryOutcome decideAndSend(DeliveryRequest request, String claimToken) throws InterruptedException {
		NotificationEvent event = request.event();
		TemplateType type = TemplateType.of(event);
		ClaimMode mode = (request.trigger() == Trigger.REPLAY) ? ClaimMode.REPLAY : ClaimMode.NORMAL;
		NotificationDraft unrendered = draft(request, type, null);
		PhoneNumber number;
		try {
			number = PhoneNumber.parse(event.customer().phone());
		}
		catch (InvalidPhoneNumberException ex) {
			return notSent(request, unrendered, mode, NotSentReason.INVALID_PHONE, ex.getMessage());
		}
		Optional<Instant> deadline = Staleness.deadline(event);
		if (deadline.isPresent() && this.clock.instant().isAfter(deadline.get())) {
			return notSent(request, unrendered, mode, NotSentReason.EXPIRED,
					"its moment passed at " + deadline.get() + " before it could be sent");
		}
		String category = type.category().value();
		CustomerPreferences preference = this.preferences.find(event.customer().phone()).orElse(null);
		if (preference != null && preference.hasOptedOutOf(category)) {
			return notSent(request, unrendered, mode, NotSentReason.OPTED_OUT,
					"the customer opted out of " + category + " messages");
		}
		RenderedNotification rendered;
		try {
			rendered = this.renderTime.recordCallable(() -> this.templates.render(event));
		}
		catch (TemplateRenderingException ex) {
			return notSent(request, unrendered, mode, NotSentReason.TEMPLATE_ERROR, Redaction.safe(ex.getMessage()));
		}
		catch (Exception ex) {
			throw (ex instanceof RuntimeException runtime) ? runtime : new IllegalStateException(ex);
		}
		NotificationDraft draft = draft(request, type, rendered);
		if (type.category() == TemplateType.Category.PROMOTIONAL && preference != null
				&& preference.isQuietAt(this.clock.instant())) {
			// Held back, not failed: round the delay topic until the quiet hours end.
			return claimAndHold(draft, mode, claimToken, QUIET_HOURS,
					"the customer's quiet hours for promotional messages", false);
		}
		if (!this.recipients.awaitTurn(number.e164(), this.properties.rateLimitedMaxWait())) {
			return claimAndHold(draft, mode, claimToken, RECIPIENT_PAUSED,
					"WhatsApp asked us to wait before messaging this customer again", true);
		}
		if (!this.dailyBudget.admit(number.e164())) {
			return claimAndHold(draft, mode, claimToken, DAILY_LIMIT,
					"the business reached its daily limit of unique customers; waiting for the 24-hour window", false);
		}
		this.rateLimiter.acquire();
		ClaimResult claim = this.history.claim(draft, mode, claimToken, this.instance.id());
		if (claim instanceof ClaimResult.AlreadyHandled handled) {
			return new DeliveryOutcome.AlreadyHandled(handled.notificationId(), handled.status());
		}
		String notificationId = ((ClaimResult.Claimed) claim).notificationId();
		TemplateMessage message = new TemplateMessage(notificationId, number, rendered.providerTemplateName(),
				rendered.providerLanguage(), rendered.parameters());
		return send(message);
	}

	private DeliveryOutcome claimAndHold(NotificationDraft draft, ClaimMode mode, String claimToken, String code,
			String reason, boolean countsAgainstBudget) {
		ClaimResult claim = this.history.claim(draft, mode, claimToken, this.instance.id());
		return switch (claim) {
			case ClaimResult.AlreadyHandled handled ->
				new DeliveryOutcome.AlreadyHandled(handled.notificationId(), handled.status());
			case ClaimResult.Claimed claimed -> new DeliveryOutcome.RetryLater(claimed.notificationId(),
					countsAgainstBudget ? AttemptOutcome.RATE_LIMITED : AttemptOutcome.HELD, code, reason,
					countsAgainstBudget, null, 0);
		};
	}

	/**
	 * Calls the provider for a claimed notification whose first turn under the rate limit
	 * is already taken, until it answers something other than "slow down" or the message
	 * has waited too long.
	 */
	private DeliveryOutcome.Answered send(TemplateMessage message) throws InterruptedException {
		String notificationId = message.refId();
		String phone = message.to().e164();
		int[] calls = { 0 };
		Instant waitingSince = this.clock.instant();
		while (true) {
			SendResult result;
			try {
				result = this.retry.executeSupplier(() -> call(message, calls));
			}
			catch (RuntimeException ex) {
				// Not left "sending" under a live owner, where no sweep would find it:
				// once a request went out the provider may have the message.
				logger.error("Sending notification {} failed unexpectedly after {} provider request(s)", notificationId,
						calls[0], ex);
				String reason = Redaction.safe(ex.toString());
				return (calls[0] > 0)
						? new DeliveryOutcome.InDoubt(notificationId, UNEXPECTED_FAILURE, reason, calls[0])
						: new DeliveryOutcome.DeadLetter(notificationId, UNEXPECTED_FAILURE, reason, 0);
			}
			switch (result) {
				case SendResult.Accepted accepted -> {
					return new DeliveryOutcome.Sent(notificationId, accepted.messageId(), accepted.conversationId(),
							calls[0]);
				}
				case SendResult.Rejected rejected -> {
					Duration waited = Duration.between(waitingSince, this.clock.instant());
					switch (rejected.kind()) {
						case RATE_LIMITED -> {
							this.throttled.increment();
							Duration asked = (rejected.retryAfter() != null) ? rejected.retryAfter()
									: Duration.ofSeconds(1);
							Duration pause = this.rateLimiter.backOff(asked);
							if (waited.plus(asked).compareTo(this.properties.rateLimitedMaxWait()) > 0) {
								return new DeliveryOutcome.RetryLater(notificationId, AttemptOutcome.RATE_LIMITED,
										rejected.code(), rejected.reason(), false, rejected.retryAfter(), calls[0]);
							}
							logger.debug("The provider asked the sender to slow down; pausing sends for {}", pause);
						}
						case RECIPIENT_RATE_LIMITED -> {
							Duration asked = (rejected.retryAfter() != null) ? rejected.retryAfter()
									: this.properties.recipientSpacing();
							this.recipients.holdBack(phone, asked);
							Duration left = this.properties.rateLimitedMaxWait().minus(waited);
							if (left.isNegative() || !this.recipients.awaitTurn(phone, left)) {
								return new DeliveryOutcome.RetryLater(notificationId, AttemptOutcome.RATE_LIMITED,
										rejected.code(), rejected.reason(), true, rejected.retryAfter(), calls[0]);
							}
						}
						case IN_DOUBT -> {
							return new DeliveryOutcome.InDoubt(notificationId, rejected.code(), rejected.reason(),
									calls[0]);
						}
						case INVALID_MESSAGE, MARKETING_LIMITED -> {
							return new DeliveryOutcome.Refused(notificationId, rejected.code(), rejected.reason(),
									calls[0]);
						}
						case CONFIGURATION -> {
							logger.error("MyOperator refused our configuration ({}): {}", rejected.code(),
									rejected.reason());
							return new DeliveryOutcome.DeadLetter(notificationId, rejected.code(), rejected.reason(),
									calls[0]);
						}
						case TRANSIENT, INSUFFICIENT_BALANCE -> {
							return new DeliveryOutcome.RetryLater(notificationId, AttemptOutcome.TRANSIENT,
									rejected.code(), rejected.reason(), true, rejected.retryAfter(), calls[0]);
						}
					}
				}
			}
		}
	}

	/**
	 * One provider request. The first one's turn under the rate limit was taken before
	 * the claim; every later one takes a turn of its own.
	 */
	private SendResult call(TemplateMessage message, int[] calls) {
		long counted;
		try {
			if (calls[0] > 0) {
				this.inProcessRetries.increment();
				this.rateLimiter.acquire();
			}
			counted = this.rateLimiter.awaitWindow();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return SendResult.Rejected.interruptedBeforeSending();
		}
		calls[0]++;
		Instant[] started = new Instant[1];
		SendResult result = this.providerLatency.record(() -> this.provider.send(message, () -> {
			// The connection is ready: if getting it took long (a new one), the start is
			// counted again, when the request is really written.
			this.rateLimiter.recountIfLate(counted);
			if (requestStarts.isTraceEnabled()) {
				started[0] = this.clock.instant();
			}
		}));
		if (started[0] != null) {
			// Written after the request, not between its start and the HTTP call.
			requestStarts.trace("request start {} {}", message.refId(), started[0]);
		}
		return result;
	}

	private DeliveryOutcome notSent(DeliveryRequest request, NotificationDraft draft, ClaimMode mode,
			NotSentReason reason, String detail) {
		ClaimResult result = this.history.recordUnsent(draft, mode, reason.status(), reason.code(), detail,
				attempt(request, reason.attemptOutcome(), reason.code(), detail, 0));
		return switch (result) {
			case ClaimResult.Claimed claimed -> new DeliveryOutcome.NotSent(claimed.notificationId(), reason, detail);
			case ClaimResult.AlreadyHandled handled ->
				new DeliveryOutcome.AlreadyHandled(handled.notificationId(), handled.status());
		};
	}

	/**
	 * Builds the attempt entry for history.
	 * @param request the request
	 * @param outcome how the attempt ended
	 * @param code the error code, if any
	 * @param error the error, if any
	 * @param providerCalls how many provider requests were made
	 * @return the attempt
	 */
	public Attempt attempt(DeliveryRequest request, AttemptOutcome outcome, @Nullable String code,
			@Nullable String error, int providerCalls) {
		return new Attempt(this.clock.instant(), request.trigger().value(), request.topicAttempt(), outcome.value(),
				code, (error != null) ? Redaction.safe(error) : null, providerCalls);
	}

	private static NotificationDraft draft(DeliveryRequest request, TemplateType type,
			@Nullable RenderedNotification rendered) {
		NotificationEvent event = request.event();
		return new NotificationDraft(request.eventId(), request.eventType(), type.key(), type.category().value(),
				event.customer().phone(), event.customer().id(), event.customer().name(),
				(rendered != null) ? rendered.language() : event.customer().language(),
				(rendered != null) ? rendered.body() : null,
				(rendered != null) ? rendered.providerTemplateName() : null,
				(rendered != null) ? rendered.parameters() : null,
				(rendered != null) ? rendered.templateVersion() : null, referenceId(event), context(event),
				request.source(), request.resendOf());
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> context(NotificationEvent event) {
		Map<String, Object> context = EventJson.mapper().convertValue(event, Map.class);
		context.remove("customer");
		return context;
	}

	static String referenceId(NotificationEvent event) {
		return switch (event) {
			case DeliveryScheduled scheduled -> scheduled.deliveryId();
			case DeliveryConfirmed confirmed -> confirmed.deliveryId();
			case DeliveryDelayed delayed -> delayed.deliveryId();
			case BillGenerated bill -> bill.billId();
			case PaymentRecorded payment -> payment.paymentId();
			case SubscriptionCreated subscription -> subscription.subscriptionId();
			case SubscriptionPaused paused -> paused.subscriptionId();
			case OrderCreated order -> order.orderId();
			case ChurnRiskDetected churnRisk -> churnRisk.offerCode();
			case ProductLaunched launch -> launch.product();
		};
	}

}
