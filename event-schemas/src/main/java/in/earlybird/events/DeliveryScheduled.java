package in.earlybird.events;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A delivery was scheduled for a customer ({@code earlybird.delivery.scheduled}).
 *
 * @param customer the recipient
 * @param deliveryId the delivery's id
 * @param deliveryDate the day of the delivery (Asia/Kolkata)
 * @param slot the delivery window as shown to customers, e.g. {@code 6-8 AM}
 * @param area the delivery area, e.g. {@code Bandra West}
 * @param product what is being delivered, e.g. {@code Toned Milk 500 ml}
 */
public record DeliveryScheduled(Customer customer, String deliveryId, LocalDate deliveryDate, String slot, String area,
		String product) implements NotificationEvent {

	/**
	 * Creates the event; every value is required.
	 * @param customer the recipient
	 * @param deliveryId the delivery's id
	 * @param deliveryDate the day of the delivery (Asia/Kolkata)
	 * @param slot the delivery window as shown to customers, e.g. {@code 6-8 AM}
	 * @param area the delivery area, e.g. {@code Bandra West}
	 * @param product what is being delivered, e.g. {@code Toned Milk 500 ml}
	 */
	public DeliveryScheduled {
		Objects.requireNonNull(customer, "customer");
		Objects.requireNonNull(deliveryId, "deliveryId");
		Objects.requireNonNull(deliveryDate, "deliveryDate");
		Objects.requireNonNull(slot, "slot");
		Objects.requireNonNull(area, "area");
		Objects.requireNonNull(product, "product");
	}

	@Override
	public EventType eventType() {
		return EventType.DELIVERY_SCHEDULED;
	}

}
