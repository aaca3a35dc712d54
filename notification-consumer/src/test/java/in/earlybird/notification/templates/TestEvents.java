package in.earlybird.notification.templates;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

import in.earlybird.events.BillGenerated;
import in.earlybird.events.Customer;
import in.earlybird.events.DeliveryDelayed;
import in.earlybird.events.DeliveryScheduled;
import in.earlybird.events.NotificationEvent;

/** Events for tests: the samples for a customer of any language, and edge cases. */
final class TestEvents {

	static final String PHONE = "+919812345678";

	private TestEvents() {
	}

	static Customer customer(String language) {
		return new Customer("cust-2001", "Ananya", PHONE, language);
	}

	static NotificationEvent sample(TemplateType type, String language) {
		return TemplateSamples.sampleFor(type, customer(language));
	}

	static List<NotificationEvent> everyType(String language) {
		return Arrays.stream(TemplateType.values()).map((type) -> sample(type, language)).toList();
	}

	static DeliveryScheduled deliveryScheduled(String language) {
		return (DeliveryScheduled) sample(TemplateType.DELIVERY_REMINDER, language);
	}

	static DeliveryDelayed deliveryDelayed(String reason) {
		return new DeliveryDelayed(customer("en"), "DLV-20260128-0042", OffsetDateTime.parse("2026-01-28T01:45:00Z"),
				reason);
	}

	static BillGenerated billGenerated(String amount) {
		return new BillGenerated(customer("en"), "BILL-202601-2001", new BigDecimal(amount), "January 2026",
				LocalDate.of(2026, 2, 5));
	}

}
