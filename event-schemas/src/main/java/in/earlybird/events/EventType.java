package in.earlybird.events;

import java.net.URI;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Every event type of the contract, with its CloudEvents {@code type}, the topic it is
 * published to by default, its Java record, and the name of its schema and example files.
 */
public enum EventType {

	/** A delivery was scheduled. */
	DELIVERY_SCHEDULED("earlybird.delivery.scheduled", Topics.DELIVERIES, DeliveryScheduled.class),

	/** A delivery reached the customer. */
	DELIVERY_CONFIRMED("earlybird.delivery.confirmed", Topics.DELIVERIES, DeliveryConfirmed.class),

	/** A delivery will arrive late. */
	DELIVERY_DELAYED("earlybird.delivery.delayed", Topics.DELIVERIES, DeliveryDelayed.class),

	/** A bill was generated. */
	BILL_GENERATED("earlybird.bill.generated", Topics.BILLING, BillGenerated.class),

	/** A payment was received. */
	PAYMENT_RECORDED("earlybird.payment.recorded", Topics.BILLING, PaymentRecorded.class),

	/** A subscription was started. */
	SUBSCRIPTION_CREATED("earlybird.subscription.created", Topics.SUBSCRIPTIONS, SubscriptionCreated.class),

	/** A subscription was paused. */
	SUBSCRIPTION_PAUSED("earlybird.subscription.paused", Topics.SUBSCRIPTIONS, SubscriptionPaused.class),

	/** A one-off order was placed. */
	ORDER_CREATED("earlybird.order.created", Topics.ORDERS, OrderCreated.class),

	/** A customer was flagged as likely to leave. */
	CHURN_RISK_DETECTED("earlybird.customer.churn-risk-detected", Topics.CUSTOMERS, ChurnRiskDetected.class),

	/** A product launched in an area. */
	PRODUCT_LAUNCHED("earlybird.product.launched", Topics.CATALOG, ProductLaunched.class);

	/**
	 * The prefix of every schema's {@code $id}; the file name of the schema follows it.
	 */
	public static final String SCHEMA_ID_PREFIX = "https://schemas.earlybird.in/events/";

	private static final Map<String, EventType> BY_CE_TYPE = Arrays.stream(values())
		.collect(Collectors.toUnmodifiableMap(EventType::ceType, Function.identity()));

	private final String ceType;

	private final String defaultTopic;

	private final Class<? extends NotificationEvent> dataClass;

	EventType(String ceType, String defaultTopic, Class<? extends NotificationEvent> dataClass) {
		this.ceType = ceType;
		this.defaultTopic = defaultTopic;
		this.dataClass = dataClass;
	}

	/**
	 * Returns the CloudEvents {@code type} attribute, e.g.
	 * {@code earlybird.delivery.scheduled}.
	 * @return the CloudEvents type
	 */
	public String ceType() {
		return this.ceType;
	}

	/**
	 * Returns the topic this event is published to unless configured otherwise.
	 * @return the default topic
	 */
	public String defaultTopic() {
		return this.defaultTopic;
	}

	/**
	 * Returns the record that the event's {@code data} maps onto.
	 * @return the data class
	 */
	public Class<? extends NotificationEvent> dataClass() {
		return this.dataClass;
	}

	/**
	 * Returns the base name of the event's schema and example files, e.g.
	 * {@code delivery-scheduled} for {@code schemas/delivery-scheduled.schema.json} and
	 * {@code schemas/examples/delivery-scheduled.json}.
	 * @return the file base name
	 */
	public String fileName() {
		return this.ceType.substring(this.ceType.indexOf('.') + 1).replace('.', '-');
	}

	/**
	 * Returns the {@code $id} of the event's JSON Schema, which is also the CloudEvents
	 * {@code dataschema} attribute of the event, e.g.
	 * {@code https://schemas.earlybird.in/events/delivery-scheduled.schema.json}.
	 * @return the schema id
	 */
	public URI schemaId() {
		return URI.create(SCHEMA_ID_PREFIX + fileName() + ".schema.json");
	}

	/**
	 * Returns the classpath location of the event's JSON Schema.
	 * @return the schema resource path
	 */
	public String schemaResource() {
		return "schemas/" + fileName() + ".schema.json";
	}

	/**
	 * Returns the classpath location of the event's example (a structured-mode
	 * CloudEvent).
	 * @return the example resource path
	 */
	public String exampleResource() {
		return "schemas/examples/" + fileName() + ".json";
	}

	/**
	 * Looks up an event type by its CloudEvents {@code type} attribute.
	 * @param ceType the CloudEvents type
	 * @return the event type, or empty if the contract has no such type
	 */
	public static Optional<EventType> fromCeType(String ceType) {
		return Optional.ofNullable(BY_CE_TYPE.get(ceType));
	}

}
