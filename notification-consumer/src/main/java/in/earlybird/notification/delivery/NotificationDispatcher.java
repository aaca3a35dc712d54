package in.earlybird.notification.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

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
import in.earlybird.notification.shared.EventJson;
import in.earlybird.notification.shared.Redaction;
import in.earlybird.notification.delivery.myoperator.FailureKind;
import in.earlybird.notification.delivery.myoperator.MyOperatorClient;
import in.earlybird.notification.delivery.myoperator.SendResult;
import in.earlybird.notification.delivery.myoperator.TemplateMessage;
import in.earlybird.notification.history.Attempt;
import in.earlybird.notification.history.ClaimMode;
import in.earlybird.notification.history.ClaimResult;
import in.earlybird.notification.history.IdempotencyKey;
import in.earlybird.notification.history.NotificationDraft;
import in.earlybird.notification.history.NotificationHistory;
import in.earlybird.notification.history.NotificationStatus;
import in.earlybird.notification.preferences.CustomerPreferenceStore;
import in.earlybird.notification.preferences.CustomerPreferences;
import in.earlybird.notification.templates.NotificationTemplates;
import in.earlybird.notification.templates.RenderedNotification;
import in.earlybird.notification.templates.TemplateRenderingException;
import in.earlybird.notification.templates.TemplateType;

/**
 * Decides whether, what and when to send for one event, sends it, and records the result.
 *
 * <p>
 * In order: skip what history says is already handled; refuse an invalid number; expire
 * what is too late; honour opt-outs; render; wait for a slot under the rate limit; claim
 * the notification in history (only one claimant wins, so a redelivered event is never
 * sent twice); hold a promotional message back during the customer's quiet hours; call
 * MyOperator with short retries; record the outcome. A transient failure that outlasts
 * the retries, and an operator-only failure, are returned for the caller to route to the
 * delay or dead-letter topic.
 */
@Component
public class NotificationDispatcher {

	private static final Logger logger = LoggerFactory.getLogger(NotificationDispatcher.class);

	/** The code of a promotional message held back by the customer's quiet hours. */
	public static final String QUIET_HOURS = "QUIET_HOURS";

	private final NotificationTemplates templates;

	private final MyOperatorClient provider;

	private final NotificationHistory history;

	private final CustomerPreferenceStore preferences;

	private final ProviderRateLimiter rateLimiter;

	private final RetryConfig retryConfig;

	private final DeliveryProperties properties;

	private final Clock clock;

	private final MeterRegistry meters;

	private final Timer providerLatency;

	private final Timer renderTime;

	/**
	 * Attempts that claimed a notification and have not recorded their outcome yet, or
	 * failed to. Entries outlive an attempt only when MongoDB failed under it.
	 */
	private final Map<IdempotencyKey, UnfinishedAttempt> unfinished = new ConcurrentHashMap<>();

	private final io.micrometer.core.instrument.Counter inProcessRetries;

	NotificationDispatcher(NotificationTemplates templates, MyOperatorClient provider, NotificationHistory history,
			CustomerPreferenceStore preferences, DeliveryProperties properties, Clock clock, MeterRegistry meters) {
		this.templates = templates;
		this.provider = provider;
		this.history = history;
		this.preferences = preferences;
		this.properties = properties;
		this.clock = clock;
		this.meters = meters;
		this.rateLimiter = new ProviderRateLimiter(properties.rateLimit());
		this.retryConfig = retryConfig(properties.retry());
		this.providerLatency = Timer.builder("notification.provider.latency")
			.description("Time MyOperator took to answer a send request")
			.publishPercentileHistogram()
			.register(meters);
		this.renderTime = Timer.builder("notification.template.render")
			.description("Time to render a template's parameters and body")
			.register(meters);
		this.inProcessRetries = meters.counter("notification.provider.retries");
		meters.counter("notification.provider.throttled");
		// Every series exists from the start, so rates and alerts see a zero, not a gap.
		for (TemplateType type : TemplateType.values()) {
			for (String outcome : OUTCOMES) {
				meters.counter("notification.outcomes", "type", type.key(), "outcome", outcome);
			}
		}
	}

