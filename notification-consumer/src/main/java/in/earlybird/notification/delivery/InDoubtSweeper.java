package in.earlybird.notification.delivery;

import java.time.Duration;

import in.earlybird.notification.delivery.myoperator.MyOperatorProperties;
import in.earlybird.notification.history.NotificationHistory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Gives notifications left {@code sending} by an instance that stopped an honest final
 * state: in doubt, for a delivery report or support to settle. They are never resent
 * automatically, because the provider may already have them. An attempt is swept only
 * when its owner's heartbeat has stopped; a slow attempt of a live instance never is.
 */
@Component
class InDoubtSweeper {

	private static final Logger logger = LoggerFactory.getLogger(InDoubtSweeper.class);

	private final NotificationHistory history;

	private final SenderInstance instance;

	private final Duration inDoubtAfter;

	private final Counter swept;

	InDoubtSweeper(NotificationHistory history, SenderInstance instance, DeliveryProperties properties,
			MyOperatorProperties provider, MeterRegistry meters) {
		this.swept = Counter.builder("notification.in_doubt.swept")
			.description("Notifications left sending by a stopped instance, marked in doubt")
			.register(meters);
		this.history = history;
		this.instance = instance;
		this.inDoubtAfter = properties.inDoubtAfter();
		Duration longest = longestAttempt(properties, provider);
		if (this.inDoubtAfter.compareTo(longest) <= 0
				|| this.inDoubtAfter.compareTo(properties.heartbeatTimeout()) <= 0) {
			throw new IllegalStateException("notification.delivery.in-doubt-after (" + this.inDoubtAfter
					+ ") must be longer than the longest attempt (" + longest
					+ ": provider timeouts and backoffs of every in-process retry, plus the longest wait on a"
					+ " slow-down) and than notification.delivery.heartbeat-timeout (" + properties.heartbeatTimeout()
					+ "), or attempts still running could be marked in doubt");
		}
	}

	/**
	 * Returns how long one attempt can run at most once it has claimed its notification:
	 * every in-process call timing out, every backoff at its longest, and the longest
	 * wait on the provider's "slow down".
	 */
	static Duration longestAttempt(DeliveryProperties properties, MyOperatorProperties provider) {
		int calls = properties.retry().maxAttempts();
		Duration perCall = provider.connectTimeout().plus(provider.readTimeout());
		return perCall.multipliedBy(calls)
			.plus(properties.retry().maxBackoff().multipliedBy(calls - 1L))
			.plus(properties.rateLimitedMaxWait())
			.plus(properties.maxSenderPause());
	}

	@Scheduled(fixedDelayString = "${notification.delivery.in-doubt-sweep-interval:60s}", initialDelayString = "30s")
	void sweep() {
		long marked = this.history.sweepAbandoned(this.inDoubtAfter, this.instance::isAlive);
		if (marked > 0) {
			this.swept.increment(marked);
			logger.warn("Marked {} notifications left sending by a stopped instance as in doubt", marked);
		}
	}

}
