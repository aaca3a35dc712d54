package in.earlybird.events;

import java.time.LocalDate;

/**
 * A customer paused a subscription ({@code earlybird.subscription.paused}).
 *
 * @param customer the recipient
 * @param subscriptionId the subscription's id
 * @param resumeDate the day deliveries start again
 */
public record SubscriptionPaused(Customer customer, String subscriptionId,
		LocalDate resumeDate) implements NotificationEvent {

	@Override
	public EventType eventType() {
		return EventType.SUBSCRIPTION_PAUSED;
	}

}
