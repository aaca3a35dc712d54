package in.earlybird.events;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A customer paused a subscription ({@code earlybird.subscription.paused}).
 *
 * @param customer the recipient
 * @param subscriptionId the subscription's id
 * @param resumeDate the day deliveries start again
 */
public record SubscriptionPaused(Customer customer, String subscriptionId,
		LocalDate resumeDate) implements NotificationEvent {

	/**
	 * Creates the event; every value is required.
	 * @param customer the recipient
	 * @param subscriptionId the subscription's id
	 * @param resumeDate the day deliveries start again
	 */
	public SubscriptionPaused {
		Objects.requireNonNull(customer, "customer");
		Objects.requireNonNull(subscriptionId, "subscriptionId");
		Objects.requireNonNull(resumeDate, "resumeDate");
	}

	@Override
	public EventType eventType() {
		return EventType.SUBSCRIPTION_PAUSED;
	}

}
