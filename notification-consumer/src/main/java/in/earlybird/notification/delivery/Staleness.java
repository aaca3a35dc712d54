package in.earlybird.notification.delivery;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

import in.earlybird.events.BillGenerated;
import in.earlybird.events.ChurnRiskDetected;
import in.earlybird.events.DeliveryConfirmed;
import in.earlybird.events.DeliveryDelayed;
import in.earlybird.events.DeliveryScheduled;
import in.earlybird.events.NotificationEvent;
import in.earlybird.events.OrderCreated;
import in.earlybird.events.PaymentRecorded;
import in.earlybird.events.ProductLaunched;
import in.earlybird.events.SubscriptionCreated;
import in.earlybird.events.SubscriptionPaused;
import in.earlybird.notification.shared.India;

/**
 * When a message stops being worth sending: a reminder for a delivery that has happened,
 * a delay notice whose new time has passed. Dates are Indian calendar days.
 */
final class Staleness {

	private Staleness() {
	}

	/**
	 * Returns the moment after which the event's message must not be sent.
	 * @param event the event
	 * @return the deadline, or empty if the message never goes stale
	 */
	static Optional<Instant> deadline(NotificationEvent event) {
		return switch (event) {
			case DeliveryScheduled scheduled -> Optional.of(endOf(scheduled.deliveryDate()));
			case DeliveryDelayed delayed -> Optional.of(delayed.newEta().toInstant());
			case DeliveryConfirmed confirmed -> Optional.of(confirmed.deliveredAt().toInstant().plusSeconds(86_400));
			case OrderCreated order -> Optional.of(endOf(order.deliveryDate()));
			case SubscriptionPaused paused -> Optional.of(paused.resumeDate().atStartOfDay(India.ZONE).toInstant());
			case BillGenerated bill -> Optional.empty();
			case PaymentRecorded payment -> Optional.empty();
			case SubscriptionCreated subscription -> Optional.empty();
			case ChurnRiskDetected churnRisk -> Optional.empty();
			case ProductLaunched launch -> Optional.empty();
		};
	}

	private static Instant endOf(LocalDate day) {
		return day.plusDays(1).atStartOfDay(India.ZONE).toInstant();
	}

}
