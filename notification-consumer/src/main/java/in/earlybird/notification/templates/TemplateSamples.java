package in.earlybird.notification.templates;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import in.earlybird.events.BillGenerated;
import in.earlybird.events.ChurnRiskDetected;
import in.earlybird.events.Customer;
import in.earlybird.events.DeliveryConfirmed;
import in.earlybird.events.DeliveryDelayed;
import in.earlybird.events.DeliveryScheduled;
import in.earlybird.events.NotificationEvent;
import in.earlybird.events.OrderCreated;
import in.earlybird.events.PaymentMethod;
import in.earlybird.events.PaymentRecorded;
import in.earlybird.events.ProductLaunched;
import in.earlybird.events.SubscriptionCreated;
import in.earlybird.events.SubscriptionPaused;

/**
 * A realistic example event for every template, with every field set: what an edited
 * template must render before it is saved, and what admins preview.
 */
public final class TemplateSamples {

	/** The customer of every sample: a Mumbai subscriber who reads English. */
	public static final Customer CUSTOMER = new Customer("cust-1042", "Priya", "+919876543210", "en");

	private static final OffsetDateTime MORNING = OffsetDateTime.parse("2026-01-28T07:15:00+05:30");

	private TemplateSamples() {
	}

	/**
	 * Returns the sample event of a template, for {@link #CUSTOMER}.
	 * @param type the template
	 * @return an event that the template renders
	 */
	public static NotificationEvent sampleFor(TemplateType type) {
		return sampleFor(type, CUSTOMER);
	}

	/**
	 * Returns the sample event of a template for a given customer, e.g. one who reads
	 * Hindi.
	 * @param type the template
	 * @param customer the recipient
	 * @return an event that the template renders
	 */
	public static NotificationEvent sampleFor(TemplateType type, Customer customer) {
		return switch (type) {
			case DELIVERY_REMINDER -> new DeliveryScheduled(customer, "DLV-20260128-0042", LocalDate.of(2026, 1, 28),
					"6-8 AM", "Bandra West", "Toned Milk 500 ml");
			case DELIVERY_CONFIRMED -> new DeliveryConfirmed(customer, "DLV-20260128-0042", "ORD-58213", MORNING);
			case DELIVERY_DELAYED -> new DeliveryDelayed(customer, "DLV-20260128-0042", MORNING, "heavy rain");
			case PAYMENT_REMINDER -> new BillGenerated(customer, "BILL-202601-1042", new BigDecimal("2500.00"),
					"January 2026", LocalDate.of(2026, 2, 5));
			case PAYMENT_CONFIRMATION -> new PaymentRecorded(customer, "PAY-77120", "BILL-202601-1042",
					new BigDecimal("2500.00"), PaymentMethod.UPI);
			case SUBSCRIPTION_CONFIRMATION ->
				new SubscriptionCreated(customer, "SUB-3307", "Toned Milk 500 ml", 2, LocalDate.of(2026, 2, 1));
			case PAUSE_CONFIRMATION -> new SubscriptionPaused(customer, "SUB-3307", LocalDate.of(2026, 1, 31));
			case ORDER_CONFIRMATION ->
				new OrderCreated(customer, "ORD-58213", new BigDecimal("1249.50"), LocalDate.of(2026, 1, 28));
			case CHURN_RISK -> new ChurnRiskDetected(customer, 25, "COMEBACK25");
			case NEW_PRODUCT ->
				new ProductLaunched(customer, "A2 Cow Ghee 500 ml", "Bandra West", LocalDate.of(2026, 2, 1));
		};
	}

}
