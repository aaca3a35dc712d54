package in.earlybird.events;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * The recipient of a notification, carried inside every event.
 *
 * @param id the customer's id in EarlyBird; also the Kafka record key, so that one
 * customer's events stay in order
 * @param name the name to greet the customer by
 * @param phone the customer's WhatsApp number in E.164 form, e.g. {@code +919876543210};
 * see {@link PhoneNumber} for the rules
 * @param language the customer's preferred language as an ISO 639-1 code ({@code en},
 * {@code hi}); {@code en} when absent
 */
public record Customer(String id, String name, String phone, String language) {

	/** The language used when an event does not name one. */
	public static final String DEFAULT_LANGUAGE = "en";

	/**
	 * Creates a customer, defaulting a missing language to {@value #DEFAULT_LANGUAGE}.
	 * @param id the customer id
	 * @param name the customer's name
	 * @param phone the E.164 phone number
	 * @param language the preferred language, or {@code null} for the default
	 */
	public Customer(String id, String name, String phone, @Nullable String language) {
		this.id = Objects.requireNonNull(id, "id");
		this.name = Objects.requireNonNull(name, "name");
		this.phone = Objects.requireNonNull(phone, "phone");
		this.language = (language == null || language.isBlank()) ? DEFAULT_LANGUAGE : language;
	}

}
