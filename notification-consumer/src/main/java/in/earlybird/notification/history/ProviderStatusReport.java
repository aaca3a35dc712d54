package in.earlybird.notification.history;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What MyOperator reported about a message we sent: a delivery-status webhook.
 *
 * @param providerMessageId MyOperator's message id, as returned when we sent
 * @param status {@code sent}, {@code delivered}, {@code read} or {@code failed}
 * @param occurredAt when it happened, by the provider's clock
 * @param errorCode the provider's error code, for a failure
 * @param errorMessage the provider's error description, for a failure; without secrets or
 * full phone numbers
 * @param reportId the webhook's {@code event_id}
 * @param reference our notification id as the report gives it back, if it does (it
 * settles a notification whose send answer never reached us)
 */
public record ProviderStatusReport(String providerMessageId, NotificationStatus status, Instant occurredAt,
		@Nullable String errorCode, @Nullable String errorMessage, String reportId, @Nullable String reference) {

	/**
	 * Checks that the status is one a provider reports.
	 * @param providerMessageId the message id
	 * @param status the status
	 * @param occurredAt when
	 * @param errorCode the error code
	 * @param errorMessage the error description
	 * @param reportId the report's id
	 * @param reference our notification id, if given
	 */
	public ProviderStatusReport {
		if (!status.isProviderProgress() && status != NotificationStatus.FAILED) {
			throw new IllegalArgumentException("Not a provider-reported status: " + status);
		}
	}

}
