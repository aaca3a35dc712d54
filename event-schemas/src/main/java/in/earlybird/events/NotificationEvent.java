package in.earlybird.events;

/**
 * A domain event that leads to a WhatsApp notification. The hierarchy is sealed so that a
 * {@code switch} over it is exhaustive: an event without a template does not compile.
 */
public sealed interface NotificationEvent permits DeliveryScheduled, DeliveryConfirmed, DeliveryDelayed, BillGenerated,
		PaymentRecorded, SubscriptionCreated, SubscriptionPaused, OrderCreated, ChurnRiskDetected, ProductLaunched {

	/**
	 * Returns who receives the notification.
	 * @return the customer
	 */
	Customer customer();

	/**
	 * Returns the event's type, which fixes its CloudEvents {@code type}, topic and
	 * schema.
	 * @return the event type
	 */
	EventType eventType();

}
