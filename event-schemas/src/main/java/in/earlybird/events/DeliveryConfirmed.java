package in.earlybird.events;

import java.time.OffsetDateTime;

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

	@Override
	public EventType eventType() {
		return EventType.DELIVERY_CONFIRMED;
	}

}
