package in.earlybird.events;

import java.util.List;

/** The default Kafka topics of the contract. Deployments may rename them. */
public final class Topics {

	/** Orders: {@code earlybird.order.created}. */
	public static final String ORDERS = "earlybird.orders";

	/** Billing: bills and payments. */
	public static final String BILLING = "earlybird.billing";

	/** Subscriptions: created and paused. */
	public static final String SUBSCRIPTIONS = "earlybird.subscriptions";

	/** Deliveries: scheduled, confirmed and delayed. */
	public static final String DELIVERIES = "earlybird.deliveries";

	/** Customers: churn risk. */
	public static final String CUSTOMERS = "earlybird.customers";

	/** Catalog: product launches. */
	public static final String CATALOG = "earlybird.catalog";

	/** All six domain topics in a stable order. */
	public static final List<String> ALL = List.of(ORDERS, BILLING, SUBSCRIPTIONS, DELIVERIES, CUSTOMERS, CATALOG);

	private Topics() {
	}

}
