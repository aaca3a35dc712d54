package in.earlybird.events;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Phone numbers follow E.164 with the Indian-mobile rule, split correctly, and are never
 * shown whole when masked.
 */
class PhoneNumberTests {

	@ParameterizedTest
	@ValueSource(strings = { "+919876543210", "+916000000000", "+917045123456", "+918169512345", "+14155552671",
			"+447911123456", "+971501234567" })
	void acceptsE164NumbersAndIndianMobiles(String number) {
		assertThat(PhoneNumber.isValid(number)).isTrue();
		assertThat(PhoneNumber.parse(number).e164()).isEqualTo(number);
	}

	@ParameterizedTest
	@NullAndEmptySource
	@ValueSource(strings = { "+91512345678", "+915123456789", "+910123456789", "+9198765", "+91987654321",
			"+9198765432101", "919876543210", "9876543210", "+91 98765 43210", "+91-9876543210", "+0123456789",
			"+1234567890123456", "+1415555", "++919876543210", "+91987654321O", "+919876543210\n" })
	void rejectsNumbersOutsideTheRules(@Nullable String number) {
		assertThat(PhoneNumber.isValid(number)).isFalse();
		assertThatExceptionOfType(InvalidPhoneNumberException.class).isThrownBy(() -> PhoneNumber.parse(number));
	}

	@ParameterizedTest
	@ValueSource(strings = { "+91512345678", "+9198765432101", "919876543210", "+91 98765 43210" })
	void rejectionReasonNeverRepeatsTheNumber(String number) {
		String digits = number.replaceAll("\\D", "");
		assertThatExceptionOfType(InvalidPhoneNumberException.class).isThrownBy(() -> PhoneNumber.parse(number))
			.withMessageNotContaining(digits)
			.withMessageNotContaining(digits.substring(2));
	}

	@ParameterizedTest
	@CsvSource({ "+919876543210, 91, 9876543210", "+916000000000, 91, 6000000000", "+14155552671, 1, 4155552671",
			"+447911123456, 44, 7911123456", "+971501234567, 971, 501234567", "+79161234567, 7, 9161234567",
			"+33612345678, 33, 612345678", "+8613812345678, 86, 13812345678", "+6591234567, 65, 91234567",
			"+2348031234567, 234, 8031234567" })
	void splitsTheCountryCodeFromTheNationalNumber(String number, String countryCode, String nationalNumber) {
		PhoneNumber phone = PhoneNumber.parse(number);
		assertThat(phone.countryCode()).isEqualTo(countryCode);
		assertThat(phone.nationalNumber()).isEqualTo(nationalNumber);
	}

	@ParameterizedTest
	@CsvSource({ "+919876543210, +91 98•••••210", "+14155552671, +1 41•••••671", "+447911123456, +44 79•••••456",
			"+971501234567, +971 50••••567" })
	void masksAllButTheCountryCodeAndTheFirstTwoAndLastThreeDigits(String number, String masked) {
		assertThat(PhoneNumber.mask(number)).isEqualTo(masked);
		assertThat(PhoneNumber.parse(number).masked()).isEqualTo(masked);
		assertThat(PhoneNumber.parse(number)).hasToString(masked);
	}

	@ParameterizedTest
	@ValueSource(strings = { "+919876543210", "+14155552671", "+971501234567", "+91512345678", "919876543210",
			"+91 98765 43210", "9876543210", "12345", "+0123456789" })
	void maskNeverRevealsTheWholeNumber(String number) {
		String digits = number.replaceAll("\\D", "");
		String masked = PhoneNumber.mask(number);
		assertThat(masked.replaceAll("\\D", "")).doesNotContain(digits);
		assertThat(masked.replaceAll("\\D", "").length()).isLessThan(digits.length());
		assertThat(masked).contains("•");
	}

	@ParameterizedTest
	@ValueSource(strings = { "+97112345", "+12345678", "+447911123", "+6591234567", "+919876543210" })
	void maskHidesAtLeastHalfOfEvenAShortNationalNumber(String number) {
		PhoneNumber phone = PhoneNumber.parse(number);
		String shown = phone.masked().substring(phone.countryCode().length() + 2).replaceAll("\\D", "");
		assertThat(shown.length() * 2).isLessThanOrEqualTo(phone.nationalNumber().length());
	}

	@Test
	void masksNothingIntoNothing() {
		assertThat(PhoneNumber.mask(null)).isEmpty();
		assertThat(PhoneNumber.mask("")).isEmpty();
	}

}
