package in.earlybird.notification.preferences;

import java.time.Instant;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A customer's notification preferences, keyed by WhatsApp number because an opt-out (a
 * {@code STOP} reply) belongs to the number.
 *
 * @param phone the number in E.164 form
 * @param customerId the customer id, when known
 * @param optedOut the message categories ({@code transactional}, {@code promotional}) the
 * customer does not want
 * @param quietHours when promotional messages must wait, if the customer set it
 * @param updatedAt when the preferences last changed
 * @param updatedBy who changed them: an admin's name, or {@code whatsapp} for a reply
 */
@Document(CustomerPreferences.COLLECTION)
public record CustomerPreferences(@Id String phone, @Nullable String customerId, Set<String> optedOut,
		@Nullable QuietHours quietHours, Instant updatedAt, String updatedBy) {

	/**
	 * Normalises a missing set of opt-outs to an empty one.
	 * @param phone the number
	 * @param customerId the customer id
	 * @param optedOut the opted-out categories
	 * @param quietHours the quiet hours
	 * @param updatedAt when they last changed
	 * @param updatedBy who changed them
	 */
	public CustomerPreferences {
		optedOut = (optedOut != null) ? Set.copyOf(optedOut) : Set.of();
	}

	/** The collection's name, as in the original plan. */
	public static final String COLLECTION = "notification_settings";

	/**
	 * Tells whether the customer opted out of a category.
	 * @param category {@code transactional} or {@code promotional}
	 * @return whether messages of that category must not be sent
	 */
	public boolean hasOptedOutOf(String category) {
		return this.optedOut.contains(category);
	}

	/**
	 * Tells whether promotional messages must wait at a moment.
	 * @param moment the moment
	 * @return whether it falls in the customer's quiet hours
	 */
	public boolean isQuietAt(Instant moment) {
		return this.quietHours != null && this.quietHours.contains(moment);
	}

}