	/** The values of the {@code outcome} tag of {@code notification.outcomes}. */
	static final List<String> OUTCOMES = List.of("sent", "duplicate", "expired", "opted_out", "failed", "retry_later",
			"dead_letter");

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
			.retryExceptions()
			.intervalBiFunction(honourRetryAfter)
			.failAfterMaxAttempts(false)
			.build();
	}

	/**
	 * Reads what a batch of requests needs from MongoDB in two queries: which
	 * notifications are already handled and which customers opted out.
	 * @param requests the batch
	 * @return the batch's view of history and preferences
	 */
	public BatchContext prepare(Collection<DeliveryRequest> requests) {
		Map<IdempotencyKey, NotificationStatus> statuses = this.history
			.statuses(requests.stream().map(NotificationDispatcher::key).toList());
		Map<String, CustomerPreferences> preferences = this.preferences
			.findAll(requests.stream().map((request) -> request.event().customer().phone()).distinct().toList());
		return new BatchContext(statuses, preferences);
	}

	/**
	 * Handles one request with a fresh view of history and preferences.
	 * @param request the request
	 * @return what happened
	 * @throws InterruptedException if interrupted while waiting for a rate-limit slot or
	 * a backoff
	 */
	public DeliveryOutcome dispatch(DeliveryRequest request) throws InterruptedException {
		return dispatch(request, prepare(List.of(request)));
	}

	/**
	 * Handles one request of a prepared batch.
	 * @param request the request
	 * @param batch the batch's view of history and preferences
	 * @return what happened
	 * @throws InterruptedException if interrupted while waiting for a rate-limit slot or
	 * a backoff
	 */
	public DeliveryOutcome dispatch(DeliveryRequest request, BatchContext batch) throws InterruptedException {
		DeliveryOutcome outcome = doDispatch(request, batch);
		this.meters
			.counter("notification.outcomes", "type", TemplateType.of(request.event()).key(), "outcome",
					outcomeName(outcome))
			.increment();
		return outcome;
	}

	private DeliveryOutcome doDispatch(DeliveryRequest request, BatchContext batch) throws InterruptedException {
		NotificationEvent event = request.event();
		TemplateType type = TemplateType.of(event);
		ClaimMode mode = (request.trigger() == Trigger.REPLAY) ? ClaimMode.REPLAY : ClaimMode.NORMAL;
		NotificationStatus known = batch.statuses().get(key(request));
		if (known != null && !mayStillBeClaimed(known, mode)
				&& !(known == NotificationStatus.SENDING && this.unfinished.containsKey(key(request)))) {
			return new DeliveryOutcome.AlreadyHandled(null, known);
		}
		NotificationDraft unrendered = draft(request, type, null);
		PhoneNumber number;
		try {
			number = PhoneNumber.parse(event.customer().phone());
		}
		catch (InvalidPhoneNumberException ex) {
			return notSent(request, unrendered, mode, NotificationStatus.FAILED, "INVALID_PHONE", ex.getMessage());
		}
		Optional<Instant> deadline = Staleness.deadline(event);
		if (deadline.isPresent() && this.clock.instant().isAfter(deadline.get())) {
			return notSent(request, unrendered, mode, NotificationStatus.EXPIRED, "EXPIRED",
					"its moment passed at " + deadline.get() + " before it could be sent");
		}
		String category = type.category().name().toLowerCase(java.util.Locale.ROOT);
		CustomerPreferences preference = batch.preferences().get(event.customer().phone());
		if (preference != null && preference.hasOptedOutOf(category)) {
			return notSent(request, unrendered, mode, NotificationStatus.FAILED, "OPTED_OUT",
					"the customer opted out of " + category + " messages");
		}
		RenderedNotification rendered;
		try {
			rendered = this.renderTime.recordCallable(() -> this.templates.render(event));
		}
		catch (TemplateRenderingException ex) {
			return notSent(request, unrendered, mode, NotificationStatus.FAILED, "TEMPLATE_ERROR",
					Redaction.safe(ex.getMessage()));
		}
		catch (Exception ex) {
			throw (ex instanceof RuntimeException runtime) ? runtime : new IllegalStateException(ex);
		}
		NotificationDraft draft = draft(request, type, rendered);
		IdempotencyKey key = draft.key();
		UnfinishedAttempt mine = new UnfinishedAttempt(UUID.randomUUID().toString());
		UnfinishedAttempt previous = this.unfinished.putIfAbsent(key, mine);
		if (previous != null) {
			if (!previous.ownerDone || !this.unfinished.replace(key, previous, mine)) {
				// Another thread of this process is on it right now.
				return new DeliveryOutcome.AlreadyHandled(null, NotificationStatus.SENDING);
			}
			if (previous.outcome != null) {
				// The provider answered, but recording the answer failed: finish
				// recording it.
				logger.info("Recording the outcome of {} that MongoDB missed earlier", previous.notificationId);
				mine.providerCalls = previous.providerCalls;
				mine.conversationId = previous.conversationId;
				return finish(key, mine, request, previous.notificationId, previous.outcome);
			}
		}
		try {
			this.rateLimiter.acquire();
			ClaimResult claim = this.history.claimForSending(draft, mode, mine.token);
			String notificationId;
			if (claim instanceof ClaimResult.Claimed claimed) {
				notificationId = claimed.notificationId();
			}
			else {
				ClaimResult.AlreadyHandled handled = (ClaimResult.AlreadyHandled) claim;
				boolean ourEarlierClaim = previous != null && !previous.calling
						&& handled.status() == NotificationStatus.SENDING && previous.token.equals(handled.claimToken())
						&& this.history.reclaim(handled.notificationId(), previous.token, mine.token);
				if (!ourEarlierClaim) {
					this.unfinished.remove(key, mine);
					return new DeliveryOutcome.AlreadyHandled(handled.notificationId(), handled.status());
				}
				// An earlier attempt's claim reached the database but its answer did not,
				// so that attempt never called the provider: this one may.
				logger.info("Taking over {}, claimed by an earlier attempt that never sent it",
						handled.notificationId());
				notificationId = handled.notificationId();
			}
			mine.notificationId = notificationId;
			if (type.category() == TemplateType.Category.PROMOTIONAL && preference != null
					&& preference.isQuietAt(this.clock.instant())) {
				// Held back, not failed: round the delay topic until the quiet hours end,
				// without spending the retry budget.
				return finish(key, mine, request, notificationId, new DeliveryOutcome.RetryLater(notificationId,
						QUIET_HOURS, "the customer's quiet hours for promotional messages", false, null, 0));
			}
			TemplateMessage message = new TemplateMessage(notificationId, number, rendered.providerTemplateName(),
					rendered.providerLanguage(), rendered.parameters());
			mine.calling = true;
			return send(request, key, mine, message);
		}
		finally {
			mine.ownerDone = true;
		}
	}

	/**
	 * Forgets an attempt whose outcome the caller has now recorded (a retry scheduled, a
	 * dead letter).
	 * @param request the request whose outcome was recorded
	 */
	public void recorded(DeliveryRequest request) {
		this.unfinished.remove(key(request));
	}

	private DeliveryOutcome finish(IdempotencyKey key, UnfinishedAttempt attempt, DeliveryRequest request,
			@Nullable String notificationId, DeliveryOutcome outcome) {
		try {
			attempt.notificationId = notificationId;
			attempt.outcome = outcome;
			if (outcome instanceof DeliveryOutcome.Sent sent) {
				this.history.markSent(sent.notificationId(), sent.providerMessageId(), attempt.conversationId,
						attempt(request, "sent", null, null, attempt.providerCalls));
				this.unfinished.remove(key, attempt);
			}
			else if (outcome instanceof DeliveryOutcome.NotSent notSent && notSent.notificationId() != null) {
				this.history.markFailed(notSent.notificationId(), notSent.code(), notSent.reason(), false,
						attempt(request, "permanent", notSent.code(), notSent.reason(), attempt.providerCalls));
				this.unfinished.remove(key, attempt);
			}
			// A retry or a dead letter is recorded by the caller, which then calls
			// recorded().
			return outcome;
		}
		finally {
			attempt.ownerDone = true;
		}
	}

	private DeliveryOutcome send(DeliveryRequest request, IdempotencyKey key, UnfinishedAttempt attempt,
			TemplateMessage message) throws InterruptedException {
		String notificationId = message.refId();
		int[] calls = { 0 };
		Instant waitingSince = this.clock.instant();
		while (true) {
			Retry retry = Retry.of("myoperator", this.retryConfig);
			SendResult result = retry.executeSupplier(() -> call(message, calls));
			attempt.providerCalls = calls[0];
			switch (result) {
				case SendResult.Accepted accepted -> {
					logger.debug("Sent {} as {} to {}", notificationId, message.templateName(), message.to());
					attempt.conversationId = accepted.conversationId();
					return finish(key, attempt, request, notificationId,
							new DeliveryOutcome.Sent(notificationId, accepted.messageId()));
				}
				case SendResult.Rejected rejected when rejected.kind() == FailureKind.RATE_LIMITED -> {
					Duration pause = (rejected.retryAfter() != null) ? rejected.retryAfter() : Duration.ofSeconds(1);
					this.rateLimiter.backOff(pause);
					this.meters.counter("notification.provider.throttled").increment();
					if (Duration.between(waitingSince, this.clock.instant())
						.plus(pause)
						.compareTo(this.properties.rateLimitedMaxWait()) > 0) {
						return finish(key, attempt, request, notificationId,
								new DeliveryOutcome.RetryLater(notificationId, rejected.code(), rejected.reason(),
										false, rejected.retryAfter(), calls[0]));
					}
					// Slowing down is not a failure of this message: try again once the
					// limiter lets us, without spending its retry budget.
				}
				case SendResult.Rejected rejected when rejected.kind() == FailureKind.INVALID_MESSAGE -> {
					return finish(key, attempt, request, notificationId, new DeliveryOutcome.NotSent(notificationId,
							NotificationStatus.FAILED, rejected.code(), rejected.reason()));
				}
				case SendResult.Rejected rejected when rejected.kind() == FailureKind.CONFIGURATION -> {
					logger.error("MyOperator refused our configuration ({}): {}", rejected.code(), rejected.reason());
					return finish(key, attempt, request, notificationId, new DeliveryOutcome.DeadLetter(notificationId,
							rejected.code(), rejected.reason(), calls[0]));
				}
				case SendResult.Rejected rejected -> {
					return finish(key, attempt, request, notificationId, new DeliveryOutcome.RetryLater(notificationId,
							rejected.code(), rejected.reason(), true, rejected.retryAfter(), calls[0]));
				}
			}
		}
	}

	private SendResult call(TemplateMessage message, int[] calls) {
		if (calls[0] > 0) {
			this.inProcessRetries.increment();
			try {
				this.rateLimiter.acquire();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return new SendResult.Rejected(FailureKind.TRANSIENT, "INTERRUPTED", "interrupted before sending", null,
						0);
			}
		}
		calls[0]++;
		return this.providerLatency.record(() -> this.provider.send(message));
	}

	private DeliveryOutcome notSent(DeliveryRequest request, NotificationDraft draft, ClaimMode mode,
			NotificationStatus status, String code, String reason) {
		String outcome = (status == NotificationStatus.EXPIRED) ? "expired"
				: "OPTED_OUT".equals(code) ? "opted_out" : "permanent";
		ClaimResult result = this.history.recordUnsent(draft, mode, status, code, reason, false,
				attempt(request, outcome, code, reason, 0));
		return switch (result) {
			case ClaimResult.Claimed claimed ->
				new DeliveryOutcome.NotSent(claimed.notificationId(), status, code, reason);
			case ClaimResult.AlreadyHandled handled ->
				new DeliveryOutcome.AlreadyHandled(handled.notificationId(), handled.status());
		};
	}

	/**
	 * Builds the attempt entry for history.
	 * @param request the request
	 * @param outcome the outcome's name
	 * @param code the error code, if any
	 * @param error the error, if any
	 * @param providerCalls how many provider requests were made
	 * @return the attempt
	 */
	public Attempt attempt(DeliveryRequest request, String outcome, @Nullable String code, @Nullable String error,
			int providerCalls) {
		return new Attempt(this.clock.instant(), request.trigger().value(), request.topicAttempt(), outcome, code,
				(error != null) ? Redaction.safe(error) : null, providerCalls);
	}

	private static boolean mayStillBeClaimed(NotificationStatus status, ClaimMode mode) {
		// In replay mode a failed notification may be dead-lettered and so claimable;
		// history decides atomically.
		return status == NotificationStatus.QUEUED || (mode == ClaimMode.REPLAY && status == NotificationStatus.FAILED);
	}

	private static IdempotencyKey key(DeliveryRequest request) {
		return new IdempotencyKey(request.eventId(), TemplateType.of(request.event()).key(),
				request.event().customer().phone());
	}

	private static NotificationDraft draft(DeliveryRequest request, TemplateType type,
			@Nullable RenderedNotification rendered) {
		NotificationEvent event = request.event();
		return new NotificationDraft(request.eventId(), request.eventType(), type.key(),
				type.category().name().toLowerCase(java.util.Locale.ROOT), event.customer().phone(),
				event.customer().id(), event.customer().name(),
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

	private static String outcomeName(DeliveryOutcome outcome) {
		return switch (outcome) {
			case DeliveryOutcome.Sent sent -> "sent";
			case DeliveryOutcome.AlreadyHandled handled -> "duplicate";
			case DeliveryOutcome.NotSent notSent -> (notSent.status() == NotificationStatus.EXPIRED) ? "expired"
					: "OPTED_OUT".equals(notSent.code()) ? "opted_out" : "failed";
			case DeliveryOutcome.RetryLater retryLater -> "retry_later";
			case DeliveryOutcome.DeadLetter deadLetter -> "dead_letter";
		};
	}

	/**
	 * What this process knows about an attempt whose history write may not have happened,
	 * so that the record's redelivery can finish it instead of skipping it.
	 */
	private static final class UnfinishedAttempt {

		final String token;

		volatile boolean ownerDone;

		volatile boolean calling;

		volatile @Nullable String notificationId;

		volatile @Nullable DeliveryOutcome outcome;

		volatile @Nullable String conversationId;

		volatile int providerCalls;

		UnfinishedAttempt(String token) {
			this.token = token;
		}

	}

	/**
	 * A batch's view of history and preferences, read once for all of its requests.
	 *
	 * @param statuses the status of each notification already recorded
	 * @param preferences the preferences of customers who have any
	 */
	public record BatchContext(Map<IdempotencyKey, NotificationStatus> statuses,
			Map<String, CustomerPreferences> preferences) {

	}

}
