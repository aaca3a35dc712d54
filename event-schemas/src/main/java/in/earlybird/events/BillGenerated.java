package in.earlybird.events;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Objects;

import com.fasterxml.jackson.annotation.JsonFormat;

/**
 * A bill was generated and is awaiting payment ({@code earlybird.bill.generated}).
 *
 * @param customer the recipient
 * @param billId the bill's id
 * @param amount the amount due in Indian rupees, an exact decimal carried as a JSON
 * string (e.g. {@code "2500.00"}), never a float
 * @param period the billing period as shown to customers, e.g. {@code January 2026}
 * @param dueDate the last day to pay
 */
public record BillGenerated(Customer customer, String billId,
		@JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal amount, String period,
		LocalDate dueDate) implements NotificationEvent {

	/**
	 * Creates the event; every value is required.
	 * @param customer the recipient
	 * @param billId the bill's id
	 * @param amount the amount due in Indian rupees, an exact decimal
	 * @param period the billing period as shown to customers, e.g. {@code January 2026}
	 * @param dueDate the last day to pay
	 */
	public BillGenerated {
		Objects.requireNonNull(customer, "customer");
		Objects.requireNonNull(billId, "billId");
		Objects.requireNonNull(amount, "amount");
		Objects.requireNonNull(period, "period");
		Objects.requireNonNull(dueDate, "dueDate");
	}

	@Override
	public EventType eventType() {
		return EventType.BILL_GENERATED;
	}

}
