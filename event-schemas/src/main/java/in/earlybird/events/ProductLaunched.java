package in.earlybird.events;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A product became available in a customer's area ({@code earlybird.product.launched}). A
 * promotional message.
 *
 * @param customer the recipient
 * @param product the new product, e.g. {@code A2 Cow Ghee 500 ml}
 * @param area the area it launched in
 * @param launchDate the first day it can be ordered
 */
public record ProductLaunched(Customer customer, String product, String area,
		LocalDate launchDate) implements NotificationEvent {

	/**
	 * Creates the event; every value is required.
	 * @param customer the recipient
	 * @param product the new product, e.g. {@code A2 Cow Ghee 500 ml}
	 * @param area the area it launched in
	 * @param launchDate the first day it can be ordered
	 */
	public ProductLaunched {
		Objects.requireNonNull(customer, "customer");
		Objects.requireNonNull(product, "product");
		Objects.requireNonNull(area, "area");
		Objects.requireNonNull(launchDate, "launchDate");
	}

	@Override
	public EventType eventType() {
		return EventType.PRODUCT_LAUNCHED;
	}

}
