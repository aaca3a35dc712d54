package in.earlybird.notification.harness;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.jspecify.annotations.Nullable;

/**
 * What the broker knows about the service's consumer groups: who is in them, which
 * partitions each member owns, and how far behind each partition's committed offset is. A
 * partition whose lag never falls to zero is stalled.
 */
public final class ConsumerGroups implements AutoCloseable {

	/** The service's group for the domain topics. */
	public static final String DOMAIN_GROUP = "notification-consumer";

	/** The service's group for the delay topic. */
	public static final String RETRY_GROUP = DOMAIN_GROUP + ".retry";

	private final Admin admin;

	private ConsumerGroups(String bootstrapServers) {
		this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG,
				10_000));
	}

	/**
	 * Connects to the stack's broker.
	 * @param stack the stack
	 * @return the groups' view
	 */
	public static ConsumerGroups of(ServiceStack stack) {
		return new ConsumerGroups(stack.bootstrapServers());
	}

	/**
	 * Returns the lag of every partition of some topics: its end offset minus the group's
	 * committed offset (minus nothing, if nothing is committed).
	 * @param group the group
	 * @param topics the topics
	 * @return the lag by partition, in partition order
	 */
	public Map<TopicPartition, Long> lag(String group, Collection<String> topics) {
		Map<TopicPartition, OffsetAndMetadata> committed = get(
				this.admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata());
		Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
		get(this.admin.describeTopics(topics).allTopicNames()).forEach((topic, description) -> description.partitions()
			.forEach((partition) -> latest.put(new TopicPartition(topic, partition.partition()), OffsetSpec.latest())));
		Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = get(this.admin.listOffsets(latest).all());
		Map<TopicPartition, Long> lag = new TreeMap<>(
				(a, b) -> (a.topic() + a.partition()).compareTo(b.topic() + b.partition()));
		ends.forEach((partition, end) -> {
			OffsetAndMetadata offset = committed.get(partition);
			lag.put(partition, end.offset() - ((offset != null) ? offset.offset() : 0));
		});
		return lag;
	}

	/**
	 * Returns the partitions whose group is behind.
	 * @param group the group
	 * @param topics the topics
	 * @return the partitions with a lag, and the lag
	 */
	public Map<TopicPartition, Long> lagging(String group, Collection<String> topics) {
		Map<TopicPartition, Long> lagging = new TreeMap<>(
				(a, b) -> (a.topic() + a.partition()).compareTo(b.topic() + b.partition()));
		lag(group, topics).forEach((partition, lag) -> {
			if (lag > 0) {
				lagging.put(partition, lag);
			}
		});
		return lagging;
	}

	/**
	 * Returns the group's members.
	 * @param group the group
	 * @return the members, possibly none
	 */
	public List<Member> members(String group) {
		ConsumerGroupDescription description = get(this.admin.describeConsumerGroups(List.of(group)).all()).get(group);
		List<Member> members = new ArrayList<>();
		if (description != null) {
			for (MemberDescription member : description.members()) {
				members.add(new Member(member.consumerId(), member.groupInstanceId().orElse(null), member.clientId(),
						Set.copyOf(member.assignment().topicPartitions())));
			}
		}
		return members;
	}

	private static <T> T get(org.apache.kafka.common.KafkaFuture<T> future) {
		try {
			return future.get(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		catch (ExecutionException | TimeoutException ex) {
			throw new IllegalStateException("The broker did not answer", ex);
		}
	}

	@Override
	public void close() {
		this.admin.close();
	}

	/**
	 * A member of a group.
	 *
	 * @param memberId its member id (a new one each time it joins, unless static)
	 * @param instanceId its {@code group.instance.id}, if it is a static member
	 * @param clientId its client id
	 * @param partitions what it owns
	 */
	public record Member(String memberId, @Nullable String instanceId, String clientId,
			Set<TopicPartition> partitions) {

		/**
		 * Tells whether the member belongs to a service instance, by its client id or
		 * group instance id (both start with the instance's name).
		 * @param instance the instance's name
		 * @return whether it is that instance's consumer
		 */
		public boolean belongsTo(String instance) {
			return this.clientId.startsWith(instance + "-")
					|| (this.instanceId != null && this.instanceId.startsWith(instance + "-"));
		}

	}

}
