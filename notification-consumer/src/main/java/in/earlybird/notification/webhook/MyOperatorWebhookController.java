package in.earlybird.notification.webhook;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import in.earlybird.events.PhoneNumber;
import in.earlybird.notification.history.NotificationStatus;
import in.earlybird.notification.history.ProviderStatusReport;
import in.earlybird.notification.history.ProviderStatusReports;
import in.earlybird.notification.history.ProviderStatusResult;
import in.earlybird.notification.preferences.CustomerPreferenceStore;
import in.earlybird.notification.shared.Redaction;
import in.earlybird.notification.templates.TemplateType;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * Receives MyOperator's Webhooks v2 deliveries: delivery reports for our sends (sent,
 * delivered, read, failed) and inbound messages, of which {@code STOP} and
 * {@code UNSUBSCRIBE} opt the customer out of promotional messages and {@code START} opts
 * back in. Authenticated by Basic credentials or an API-key header, deduplicated on
 * {@code event_id}, and answered as soon as the single-document update is done.
 */
@RestController
class MyOperatorWebhookController {

	private static final Logger logger = LoggerFactory.getLogger(MyOperatorWebhookController.class);

	/**
	 * Where MyOperator's webhook settings point: keep it, or every delivery is lost. Its
	 * OpenAPI description is in {@link WebhookConfiguration}.
	 */
	static final String PATH = "/api/notifications/webhooks/myoperator";

	static final String PROMOTIONAL = TemplateType.Category.PROMOTIONAL.value();

	/** Who opt-outs by WhatsApp reply are recorded as made by. */
	static final String WHATSAPP = "whatsapp";

	private final WebhookAuthenticator authenticator;

	private final WebhookEventLog events;

	private final ProviderStatusReports reports;

	private final CustomerPreferenceStore preferences;

	private final MeterRegistry meters;

	private final Clock clock;

	private final AtomicLong lastReceived = new AtomicLong();

	private final JsonMapper json = JsonMapper.shared();

	MyOperatorWebhookController(WebhookAuthenticator authenticator, WebhookEventLog events,
			ProviderStatusReports reports, CustomerPreferenceStore preferences, MeterRegistry meters, Clock clock) {
		this.authenticator = authenticator;
		this.events = events;
		this.reports = reports;
		this.preferences = preferences;
		this.meters = meters;
		this.clock = clock;
		Gauge.builder("notification.webhook.last.received", this.lastReceived, AtomicLong::doubleValue)
			.description("When the last authenticated MyOperator webhook arrived, in epoch seconds")
			.baseUnit("seconds")
			.register(meters);
	}

