package in.earlybird.notification.delivery;

import java.time.Duration;
import java.time.Instant;

import in.earlybird.events.Customer;
import in.earlybird.events.EventType;
import in.earlybird.events.NotificationEvent;
import in.earlybird.notification.TestEvents;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The local stack's sample events ({@code POST /local/events/{type}}) are dated from
 * today, so whichever is published, whenever, it is sent rather than expired.
 */
class LocalSampleEventsTests {

	@Test
	void noSampleEventIsStaleTodayOrWithinTheNextHours() {
		Customer customer = new Customer("cust-1001", "Priya Sharma", "+919876543210", "en");
		Instant soon = Instant.now().plus(Duration.ofHours(1));
		for (NotificationEvent event : TestEvents.oneOfEach(customer)) {
			Staleness.deadline(event)
				.ifPresent((deadline) -> assertThat(deadline).as(event.eventType().ceType()).isAfter(soon));
		}
		assertThat(TestEvents.oneOfEach(customer)).extracting(NotificationEvent::eventType)
			.containsExactly(EventType.values());
	}

}
