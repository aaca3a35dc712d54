package in.earlybird.notification.admin;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import in.earlybird.notification.history.Attempt;
import in.earlybird.notification.history.KafkaSource;
import in.earlybird.notification.history.NotificationRecord;
import org.jspecify.annotations.Nullable;

/**
 * A notification as the admin API shows it: the original plan's {@code id},
 * {@code status}, {@code phone}, {@code type} and {@code timestamp}, and everything
 * history knows besides. The phone number is masked for viewers.
 *
 * @param id our notification id
 * @param status {@code queued}, {@code sending}, {@code sent}, {@code delivered},
 * {@code read}, {@code failed} or {@code expired}
 * @param phone the recipient, masked for viewers
 * @param type the template key
 * @param timestamp when the notification was first recorded (as {@code createdAt})
 * @param category {@code transactional} or {@code promotional}
 * @param eventId the event's id
 * @param eventType the CloudEvents type
 * @param customerId the customer id
 * @param customerName the customer's name
 * @param language the language rendered in
 * @param message the full rendered text
 * @param providerTemplate the approved template's name at MyOperator
 * @param parameters the template parameters sent
 * @param templateVersion the template version used
 * @param referenceId the business object the message is about
 * @param context the event's data
 * @param createdAt when first recorded
 * @param updatedAt when last changed
 * @param sentAt when MyOperator accepted it
 * @param deliveredAt when WhatsApp delivered it
 * @param readAt when the customer read it
 * @param failedAt when it was given up on
 * @param expiredAt when it was found too late
 * @param errorCode the last error's code
 * @param errorMessage the last error
 * @param retryCount times through the delay topic
 * @param providerMessageId MyOperator's message id
 * @param conversationId MyOperator's conversation id
 * @param deadLettered whether it ended on the dead-letter topic
 * @param nextAttemptAt when the next attempt is due, while queued
 * @param attempts every attempt, oldest first
 * @param source where the event was read from Kafka
 * @param resendOf the notification this one re-sends
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record NotificationView(String id, String status, @Nullable String phone, String type, Instant timestamp,
		String category, String eventId, String eventType, @Nullable String customerId, @Nullable String customerName,
		@Nullable String language, @Nullable String message, @Nullable String providerTemplate,
		@Nullable List<String> parameters, @Nullable Integer templateVersion, @Nullable String referenceId,
		@Nullable Map<String, Object> context, Instant createdAt, Instant updatedAt, @Nullable Instant sentAt,
		@Nullable Instant deliveredAt, @Nullable Instant readAt, @Nullable Instant failedAt,
		@Nullable Instant expiredAt, @Nullable String errorCode, @Nullable String errorMessage, int retryCount,
		@Nullable String providerMessageId, @Nullable String conversationId, boolean deadLettered,
		@Nullable Instant nextAttemptAt, @Nullable List<Attempt> attempts, @Nullable KafkaSource source,
		@Nullable String resendOf) {

	static NotificationView of(NotificationRecord record, Caller caller) {
		return new NotificationView(record.id(), record.status().value(), caller.phone(record.phone()), record.type(),
				record.createdAt(), record.category(), record.eventId(), record.eventType(), record.customerId(),
				record.customerName(), record.language(), record.message(), record.providerTemplate(),
				record.parameters(), record.templateVersion(), record.referenceId(), record.context(),
				record.createdAt(), record.updatedAt(), record.sentAt(), record.deliveredAt(), record.readAt(),
				record.failedAt(), record.expiredAt(), record.errorCode(), record.errorMessage(), record.retryCount(),
				record.providerMessageId(), record.conversationId(), record.deadLettered(), record.nextAttemptAt(),
				record.attempts(), record.source(), record.resendOf());
	}

}
