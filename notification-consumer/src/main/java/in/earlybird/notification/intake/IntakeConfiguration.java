package in.earlybird.notification.intake;

import java.util.Collection;

import in.earlybird.notification.delivery.SendingShare;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ContainerCustomizer;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.DefaultErrorHandler;

/**
 * Listener wiring. The listeners hand every record to the {@link IntakePipeline}; the
 * error handler only catches what escapes them (a bug), and then retries for ever with a
 * growing pause rather than skipping records, because skipping would lose them. On a
 * rebalance, the pipeline lets go of revoked partitions and this instance's share of the
 * number's rate limit follows the partitions it owns.
 */
@Configuration(proxyBeanMethods = false)
class IntakeConfiguration {

	static final String TOPICS_BEAN = "notificationIntakeTopics";

	@Bean(TOPICS_BEAN)
	String[] notificationIntakeTopics(IntakeProperties properties) {
		return properties.topics().toArray(String[]::new);
	}

	@Bean
	CommonErrorHandler listenerErrorHandler(IntakeProperties properties) {
		return new DefaultErrorHandler((record, ex) -> {
			throw new IllegalStateException("Refusing to skip a record", ex);
		}, properties.infrastructureBackOff());
	}

	@Bean
	ContainerCustomizer<Object, Object, ConcurrentMessageListenerContainer<Object, Object>> intakeRebalancing(
			IntakePipeline pipeline, SendingShare share, IntakeProperties properties, StaticMembership membership) {
		share.expect(DomainEventListener.ID);
		share.expect(RetryTopicListener.ID);
		return (container) -> {
			membership.apply(container);
			container.getContainerProperties()
				.setConsumerRebalanceListener(
						new Rebalancing(container.getListenerId(), pipeline, share, properties, membership));
		};
	}

	/**
	 * Lets go of revoked partitions, keeps the sending share up to date and notes static
	 * memberships.
	 */
	private record Rebalancing(String listener, IntakePipeline pipeline, SendingShare share,
			IntakeProperties properties, StaticMembership membership) implements ConsumerAwareRebalanceListener {

		@Override
		public void onPartitionsRevokedBeforeCommit(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
			// Give up the share first, so no two instances count the same partitions.
			report(consumer, partitions);
			this.pipeline.revoke(partitions, this.properties.revocationGrace());
		}

		@Override
		public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
			report(consumer, partitions);
			this.pipeline.revoke(partitions, java.time.Duration.ZERO);
		}

		@Override
		public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
			this.membership.joined(consumer);
			report(consumer, java.util.List.of());
		}

		private void report(Consumer<?, ?> consumer, Collection<TopicPartition> leaving) {
			int owned = (int) consumer.assignment()
				.stream()
				.filter((partition) -> !leaving.contains(partition))
				.count();
			int total = 0;
			for (String topic : consumer.subscription()) {
				var info = consumer.partitionsFor(topic);
				total += (info != null) ? info.size() : 0;
			}
			this.share.ownedPartitions(this.listener, Integer.toHexString(System.identityHashCode(consumer)), owned,
					total);
		}

	}

}
