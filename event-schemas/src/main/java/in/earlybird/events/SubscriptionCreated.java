package in.earlybird.events;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A customer started a recurring subscription ({@code earlybird.subscription.created}).
 *
 * @param customer the recipient
 * @param subscriptionId the subscription's id
 * @param product the subscribed product, e.g. {@code Toned Milk 500 ml}
 * @param quantity how many units are delivered each time, at least 1
 * @param startDate the day of the first delivery
 */
public record SubscriptionCreated(Customer customer, String subscriptionId, String product, int quantity,
		LocalDate startDate) implements NotificationEvent {

	/**
	 * Creates the event; every value is required.
	 * @param customer the recipient
	 * @param subscriptionId the subscription's id
	 * @param product the subscribed product, e.g. {@code Toned Milk 500 ml}
	 * @param quantity how many units are delivered each time, at least 1
	 * @param startDate the day of the first delivery
	 */
	public SubscriptionCreated {
		Objects.requireNonNull(customer, "customer");
		Objects.requireNonNull(subscriptionId, "subscriptionId");
		Objects.requireNonNull(product, "product");
		Objects.requireNonNull(startDate, "startDate");
	}

	@Override
	public EventType eventType() {
		return EventType.SUBSCRIPTION_CREATED;
	}

}
