package in.earlybird.notification.retry;

/** The kinds of failure recorded in {@link FailureHeaders#FAILURE_CLASS}. */
public enum FailureClass {

	/** The record is not a valid event: malformed, against its schema, or unknown. */
	PoisonEvent,

	/** MyOperator or the network failed in a way that may pass. */
	ProviderTransient,

	/** MyOperator asked us to slow down for longer than a message may wait. */
	ProviderRateLimited,

	/**
	 * Held back, not failed: the customer's quiet hours, or the business's daily limit of
	 * unique customers.
	 */
	Held,

	/** MyOperator refused our credentials or account set-up. */
	ProviderConfiguration,

	/** This service failed unexpectedly on the record. */
	ProcessingError

}
