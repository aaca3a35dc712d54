package in.earlybird.events;

import java.util.Objects;

/**
 * Analytics flagged a customer as likely to leave, with an offer to win them back
 * ({@code earlybird.customer.churn-risk-detected}). A promotional message.
 *
 * @param customer the recipient
 * @param offerPercent the discount offered, 1 to 100
 * @param offerCode the code the customer enters or quotes to redeem it
 */
public record ChurnRiskDetected(Customer customer, int offerPercent, String offerCode) implements NotificationEvent {

	/**
	 * Creates the event; every value is required.
	 * @param customer the recipient
	 * @param offerPercent the discount offered, 1 to 100
	 * @param offerCode the code the customer enters or quotes to redeem it
	 */
	public ChurnRiskDetected {
		Objects.requireNonNull(customer, "customer");
		Objects.requireNonNull(offerCode, "offerCode");
	}

	@Override
	public EventType eventType() {
		return EventType.CHURN_RISK_DETECTED;
	}

}
