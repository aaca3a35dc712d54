package in.earlybird.notification.templates;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

import in.earlybird.events.PaymentMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class TemplateFormatsTests {

	private static final TemplateFormats ENGLISH = TemplateFormats.forLanguage("en");

	private static final TemplateFormats HINDI = TemplateFormats.forLanguage("hi");

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			0          | ₹0
			5          | ₹5
			99.5       | ₹99.50
			2500       | ₹2,500
			2500.00    | ₹2,500
			2500.50    | ₹2,500.50
			125000     | ₹1,25,000
			10000000   | ₹1,00,00,000
			1234567.89 | ₹12,34,567.89
			999.999    | ₹1,000
			0.05       | ₹0.05
			-1500      | -₹1,500
			""")
	void formatsRupeesWithIndianGroupingAndPaiseOnlyWhenThereAreAny(String amount, String expected) {
		assertThat(TemplateFormats.rupees(new BigDecimal(amount))).isEqualTo(expected);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			7          | 7
			1000       | 1,000
			100000     | 1,00,000
			1234567.5  | 12,34,567.5
			""")
	void formatsNumbersWithIndianGrouping(String number, String expected) {
		assertThat(TemplateFormats.indianNumber(new BigDecimal(number))).isEqualTo(expected);
	}

	@Test
	void formatsDatesTheIndianWayInEnglishAndHindi() {
		LocalDate date = LocalDate.of(2026, 1, 28);
		assertThat(ENGLISH.date(date)).isEqualTo("28 Jan");
		assertThat(HINDI.date(date)).isEqualTo("28 जन॰");
		assertThat(ENGLISH.date(LocalDate.of(2026, 9, 5))).isEqualTo("5 Sep");
	}

	@Test
	void formatsTheDateOfAMomentInIndia() {
		// 20:00 UTC on the 27th is 01:30 on the 28th in India.
		OffsetDateTime lateEveningUtc = OffsetDateTime.parse("2026-01-27T20:00:00Z");
		assertThat(ENGLISH.date(lateEveningUtc)).isEqualTo("28 Jan");
		assertThat(HINDI.date(lateEveningUtc)).isEqualTo("28 जन॰");
		assertThat(ENGLISH.date(Instant.parse("2026-01-27T20:00:00Z"))).isEqualTo("28 Jan");
	}

	@Test
	void formatsTimesInIndiaFromUtc() {
		OffsetDateTime utc = OffsetDateTime.parse("2026-01-28T01:45:00Z");
		assertThat(ENGLISH.time(utc)).isEqualTo("7:15 AM");
		assertThat(HINDI.time(utc)).isEqualTo("सुबह 7:15");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			2026-01-28T00:15:00+05:30 | 12:15 AM | रात 12:15
			2026-01-28T04:00:00+05:30 | 4:00 AM  | सुबह 4:00
			2026-01-28T12:30:00+05:30 | 12:30 PM | दोपहर 12:30
			2026-01-28T17:05:00+05:30 | 5:05 PM  | शाम 5:05
			2026-01-28T21:40:00+05:30 | 9:40 PM  | रात 9:40
			2026-01-28T09:10:00+09:00 | 5:40 AM  | सुबह 5:40
			""")
	void namesThePartOfTheDayInHindi(String moment, String english, String hindi) {
		OffsetDateTime time = OffsetDateTime.parse(moment);
		assertThat(ENGLISH.time(time)).isEqualTo(english);
		assertThat(HINDI.time(time)).isEqualTo(hindi);
	}

	@Test
	void namesPaymentMethodsForCustomers() {
		assertThat(ENGLISH.paymentMethod(PaymentMethod.NET_BANKING)).isEqualTo("Net Banking");
		assertThat(ENGLISH.paymentMethod("UPI")).isEqualTo("UPI");
		assertThat(ENGLISH.paymentMethod("cash")).isEqualTo("Cash");
		assertThat(HINDI.paymentMethod("CASH")).isEqualTo("नकद");
		assertThat(HINDI.paymentMethod(PaymentMethod.CARD)).isEqualTo("कार्ड");
		assertThat(HINDI.paymentMethod(PaymentMethod.UPI)).isEqualTo("UPI");
	}

	@Test
	void translatesTheMonthOfABillingPeriodIntoHindi() {
		assertThat(HINDI.period("January 2026")).isEqualTo("जनवरी 2026");
		assertThat(HINDI.period("Dec 2025 - Jan 2026")).isEqualTo("दिसंबर 2025 - जनवरी 2026");
		assertThat(HINDI.period("Week 5")).isEqualTo("Week 5");
		assertThat(ENGLISH.period("January 2026")).isEqualTo("January 2026");
	}

	@Test
	void usesEnglishFormatsForLanguagesWithoutTheirOwn() {
		assertThat(TemplateFormats.forLanguage("ta").date(LocalDate.of(2026, 1, 28))).isEqualTo("28 Jan");
	}

}
