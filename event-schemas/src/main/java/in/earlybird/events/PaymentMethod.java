package in.earlybird.events;

/** How a customer paid. */
public enum PaymentMethod {

	/** Unified Payments Interface. */
	UPI,

	/** Debit or credit card. */
	CARD,

	/** Net banking. */
	NET_BANKING,

	/** Cash handed to the delivery partner. */
	CASH,

	/** A prepaid EarlyBird or third-party wallet. */
	WALLET

}
