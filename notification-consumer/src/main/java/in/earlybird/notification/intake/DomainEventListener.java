package in.earlybird.notification.intake;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;

/**
 * Consumes the domain topics: hands every record to the {@link IntakePipeline} and
 * returns at once, so the consumer polls continuously while records are processed.
 */
@Component
class DomainEventListener {

	static final String ID = "domain-events";

	private final IntakePipeline pipeline;

	DomainEventListener(IntakePipeline pipeline) {
		this.pipeline = pipeline;
	}

	// The group is the configured one (KEDA and lag alerts watch it), not the listener
	// id.
	@KafkaListener(id = ID, idIsGroup = false, topics = "#{@" + IntakeConfiguration.TOPICS_BEAN + "}", batch = "false")
	void onEvent(ConsumerRecord<String, byte[]> record, Acknowledgment acknowledgment) {
		this.pipeline.submit(record, acknowledgment, false);
	}

}
