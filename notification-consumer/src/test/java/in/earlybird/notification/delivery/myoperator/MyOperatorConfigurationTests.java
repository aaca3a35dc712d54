package in.earlybird.notification.delivery.myoperator;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import in.earlybird.events.PhoneNumber;
import in.earlybird.notification.sandbox.MyOperatorSandbox;
import in.earlybird.notification.sandbox.SandboxSettings;
import jakarta.validation.Validation;
import jakarta.validation.ValidatorFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link MyOperatorProperties} binding and {@link MyOperatorConfiguration},
 * without an application context.
 */
class MyOperatorConfigurationTests {

	static ValidatorFactory validation;

	@BeforeAll
	static void startValidation() {
		validation = Validation.buildDefaultValidatorFactory();
	}

	@AfterAll
	static void stopValidation() {
		validation.close();
	}

	@Test
	void bindsTheCredentialsAndDefaultsTheRest() {
		MyOperatorProperties properties = bind(
				Map.of("notification.myoperator.api-key", "secret-key-1", "notification.myoperator.company-id",
						"company-42", "notification.myoperator.phone-number-id", "pn-1001"));

		assertThat(properties.baseUrl()).isEqualTo(URI.create("https://publicapi.myoperator.co"))
			.isEqualTo(MyOperatorProperties.DEFAULT_BASE_URL);
		assertThat(properties.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
		assertThat(properties.readTimeout()).isEqualTo(Duration.ofSeconds(10));
		assertThat(properties.apiKey()).isEqualTo("secret-key-1");
	}

	@Test
	void bindsEveryProperty() {
		MyOperatorProperties properties = bind(Map.of("notification.myoperator.base-url", "http://localhost:8089",
				"notification.myoperator.api-key", "k", "notification.myoperator.company-id", "c",
				"notification.myoperator.phone-number-id", "p", "notification.myoperator.connect-timeout", "500ms",
				"notification.myoperator.read-timeout", "3s"));

		assertThat(properties.baseUrl()).isEqualTo(URI.create("http://localhost:8089"));
		assertThat(properties.connectTimeout()).isEqualTo(Duration.ofMillis(500));
		assertThat(properties.readTimeout()).isEqualTo(Duration.ofSeconds(3));
	}

	@Test
	void refusesToStartWithoutCredentials() {
		assertThatExceptionOfType(BindException.class)
			.isThrownBy(() -> bind(Map.of("notification.myoperator.company-id", "c")));
	}

	@Test
	void refusesAZeroTimeout() {
		assertThatExceptionOfType(BindException.class).isThrownBy(
				() -> bind(Map.of("notification.myoperator.api-key", "k", "notification.myoperator.company-id", "c",
						"notification.myoperator.phone-number-id", "p", "notification.myoperator.read-timeout", "0s")));
	}

	@Test
	void neverShowsTheApiKey() {
		MyOperatorProperties properties = new MyOperatorProperties(MyOperatorProperties.DEFAULT_BASE_URL,
				"secret-key-1", "company-42", "pn-1001", Duration.ofSeconds(2), Duration.ofSeconds(10));

		assertThat(properties.toString()).doesNotContain("secret-key-1").contains("<redacted>").contains("company-42");
	}

	@Test
	void refusesAKeyThatCannotTravelInAHeader() {
		MyOperatorProperties properties = new MyOperatorProperties(MyOperatorProperties.DEFAULT_BASE_URL, "secret\nkey",
				"company-42", "pn-1001", Duration.ofSeconds(2), Duration.ofSeconds(10));

		assertThatIllegalArgumentException().isThrownBy(() -> new MyOperatorClient(properties))
			.withMessageContaining("apiKey")
			.withMessageNotContaining("secret");
	}

	@Test
	void createsAWorkingClientFromTheProperties() {
		try (MyOperatorSandbox sandbox = MyOperatorSandbox.start(SandboxSettings.defaults())) {
			MyOperatorProperties properties = bind(Map.of("notification.myoperator.base-url",
					sandbox.baseUrl().toString(), "notification.myoperator.api-key", SandboxSettings.DEFAULT_API_KEY,
					"notification.myoperator.company-id", SandboxSettings.DEFAULT_COMPANY_ID,
					"notification.myoperator.phone-number-id", SandboxSettings.DEFAULT_PHONE_NUMBER_ID));
			DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
			beans.registerSingleton("restClientBuilder", RestClient.builder());

			try (MyOperatorClient client = new MyOperatorConfiguration().myOperatorClient(properties,
					beans.getBeanProvider(RestClient.Builder.class))) {
				SendResult result = client.send(new TemplateMessage("config-1", PhoneNumber.parse("+919876543210"),
						"delivery_reminder", "en", List.of("John")));

				assertThat(result).isInstanceOf(SendResult.Accepted.class);
			}
			assertThat(sandbox.rejections()).isEmpty();
		}
	}

	@Test
	void describesAMessageWithoutItsNumberOrParameters() {
		TemplateMessage message = new TemplateMessage("n-1", PhoneNumber.parse("+919876543210"), "delivery_reminder",
				"en", List.of("John Secret", "28 Jan"));

		assertThat(message.toString()).doesNotContain("9876543210")
			.doesNotContain("John Secret")
			.contains("parameters=2");
	}

	private static MyOperatorProperties bind(Map<String, String> values) {
		Binder binder = new Binder(new MapConfigurationPropertySource(values));
		ValidationBindHandler validating = new ValidationBindHandler(
				new SpringValidatorAdapter(validation.getValidator()));
		return binder.bindOrCreate("notification.myoperator", Bindable.of(MyOperatorProperties.class), validating);
	}

}
