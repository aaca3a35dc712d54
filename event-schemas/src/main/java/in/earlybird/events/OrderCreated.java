package in.earlybird.events;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * A customer placed a one-off order ({@code earlybird.order.created}).
 *
 * @param customer the recipient
 * @param orderId the order's id
 * @param totalAmount the order total in Indian rupees, an exact decimal carried as a JSON
 * string
 * @param deliveryDate the day the order will be delivered
 */
public record OrderCreated(Customer customer, String orderId,
		@JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal totalAmount,
		LocalDate deliveryDate) implements NotificationEvent {

	/**
	 * Creates the event; every value is required.
	 * @param customer the recipient
	 * @param orderId the order's id
	 * @param totalAmount the order total in Indian rupees, an exact decimal
	 * @param deliveryDate the day the order will be delivered
	 */
	public OrderCreated {
		Objects.requireNonNull(customer, "customer");
		Objects.requireNonNull(orderId, "orderId");
		Objects.requireNonNull(totalAmount, "totalAmount");
		Objects.requireNonNull(deliveryDate, "deliveryDate");
	}

	@Override
	public EventType eventType() {
		return EventType.ORDER_CREATED;
	}

}