	@PostMapping(PATH)
	ResponseEntity<?> receive(@RequestHeader HttpHeaders headers,
			@RequestBody(required = false) byte @Nullable [] body) {
		if (!this.authenticator.authenticated(headers)) {
			this.meters.counter("notification.webhook.rejected", "reason", "unauthenticated").increment();
			logger.warn("Refused a MyOperator webhook without valid credentials");
			ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
					"This webhook needs MyOperator's Basic credentials or API key");
			problem.setProperty("code", "UNAUTHENTICATED");
			problem.setInstance(URI.create(PATH));
			ResponseEntity.BodyBuilder refusal = ResponseEntity.status(HttpStatus.UNAUTHORIZED);
			if (this.authenticator.challenge() != null) {
				refusal.header(HttpHeaders.WWW_AUTHENTICATE, this.authenticator.challenge());
			}
			return refusal.body(problem);
		}
		this.lastReceived.set(this.clock.instant().getEpochSecond());
		MyOperatorWebhook webhook = MyOperatorWebhook.parse(parse(body));
		if (!this.events.firstDelivery(webhook.eventId(), webhook.eventType())) {
			count("duplicate");
			logger.debug("Webhook {} ({}) was already handled", Redaction.safe(webhook.eventId()),
					Redaction.safe(webhook.eventType()));
			return ok("duplicate");
		}
		try {
			return ok(handle(webhook));
		}
		catch (RuntimeException ex) {
			// Not handled: let MyOperator's retry be handled, not dropped as a duplicate.
			this.events.forget(webhook.eventId());
			throw ex;
		}
	}

	private String handle(MyOperatorWebhook webhook) {
		Optional<NotificationStatus> status = webhook.deliveryStatus();
		if (status.isPresent()) {
			String messageId = webhook.messageId();
			if (messageId == null) {
				throw new MalformedWebhookException("payload.id", "is required on a delivery report");
			}
			Instant at = (webhook.timestamp() != null) ? webhook.timestamp() : this.clock.instant();
			ProviderStatusResult result = this.reports.apply(new ProviderStatusReport(messageId, status.get(), at,
					webhook.errorCode(), webhook.errorMessage(), webhook.eventId(), webhook.ourReference()));
			String outcome = switch (result) {
				case UPDATED -> status.get().value();
				case STALE -> "stale";
				case UNMATCHED -> "unmatched";
			};
			count(outcome);
			logger.debug("Webhook {}: {} for message {} -> {}", Redaction.safe(webhook.eventId()), status.get().value(),
					Redaction.safe(messageId), outcome);
			return outcome;
		}
		if (webhook.isInboundMessage()) {
			return inbound(webhook);
		}
		count("ignored");
		logger.debug("Webhook {} of type {} ignored", Redaction.safe(webhook.eventId()),
				Redaction.safe(webhook.eventType()));
		return "ignored";
	}

	private String inbound(MyOperatorWebhook webhook) {
		String keyword = keyword(webhook.inboundText());
		String action = switch (keyword) {
			case "STOP", "UNSUBSCRIBE" -> "opt_out";
			case "START" -> "opt_in";
			default -> "ignored";
		};
		if (!action.equals("ignored")) {
			String phone = phone(webhook.customerIdentifier());
			if (phone == null) {
				logger.warn("Inbound {} in webhook {} without a valid customer number; not applied", keyword,
						Redaction.safe(webhook.eventId()));
				action = "ignored";
			}
			else if (action.equals("opt_out")) {
				this.preferences.optOut(phone, null, PROMOTIONAL, WHATSAPP);
				logger.info("Customer {} replied {}: opted out of promotional messages", PhoneNumber.mask(phone),
						keyword);
			}
			else {
				this.preferences.optIn(phone, null, PROMOTIONAL, WHATSAPP);
				logger.info("Customer {} replied {}: opted back in to promotional messages", PhoneNumber.mask(phone),
						keyword);
			}
		}
		this.meters.counter("notification.webhook.inbound", "action", action).increment();
		return action;
	}

	private static String keyword(@Nullable String text) {
		if (text == null) {
			return "";
		}
		return text.trim().toUpperCase(Locale.ROOT).replaceAll("[^A-Z]", "");
	}

	private static @Nullable String phone(@Nullable String customerIdentifier) {
		if (customerIdentifier == null) {
			return null;
		}
		String digits = customerIdentifier.replaceAll("\\D", "");
		String e164 = "+" + digits;
		return PhoneNumber.isValid(e164) ? e164 : null;
	}

	private JsonNode parse(byte @Nullable [] body) {
		if (body == null || body.length == 0) {
			throw new MalformedWebhookException("body", "is required");
		}
		try {
			return this.json.readTree(body);
		}
		catch (JacksonException ex) {
			this.meters.counter("notification.webhook.rejected", "reason", "malformed").increment();
			throw new MalformedWebhookException("body", "is not valid JSON");
		}
	}

	/**
	 * Answers a delivery that cannot be read as the admin API answers bad input: a
	 * problem document naming the field.
	 */
	@ExceptionHandler(MalformedWebhookException.class)
	ResponseEntity<ProblemDetail> malformed(MalformedWebhookException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
		problem.setProperty("code", "INVALID_REQUEST");
		problem.setProperty("errors", List.of(Map.of("field", ex.field(), "message", ex.problem())));
		problem.setInstance(URI.create(PATH));
		return ResponseEntity.badRequest().body(problem);
	}

	private void count(String status) {
		this.meters.counter("notification.webhook.updates", "status", status).increment();
	}

	private static ResponseEntity<WebhookAnswer> ok(String outcome) {
		return ResponseEntity.ok(new WebhookAnswer(true, outcome));
	}

	/**
	 * What the webhook answers.
	 *
	 * @param received always {@code true}
	 * @param outcome what the delivery did: {@code delivered}, {@code read},
	 * {@code failed}, {@code stale}, {@code unmatched}, {@code duplicate},
	 * {@code opt_out}, {@code opt_in} or {@code ignored}
	 */
	record WebhookAnswer(boolean received, String outcome) {
	}

}
