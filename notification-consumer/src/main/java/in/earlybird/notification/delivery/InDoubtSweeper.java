package in.earlybird.notification.delivery;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import in.earlybird.notification.history.NotificationHistory;

/**
 * Gives notifications left {@code sending} by a stopped process an honest final state:
 * failed with an unknown outcome, for support to check and resend if needed. They are
 * never resent automatically, because the provider may already have them.
 */
@Component
class InDoubtSweeper {

	private static final Logger logger = LoggerFactory.getLogger(InDoubtSweeper.class);

	private final NotificationHistory history;

	private final DeliveryProperties properties;

	InDoubtSweeper(NotificationHistory history, DeliveryProperties properties) {
		this.history = history;
		this.properties = properties;
	}

	@Scheduled(fixedDelayString = "${notification.delivery.in-doubt-sweep-interval:60s}", initialDelayString = "30s")
	void sweep() {
		long marked = this.history.markInDoubt(this.properties.inDoubtAfter());
		if (marked > 0) {
			logger.warn("Marked {} notifications left sending for over {} as failed with an unknown outcome", marked,
					this.properties.inDoubtAfter());
		}
	}

}
