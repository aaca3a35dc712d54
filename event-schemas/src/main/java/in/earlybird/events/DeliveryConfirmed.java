package in.earlybird.events;

import java.time.OffsetDateTime;
import java.util.Objects;

/**
 * A delivery reached the customer ({@code earlybird.delivery.confirmed}).
 *
 * @param customer the recipient
 * @param deliveryId the delivery's id
 * @param orderId the order or subscription run the delivery belongs to
 * @param deliveredAt when the delivery was handed over, with its offset
 */
public record DeliveryConfirmed(Customer customer, String deliveryId, String orderId,
		OffsetDateTime deliveredAt) implements NotificationEvent {

	/**
	 * Creates the event; every value is required.
	 * @param customer the recipient
	 * @param deliveryId the delivery's id
	 * @param orderId the order or subscription run the delivery belongs to
	 * @param deliveredAt when the delivery was handed over, with its offset
	 */
	public DeliveryConfirmed {
		Objects.requireNonNull(customer, "customer");
		Objects.requireNonNull(deliveryId, "deliveryId");
		Objects.requireNonNull(orderId, "orderId");
		Objects.requireNonNull(deliveredAt, "deliveredAt");
	}

	@Override
	public EventType eventType() {
		return EventType.DELIVERY_CONFIRMED;
	}

}
