package in.earlybird.notification.admin;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonAlias;
import org.jspecify.annotations.Nullable;

/**
 * An ad-hoc send, as the original plan's {@code POST /send-message} took it; its
 * snake_case names ({@code message_type}, {@code customer_name}) are accepted too.
 *
 * @param phone the recipient in E.164 form, e.g. {@code +919876543210}
 * @param messageType the template key, e.g. {@code delivery_reminder}
 * @param context the event's data: the fields of the template's event (see the event
 * schemas), in camelCase or snake_case, e.g. {@code deliveryDate} or
 * {@code delivery_date}; may carry {@code customer_name}
 * @param immediate {@code true} to send now and answer with the outcome; otherwise
 * (absent or {@code false}) the event is published to its Kafka topic and sent like any
 * other
 * @param customerName the name to greet the customer by (or
 * {@code context.customer_name})
 * @param customerId the customer's id, the Kafka key; derived from the phone number when
 * absent
 * @param language the customer's language, {@code en} when absent
 */
record SendMessageRequest(@Nullable String phone, @JsonAlias("message_type") @Nullable String messageType,
		@Nullable Map<String, Object> context, @Nullable Boolean immediate,
		@JsonAlias("customer_name") @Nullable String customerName,
		@JsonAlias("customer_id") @Nullable String customerId, @Nullable String language) {

	boolean sendsNow() {
		return Boolean.TRUE.equals(this.immediate);
	}

}
