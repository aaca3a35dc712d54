package in.earlybird.notification.intake;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.MemberToRemove;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.common.KafkaException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.EventListener;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.event.ConsumerStoppedEvent;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.stereotype.Component;

/**
 * Static consumer-group membership, when this instance has a stable name
 * ({@code notification.instance-id}, e.g. the pod's name): each consumer joins as
 * {@code <instance id>-<listener>} ({@code group.instance.id}), so an instance killed and
 * started again under the same name (a container restarted in its pod) takes its
 * partitions straight back, without waiting for the group to notice that its previous
 * process is gone and without moving anyone else's partitions. The consumers' client ids
 * carry the same name, so the broker's view of the groups says which consumer is whose.
 *
 * <p>
 * A static member does not leave its group when it closes; on a graceful stop this class
 * removes this instance's members once the listeners have stopped, so that their
 * partitions move to the other instances at once rather than after the session timeout.
 * Without an instance id, membership stays dynamic.
 */
@Component
class StaticMembership implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(StaticMembership.class);

	private static final Duration REMOVAL_TIMEOUT = Duration.ofSeconds(5);

	private final @Nullable String instanceId;

	private final KafkaAdmin kafkaAdmin;

	/** The {@code group.instance.id} of each consumer of this instance, by group. */
	private final Map<String, Set<String>> members = new ConcurrentHashMap<>();

	private volatile boolean running;

	StaticMembership(@Value("${notification.instance-id:}") String instanceId, KafkaAdmin kafkaAdmin) {
		this.instanceId = instanceId.isBlank() ? null : instanceId.trim();
		this.kafkaAdmin = kafkaAdmin;
	}

	/**
	 * Names a listener container's consumers after this instance, and makes them static
	 * members when the instance has a name.
	 * @param container the container, before it starts
	 */
	void apply(ConcurrentMessageListenerContainer<?, ?> container) {
		if (this.instanceId == null) {
			return;
		}
		// The container appends "-<n>" per consumer to both.
		String name = this.instanceId + "-" + container.getListenerId();
		container.getContainerProperties().setClientId(name);
		container.getContainerProperties()
			.getKafkaConsumerProperties()
			.setProperty(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG, name);
	}

	/**
	 * Notes a consumer's membership once it has joined its group, to remove it on a
	 * graceful stop.
	 * @param consumer the consumer
	 */
	void joined(Consumer<?, ?> consumer) {
		ConsumerGroupMetadata metadata = consumer.groupMetadata();
		metadata.groupInstanceId()
			.ifPresent((member) -> this.members
				.computeIfAbsent(metadata.groupId(), (group) -> ConcurrentHashMap.newKeySet())
				.add(member));
	}

	/**
	 * Says loudly that a consumer stopped because another process joined under the same
	 * {@code group.instance.id}: it will not consume again until restarted.
	 * @param event the stop
	 */
	@EventListener
	void onStopped(ConsumerStoppedEvent event) {
		if (event.getReason() == ConsumerStoppedEvent.Reason.FENCED) {
			logger.error(
					"A consumer stopped: another running instance joined its group as {} too; "
							+ "notification.instance-id must differ between instances running at the same time",
					this.instanceId);
		}
	}

	@Override
	public void start() {
		this.running = true;
	}

	/** Removes this instance's static members, now that its consumers are closed. */
	@Override
	public void stop() {
		this.running = false;
		if (this.members.isEmpty()) {
			return;
		}
		Map<String, Object> config = new HashMap<>(this.kafkaAdmin.getConfigurationProperties());
		config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) REMOVAL_TIMEOUT.toMillis());
		config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) REMOVAL_TIMEOUT.toMillis());
		try (AdminClient admin = AdminClient.create(config)) {
			this.members.forEach((group, instances) -> remove(admin, group, instances));
		}
		catch (KafkaException ex) {
			logger.warn("Could not leave the consumer groups; the broker will notice within the session timeout: {}",
					ex.toString());
		}
		this.members.clear();
	}

	private static void remove(AdminClient admin, String group, Set<String> instances) {
		List<MemberToRemove> leaving = instances.stream().map(MemberToRemove::new).toList();
		try {
			admin.removeMembersFromConsumerGroup(group, new RemoveMembersFromConsumerGroupOptions(leaving))
				.all()
				.get(REMOVAL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
			logger.info("Left consumer group {} as {}", group, instances);
		}
		catch (ExecutionException | TimeoutException ex) {
			logger.warn(
					"Could not leave consumer group {} as {}; the broker will notice within the session timeout: {}",
					group, instances, ex.toString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Stops after the listener containers, whose consumers must be closed first. */
	@Override
	public int getPhase() {
		return AbstractMessageListenerContainer.DEFAULT_PHASE - 100;
	}

}
