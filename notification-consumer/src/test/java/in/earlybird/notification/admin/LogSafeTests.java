package in.earlybird.notification.admin;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LogSafeTests {

	@Test
	void masksPhoneNumbersInPathsKeepingThemValidUris() {
		assertThat(LogSafe.instance("/api/notifications/history/+919876543210"))
			.hasToString("/api/notifications/history/+91%2098•••••210");
		assertThat(LogSafe.instance("/api/notifications/preferences/%2B919876543210"))
			.hasToString("/api/notifications/preferences/+91%2098•••••210");
		assertThat(LogSafe.instance("/api/notifications/resend/2f1c-77"))
			.hasToString("/api/notifications/resend/2f1c-77");
		assertThat(LogSafe.instance("/api/notifications/resend/11234562-7ef5-4c21-9a55-123456789012"))
			.hasToString("/api/notifications/resend/11234562-7ef5-4c21-9a55-123456789012");
	}

	@Test
	void redactsEveryMessageOfAnExceptionChainButKeepsTheStack() {
		IllegalStateException cause = new IllegalStateException("dup key: { phone: \"+919876543210\" }");
		RuntimeException error = new RuntimeException("write failed for 919876543210", cause);

		Throwable safe = LogSafe.exception(error);

		assertThat(safe.getMessage()).startsWith("java.lang.RuntimeException").doesNotContain("9876543210");
		assertThat(safe.getCause().getMessage()).doesNotContain("9876543210").contains("+91 98•••••210");
		assertThat(safe.getStackTrace()).isEqualTo(error.getStackTrace());
	}

}
