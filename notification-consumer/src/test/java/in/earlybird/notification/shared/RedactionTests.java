package in.earlybird.notification.shared;

import in.earlybird.events.PhoneNumber;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Phone numbers are masked where they are written as phone numbers, and identifiers that
 * merely hold a long run of digits pass untouched.
 */
class RedactionTests {

	@Test
	void masksPhoneNumbersWrittenAsPhoneNumbers() {
		assertThat(Redaction.safe("invalid number +919876543210")).isEqualTo("invalid number +91 98•••••210");
		assertThat(Redaction.safe("{\"phone\":\"+919876543210\"}")).isEqualTo("{\"phone\":\"+91 98•••••210\"}");
		assertThat(Redaction.safe("customer_identifier=919876543210")).doesNotContain("9876543210");
		assertThat(Redaction.safe("call 9876543210 now")).doesNotContain("9876543210");
		assertThat(Redaction.safe("/history?phone=%2B919876543210")).doesNotContain("9876543210");
		assertThat(Redaction.safe("unknown-+919876543210")).doesNotContain("9876543210");
	}

	@Test
	void masksPhoneNumbersWrittenInGroupsInTheOneFormat() {
		assertThat(Redaction.safe("to +91 98765 43210 today")).isEqualTo("to +91 98•••••210 today");
		assertThat(Redaction.safe("to +91-98765-43210")).isEqualTo("to +91 98•••••210");
		assertThat(Redaction.safe("call 91 98765 43210 now")).isEqualTo("call +91 98•••••210 now");
		assertThat(Redaction.safe("/history/%2B919876543210")).isEqualTo("/history/+91 98•••••210");
	}

	@Test
	void leavesDatesAndShortNumbersAlone() {
		assertThat(Redaction.safe("due on 2026-01-28 at 10:00, 12 34 of 567"))
			.isEqualTo("due on 2026-01-28 at 10:00, 12 34 of 567");
	}

	@Test
	void removesBearerTokensAndControlCharacters() {
		assertThat(Redaction.safe("Authorization: Bearer eyJhbGciOi.x.y\r\nInjected: line"))
			.isEqualTo("Authorization: Bearer [redacted] Injected: line");
	}

	@Test
	void removesWhatTheCallerKnowsToBeSecretOrAPhoneNumber() {
		PhoneNumber shortNumber = new PhoneNumber("44", "12345");
		PhoneNumber indian = PhoneNumber.parse("+919876543210");

		assertThat(Redaction.safe("key live-key-1 for 12345", shortNumber, "live-key-1"))
			.isEqualTo("key [redacted] for +44 •••45");
		assertThat(Redaction.safe("9876543210 is not on WhatsApp; nor is +919876543210", indian, null))
			.isEqualTo("+91 98•••••210 is not on WhatsApp; nor is +91 98•••••210");
		assertThat(Redaction.safe(null, indian, "live-key-1")).isEmpty();
	}

	@Test
	void boundsTheLength() {
		assertThat(Redaction.safe("x".repeat(1000))).hasSize(Redaction.MAX_LENGTH).endsWith("…");
	}

	@Test
	void leavesIdentifiersWithLongDigitRunsAlone() {
		assertThat(Redaction.safe("event 11234562-7ef5-4c21-9a55-123456789012 failed"))
			.isEqualTo("event 11234562-7ef5-4c21-9a55-123456789012 failed");
		assertThat(Redaction.safe("{\"deliveryId\":\"DEL-20260128-0042\",\"orderId\":\"ORD_123456789\"}"))
			.isEqualTo("{\"deliveryId\":\"DEL-20260128-0042\",\"orderId\":\"ORD_123456789\"}");
		assertThat(Redaction.safe("cust_919876543210 and cust-919876543210"))
			.isEqualTo("cust_919876543210 and cust-919876543210");
		assertThat(Redaction.safe("a 16-digit reference 1234567890123456")).contains("1234567890123456");
	}

	@Test
	void keepsIdentifiersWholeAndOnlyBoundsTheirLength() {
		assertThat(Redaction.identifier("11234562-7ef5-4c21-9a55-123456789012"))
			.isEqualTo("11234562-7ef5-4c21-9a55-123456789012");
		assertThat(Redaction.identifier("1732612345678")).isEqualTo("1732612345678");
		assertThat(Redaction.identifier("x".repeat(1000))).hasSize(Redaction.MAX_LENGTH).endsWith("…");
		assertThat(Redaction.identifier(null)).isNull();
	}

}
