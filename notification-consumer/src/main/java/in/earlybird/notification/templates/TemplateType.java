package in.earlybird.notification.templates;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonValue;
import in.earlybird.events.BillGenerated;
import in.earlybird.events.ChurnRiskDetected;
import in.earlybird.events.DeliveryConfirmed;
import in.earlybird.events.DeliveryDelayed;
import in.earlybird.events.DeliveryScheduled;
import in.earlybird.events.NotificationEvent;
import in.earlybird.events.OrderCreated;
import in.earlybird.events.PaymentRecorded;
import in.earlybird.events.ProductLaunched;
import in.earlybird.events.SubscriptionCreated;
import in.earlybird.events.SubscriptionPaused;
import org.jspecify.annotations.Nullable;

/**
 * The ten WhatsApp templates, one per event type, each with the snake_case key that names
 * it in MongoDB, in the admin API and (as the Meta-approved template name) at MyOperator.
 */
public enum TemplateType {

	/** A delivery is scheduled: date, slot, area and product. */
	DELIVERY_REMINDER("delivery_reminder", Category.TRANSACTIONAL),

	/** A delivery reached the customer. */
	DELIVERY_CONFIRMED("delivery_confirmed", Category.TRANSACTIONAL),

	/** A delivery will arrive late, with a new ETA. */
	DELIVERY_DELAYED("delivery_delayed", Category.TRANSACTIONAL),

	/** A bill awaits payment. */
	PAYMENT_REMINDER("payment_reminder", Category.TRANSACTIONAL),

	/** A payment was received. */
	PAYMENT_CONFIRMATION("payment_confirmation", Category.TRANSACTIONAL),

	/** A subscription started. */
	SUBSCRIPTION_CONFIRMATION("subscription_confirmation", Category.TRANSACTIONAL),

	/** A subscription was paused. */
	PAUSE_CONFIRMATION("pause_confirmation", Category.TRANSACTIONAL),

	/** A one-off order was placed. */
	ORDER_CONFIRMATION("order_confirmation", Category.TRANSACTIONAL),

	/** A win-back offer for a customer likely to leave. */
	CHURN_RISK("churn_risk", Category.PROMOTIONAL),

	/** A product launched in the customer's area. */
	NEW_PRODUCT("new_product", Category.PROMOTIONAL);

	private static final Map<String, TemplateType> BY_KEY = Arrays.stream(values())
		.collect(Collectors.toUnmodifiableMap(TemplateType::key, Function.identity()));

	private final String key;

	private final Category category;

	TemplateType(String key, Category category) {
		this.key = key;
		this.category = category;
	}

	/**
	 * Returns the template's key, e.g. {@code delivery_reminder}: its id in MongoDB and
	 * its name in the admin API and in JSON.
	 * @return the snake_case key
	 */
	@JsonValue
	public String key() {
		return this.key;
	}

	/**
	 * Returns whether the template is transactional or promotional, which decides the
	 * opt-outs that apply to it.
	 * @return the category
	 */
	public Category category() {
		return this.category;
	}

	/**
	 * Returns the template that notifies a customer of an event.
	 * @param event the event
	 * @return its template
	 */
	public static TemplateType of(NotificationEvent event) {
		return switch (event) {
			case DeliveryScheduled scheduled -> DELIVERY_REMINDER;
			case DeliveryConfirmed confirmed -> DELIVERY_CONFIRMED;
			case DeliveryDelayed delayed -> DELIVERY_DELAYED;
			case BillGenerated bill -> PAYMENT_REMINDER;
			case PaymentRecorded payment -> PAYMENT_CONFIRMATION;
			case SubscriptionCreated created -> SUBSCRIPTION_CONFIRMATION;
			case SubscriptionPaused paused -> PAUSE_CONFIRMATION;
			case OrderCreated order -> ORDER_CONFIRMATION;
			case ChurnRiskDetected churnRisk -> CHURN_RISK;
			case ProductLaunched launched -> NEW_PRODUCT;
		};
	}

	/**
	 * Looks a template up by its key.
	 * @param key the key, e.g. {@code delivery_reminder}
	 * @return the template, or empty if there is none with that key
	 */
	public static Optional<TemplateType> fromKey(@Nullable String key) {
		return (key != null) ? Optional.ofNullable(BY_KEY.get(key)) : Optional.empty();
	}

	/**
	 * What kind of message a template sends; customers opt out of each kind separately.
	 */
	public enum Category {

		/** Service messages about the customer's own deliveries, bills and orders. */
		TRANSACTIONAL,

		/** Offers and announcements. */
		PROMOTIONAL;

		/**
		 * Returns the category's name as history stores it, opt-outs list it and the
		 * admin API shows it.
		 * @return e.g. {@code promotional}
		 */
		public String value() {
			return name().toLowerCase(Locale.ROOT);
		}

	}

}
