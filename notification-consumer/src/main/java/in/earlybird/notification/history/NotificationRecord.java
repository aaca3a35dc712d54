package in.earlybird.notification.history;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One notification in {@code notifications_log}: the fields of the original plan plus the
 * event it came from, the template version and the timeline of attempts.
 *
 * <p>
 * {@code (eventId, type, phone)} is unique: one event, template and recipient is sent at
 * most once.
 *
 * @param id our notification id, also sent to MyOperator as {@code myop_ref_id}
 * @param eventId the CloudEvents id of the event (or a derived id for ad-hoc sends)
 * @param eventType the CloudEvents type, e.g. {@code earlybird.delivery.scheduled}
 * @param type the template key, e.g. {@code delivery_reminder}
 * @param category {@code transactional} or {@code promotional}
 * @param phone the recipient in E.164 form
 * @param customerId the recipient's customer id
 * @param customerName the recipient's name as the event gave it (absent on records
 * written before it was kept)
 * @param language the language the message was rendered in
 * @param status where the notification stands
 * @param message the full rendered text
 * @param providerTemplate the approved template name at MyOperator
 * @param parameters the positional template parameters sent
 * @param templateVersion the version of the template definition used
 * @param referenceId the business object the message is about (order, bill, delivery…)
 * @param context the event's data, for display and resend
 * @param createdAt when the notification was first recorded
 * @param updatedAt when it last changed
 * @param sentAt when MyOperator accepted it
 * @param deliveredAt when WhatsApp reported delivery
 * @param readAt when WhatsApp reported it read
 * @param failedAt when it was given up on
 * @param expiredAt when it was found to be too late
 * @param errorCode the last error's code
 * @param errorMessage the last error's description (no secrets, no full phone number)
 * @param retryCount how many times it went through the delay topic
 * @param providerMessageId MyOperator's message id, which status webhooks refer to
 * @param conversationId MyOperator's conversation id
 * @param deadLettered whether it ended on the dead-letter topic
 * @param nextAttemptAt when the next attempt is due, while queued for a retry
 * @param attempts every attempt, oldest first
 * @param source where the event was read from
 * @param resendOf the notification this one re-sends, if it is a resend
 * @param claimToken the token of the attempt that last claimed it for sending
 */
@Document(NotificationRecord.COLLECTION)
public record NotificationRecord(@Id String id, String eventId, String eventType, String type, String category,
		String phone, @Nullable String customerId, @Nullable String customerName, @Nullable String language,
		NotificationStatus status, @Nullable String message, @Nullable String providerTemplate,
		@Nullable List<String> parameters, @Nullable Integer templateVersion, @Nullable String referenceId,
		@Nullable Map<String, Object> context, Instant createdAt, Instant updatedAt, @Nullable Instant sentAt,
		@Nullable Instant deliveredAt, @Nullable Instant readAt, @Nullable Instant failedAt,
		@Nullable Instant expiredAt, @Nullable String errorCode, @Nullable String errorMessage, int retryCount,
		@Nullable String providerMessageId, @Nullable String conversationId, boolean deadLettered,
		@Nullable Instant nextAttemptAt, @Nullable List<Attempt> attempts, @Nullable KafkaSource source,
		@Nullable String resendOf, @Nullable String claimToken) {

	/** The collection's name, as in the original plan. */
	public static final String COLLECTION = "notifications_log";

	/** Field names used in queries and updates. */
	public static final class Fields {

		public static final String ID = "_id";

		public static final String EVENT_ID = "eventId";

		public static final String EVENT_TYPE = "eventType";

		public static final String TYPE = "type";

		public static final String CATEGORY = "category";

		public static final String PHONE = "phone";

		public static final String CUSTOMER_ID = "customerId";

		public static final String CUSTOMER_NAME = "customerName";

		public static final String LANGUAGE = "language";

		public static final String STATUS = "status";

		public static final String MESSAGE = "message";

		public static final String PROVIDER_TEMPLATE = "providerTemplate";

		public static final String PARAMETERS = "parameters";

		public static final String TEMPLATE_VERSION = "templateVersion";

		public static final String REFERENCE_ID = "referenceId";

		public static final String CONTEXT = "context";

		public static final String CREATED_AT = "createdAt";

		public static final String UPDATED_AT = "updatedAt";

		public static final String SENT_AT = "sentAt";

		public static final String DELIVERED_AT = "deliveredAt";

		public static final String READ_AT = "readAt";

		public static final String FAILED_AT = "failedAt";

		public static final String EXPIRED_AT = "expiredAt";

		public static final String ERROR_CODE = "errorCode";

		public static final String ERROR_MESSAGE = "errorMessage";

		public static final String RETRY_COUNT = "retryCount";

		public static final String PROVIDER_MESSAGE_ID = "providerMessageId";

		public static final String CONVERSATION_ID = "conversationId";

		public static final String DEAD_LETTERED = "deadLettered";

		public static final String NEXT_ATTEMPT_AT = "nextAttemptAt";

		public static final String ATTEMPTS = "attempts";

		public static final String SOURCE = "source";

		public static final String RESEND_OF = "resendOf";

		public static final String CLAIM_TOKEN = "claimToken";

		/**
		 * The instance that holds the claim, whose heartbeat says whether it is alive.
		 */
		public static final String OWNER = "owner";

		/** How many times the notification was claimed; numbers the claim markers. */
		public static final String CLAIM_SEQ = "claimSeq";

		private Fields() {
		}

	}

}
