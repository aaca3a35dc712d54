package in.earlybird.events;

import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * A scheduled delivery will arrive later than promised
 * ({@code earlybird.delivery.delayed}).
 *
 * @param customer the recipient
 * @param deliveryId the delivery's id
 * @param newEta the new estimated time of arrival, with its offset
 * @param reason a short, customer-friendly reason, e.g. {@code heavy rain}
 */
public record DeliveryDelayed(Customer customer, String deliveryId, OffsetDateTime newEta,
		String reason) implements NotificationEvent {

	/**
	 * Creates the event; every value is required.
	 * @param customer the recipient
	 * @param deliveryId the delivery's id
	 * @param newEta the new estimated time of arrival, with its offset
	 * @param reason a short, customer-friendly reason, e.g. {@code heavy rain}
	 */
	public DeliveryDelayed {
		Objects.requireNonNull(customer, "customer");
		Objects.requireNonNull(deliveryId, "deliveryId");
		Objects.requireNonNull(newEta, "newEta");
		Objects.requireNonNull(reason, "reason");
	}

	@Override
	public EventType eventType() {
		return EventType.DELIVERY_DELAYED;
	}

}
