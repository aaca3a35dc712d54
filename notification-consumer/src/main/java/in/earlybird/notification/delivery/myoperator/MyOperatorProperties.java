package in.earlybird.notification.delivery.myoperator;

import java.net.URI;
import java.time.Duration;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where and as whom to call MyOperator; {@link #toString()} never shows the API key.
 *
 * @param baseUrl the API root, {@code https://publicapi.myoperator.co} unless pointed at
 * a sandbox
 * @param apiKey the API key from the MyOperator panel (Manage → WhatsApp APIs), sent as a
 * bearer token
 * @param companyId the company id from the same panel, sent as {@code X-MYOP-COMPANY-ID}
 * @param phoneNumberId the id of our WhatsApp business number, from
 * {@code GET /chat/phonenumbers}
 * @param connectTimeout how long to wait for a TCP (and TLS) connection
 * @param readTimeout how long to wait for a response once the request is sent
 */
@Validated
@ConfigurationProperties("notification.myoperator")
public record MyOperatorProperties(@DefaultValue("https://publicapi.myoperator.co") @NotNull URI baseUrl,
		@NotBlank String apiKey, @NotBlank String companyId, @NotBlank String phoneNumberId,
		@DefaultValue("2s") @NotNull @DurationMin(millis = 1) Duration connectTimeout,
		@DefaultValue("10s") @NotNull @DurationMin(millis = 1) Duration readTimeout) {

	/** The production API root. */
	public static final URI DEFAULT_BASE_URL = URI.create("https://publicapi.myoperator.co");

	@Override
	public String toString() {
		// The key is a bearer credential: say only whether it is set.
		String key = (this.apiKey == null || this.apiKey.isBlank()) ? "<not set>" : "<redacted>";
		return "MyOperatorProperties[baseUrl=" + this.baseUrl + ", apiKey=" + key + ", companyId=" + this.companyId
				+ ", phoneNumberId=" + this.phoneNumberId + ", connectTimeout=" + this.connectTimeout + ", readTimeout="
				+ this.readTimeout + "]";
	}

}
