package in.earlybird.notification.history;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What is known about a notification before its first attempt: the fields written once,
 * when its history document is created.
 *
 * @param eventId the event's id
 * @param eventType the CloudEvents type
 * @param type the template key
 * @param category {@code transactional} or {@code promotional}
 * @param phone the recipient in E.164 form
 * @param customerId the recipient's customer id
 * @param customerName the recipient's name, kept so that an admin can resend
 * @param language the language rendered in
 * @param message the rendered text, if rendering succeeded
 * @param providerTemplate the MyOperator template name
 * @param parameters the positional parameters
 * @param templateVersion the template version used
 * @param referenceId the business object the message is about
 * @param context the event's data
 * @param source where the event was read from
 * @param resendOf the notification this one re-sends, if any
 */
public record NotificationDraft(String eventId, String eventType, String type, String category, String phone,
		@Nullable String customerId, @Nullable String customerName, @Nullable String language, @Nullable String message,
		@Nullable String providerTemplate, @Nullable List<String> parameters, @Nullable Integer templateVersion,
		@Nullable String referenceId, @Nullable Map<String, Object> context, @Nullable KafkaSource source,
		@Nullable String resendOf) {

	/**
	 * Returns the key that makes this notification unique.
	 * @return the idempotency key
	 */
	public IdempotencyKey key() {
		return new IdempotencyKey(this.eventId, this.type, this.phone);
	}

}
