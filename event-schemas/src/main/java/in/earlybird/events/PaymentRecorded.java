package in.earlybird.events;

import java.math.BigDecimal;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * A payment was received against a bill ({@code earlybird.payment.recorded}).
 *
 * @param customer the recipient
 * @param paymentId the payment's id
 * @param billId the bill that was paid
 * @param amount the amount received in Indian rupees, an exact decimal carried as a JSON
 * string
 * @param method how the customer paid
 */
public record PaymentRecorded(Customer customer, String paymentId, String billId,
		@JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount,
		PaymentMethod method) implements NotificationEvent {

	/**
	 * Creates the event; every value is required.
	 * @param customer the recipient
	 * @param paymentId the payment's id
	 * @param billId the bill that was paid
	 * @param amount the amount received in Indian rupees, an exact decimal
	 * @param method how the customer paid
	 */
	public PaymentRecorded {
		Objects.requireNonNull(customer, "customer");
		Objects.requireNonNull(paymentId, "paymentId");
		Objects.requireNonNull(billId, "billId");
		Objects.requireNonNull(amount, "amount");
		Objects.requireNonNull(method, "method");
	}

	@Override
	public EventType eventType() {
		return EventType.PAYMENT_RECORDED;
	}

}
