package in.earlybird.events;

import java.time.LocalDate;

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

	@Override
	public EventType eventType() {
		return EventType.SUBSCRIPTION_CREATED;
	}

}
