package in.earlybird.events;

import java.time.LocalDate;

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

	@Override
	public EventType eventType() {
		return EventType.PRODUCT_LAUNCHED;
	}

}
