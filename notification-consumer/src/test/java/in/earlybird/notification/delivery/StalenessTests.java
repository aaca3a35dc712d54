package in.earlybird.notification.delivery;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import in.earlybird.events.BillGenerated;
import in.earlybird.events.ChurnRiskDetected;
import in.earlybird.events.Customer;
import in.earlybird.events.DeliveryConfirmed;
import in.earlybird.events.DeliveryDelayed;
import in.earlybird.events.DeliveryScheduled;
import in.earlybird.events.OrderCreated;
import in.earlybird.events.PaymentMethod;
import in.earlybird.events.PaymentRecorded;
import in.earlybird.events.ProductLaunched;
import in.earlybird.events.SubscriptionCreated;
import in.earlybird.events.SubscriptionPaused;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The five rules that make a message not worth sending, each at its boundary: calendar
 * days are Indian days, so midnight is 18:30 UTC the evening before.
 */
class StalenessTests {

	private static final Customer CUSTOMER = new Customer("cust-1001", "Priya", "+919876543210", "en");

	private static final LocalDate DAY = LocalDate.of(2026, 1, 28);

	/** Midnight at the end of {@link #DAY} in India. */
	private static final Instant END_OF_DAY_IN_INDIA = Instant.parse("2026-01-28T18:30:00Z");

	@Test
	void aDeliveryReminderGoesStaleWhenItsDayEndsInIndia() {
		DeliveryScheduled scheduled = new DeliveryScheduled(CUSTOMER, "DEL-1", DAY, "6-8 AM", "Bandra", "Milk");

		assertThat(Staleness.deadline(scheduled)).hasValue(END_OF_DAY_IN_INDIA);
	}

	@Test
	void anOrderConfirmationGoesStaleWhenItsDeliveryDayEndsInIndia() {
		OrderCreated order = new OrderCreated(CUSTOMER, "ORD-1", new BigDecimal("120.00"), DAY);

		assertThat(Staleness.deadline(order)).hasValue(END_OF_DAY_IN_INDIA);
	}

	@Test
	void aPauseConfirmationGoesStaleWhenTheSubscriptionResumesInIndia() {
		SubscriptionPaused paused = new SubscriptionPaused(CUSTOMER, "SUB-1", DAY);

		assertThat(Staleness.deadline(paused)).hasValue(Instant.parse("2026-01-27T18:30:00Z"));
	}

	@Test
	void aDelayNoticeGoesStaleAtItsNewEstimatedTime() {
		DeliveryDelayed delayed = new DeliveryDelayed(CUSTOMER, "DEL-1",
				OffsetDateTime.parse("2026-01-28T09:15:00+05:30"), "rain");

		assertThat(Staleness.deadline(delayed)).hasValue(Instant.parse("2026-01-28T03:45:00Z"));
	}

	@Test
	void aDeliveryConfirmationGoesStaleADayAfterTheDelivery() {
		DeliveryConfirmed confirmed = new DeliveryConfirmed(CUSTOMER, "DEL-1", "ORD-1",
				OffsetDateTime.parse("2026-01-28T07:15:00+05:30"));

		assertThat(Staleness.deadline(confirmed)).hasValue(Instant.parse("2026-01-29T01:45:00Z"));
	}

	@Test
	void billsPaymentsSubscriptionsAndOffersNeverGoStale() {
		assertThat(Staleness.deadline(
				new BillGenerated(CUSTOMER, "BILL-1", new BigDecimal("2500.00"), "January 2026", DAY.minusYears(1))))
			.isEmpty();
		assertThat(Staleness
			.deadline(new PaymentRecorded(CUSTOMER, "PAY-1", "BILL-1", new BigDecimal("2500.00"), PaymentMethod.UPI)))
			.isEmpty();
		assertThat(Staleness.deadline(new SubscriptionCreated(CUSTOMER, "SUB-1", "Milk", 2, DAY.minusYears(1))))
			.isEmpty();
		assertThat(Staleness.deadline(new ChurnRiskDetected(CUSTOMER, 25, "COMEBACK25"))).isEmpty();
		assertThat(Staleness.deadline(new ProductLaunched(CUSTOMER, "Ghee", "Bandra", DAY.minusYears(1)))).isEmpty();
	}

}
