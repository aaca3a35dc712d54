package in.earlybird.notification.delivery;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * This instance's share of the business number's throughput limit. WhatsApp limits the
 * number, not a process: with several instances the sum of their rates must stay under
 * the limit. Each instance takes the share of the partitions it consumes (its consumer
 * groups' partitions are spread over the live instances, so the shares add up to one),
 * and gives a share up as soon as a partition is revoked, before another instance takes
 * it.
 */
@Component
public class SendingShare {

	private static final Logger logger = LoggerFactory.getLogger(SendingShare.class);

	/** An instance that owns nothing still sends an admin's message, slowly. */
	static final double IDLE_RATE = 1.0;

	/** How long the share waits for every expected group's first assignment. */
	static final java.time.Duration WAIT_FOR_GROUPS = java.time.Duration.ofSeconds(30);

	private final ProviderRateLimiter rateLimiter;

	private final double limit;

	private final Map<String, Map<String, Partitions>> byGroup = new ConcurrentHashMap<>();

	private final Set<String> expected = ConcurrentHashMap.newKeySet();

	private final long startedAt = System.nanoTime();

	SendingShare(ProviderRateLimiter rateLimiter, DeliveryProperties properties, MeterRegistry meters) {
		this.rateLimiter = rateLimiter;
		this.limit = properties.rateLimit();
		this.rateLimiter.setRate(Math.min(IDLE_RATE, this.limit));
		Gauge.builder("notification.provider.rate", rateLimiter, ProviderRateLimiter::rate)
			.description("Provider requests per second this instance may make: its share of the number's limit")
			.register(meters);
	}

	/**
	 * Declares a consumer group whose partitions count towards the share; until every
	 * declared group has reported its partitions, the instance sends at the idle rate.
	 * @param group the consumer group (or listener)
	 */
	public void expect(String group) {
		this.expected.add(group);
	}

	/**
	 * Records the partitions one consumer of this instance owns now.
	 * @param group the consumer group (or listener) it belongs to
	 * @param consumer the consumer, among the group's consumers in this instance
	 * @param owned how many partitions it owns
	 * @param total how many partitions its topics have in all
	 */
	public synchronized void ownedPartitions(String group, String consumer, int owned, int total) {
		this.byGroup.computeIfAbsent(group, (key) -> new ConcurrentHashMap<>())
			.put(consumer, new Partitions(owned, total));
		// A group that never reports (its topic missing, say) must not keep the instance
		// at the idle rate for ever.
		boolean complete = this.byGroup.keySet().containsAll(this.expected)
				|| System.nanoTime() - this.startedAt > WAIT_FOR_GROUPS.toNanos();
		int ownedInAll = 0;
		int totalInAll = 0;
		for (Map<String, Partitions> consumers : this.byGroup.values()) {
			ownedInAll += consumers.values().stream().mapToInt(Partitions::owned).sum();
			totalInAll += consumers.values().stream().mapToInt(Partitions::total).max().orElse(0);
		}
		double rate = (complete && totalInAll > 0 && ownedInAll > 0) ? this.limit * ownedInAll / totalInAll
				: Math.min(IDLE_RATE, this.limit);
		if (rate != this.rateLimiter.rate()) {
			logger.info("Provider rate for this instance is now {}/s ({} of {} partitions, limit {}/s)",
					String.format(java.util.Locale.ROOT, "%.2f", rate), ownedInAll, totalInAll, this.limit);
			this.rateLimiter.setRate(rate);
		}
	}

	private record Partitions(int owned, int total) {
	}

}
