package in.earlybird.notification.intake;

import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;

/**
 * Consumes the domain topics in batches. Offsets are committed only for records that are
 * done; after an infrastructure failure the rest of the batch is read again once the
 * partitions have been paused for a while (pausing, not sleeping, so the consumer keeps
 * polling and stays in its group).
 */
@Component
class DomainEventListener {

	private static final Logger logger = LoggerFactory.getLogger(DomainEventListener.class);

	static final String ID = "domain-events";

	private final EventBatchProcessor processor;

	private final InfrastructureBackoff backoff;

	DomainEventListener(EventBatchProcessor processor, IntakeProperties properties) {
		this.processor = processor;
		this.backoff = new InfrastructureBackoff(properties.infrastructureBackoff(),
				properties.maxInfrastructureBackoff());
	}

	// The group is the configured one (KEDA and lag alerts watch it), not the listener
	// id.
	@KafkaListener(id = ID, idIsGroup = false, topics = "#{@" + IntakeConfiguration.TOPICS_BEAN + "}", batch = "true")
	void onEvents(List<ConsumerRecord<String, byte[]>> records, Acknowledgment acknowledgment)
			throws InterruptedException {
		int failed;
		try {
			failed = this.processor.process(records, false);
		}
		catch (RuntimeException ex) {
			logger.warn("Could not prepare a batch of {} records; reading it again later: {}", records.size(),
					ex.toString());
			failed = 0;
		}
		if (failed < 0) {
			acknowledgment.acknowledge();
			this.backoff.succeeded();
		}
		else {
			acknowledgment.nack(failed, this.backoff.failed());
		}
	}

}
