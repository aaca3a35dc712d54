package in.earlybird.notification.intake;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import in.earlybird.notification.EmbeddedInfrastructure;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Static group membership against a real broker: consumers named after the instance, and
 * a graceful stop that hands the partitions over at once, although a static member that
 * closes stays in its group for the whole session timeout.
 */
class StaticMembershipIntegrationTests {

	private static final EmbeddedInfrastructure infrastructure = EmbeddedInfrastructure.shared();

	private final KafkaAdmin kafkaAdmin = new KafkaAdmin(
			Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers()));

	@Test
	void namesTheConsumersAfterTheInstanceAndMakesThemStatic() {
		ConcurrentMessageListenerContainer<String, String> container = container("domain-events");

		new StaticMembership("pod-7", this.kafkaAdmin).apply(container);

		assertThat(container.getContainerProperties().getClientId()).isEqualTo("pod-7-domain-events");
		assertThat(container.getContainerProperties()
			.getKafkaConsumerProperties()
			.getProperty(ConsumerConfig.GROUP_INSTANCE_ID_CONFIG)).isEqualTo("pod-7-domain-events");
	}

	@Test
	void staysDynamicWithoutAnInstanceId() {
		ConcurrentMessageListenerContainer<String, String> container = container("domain-events");

		new StaticMembership(" ", this.kafkaAdmin).apply(container);

		assertThat(container.getContainerProperties().getClientId()).isEmpty();
		assertThat(container.getContainerProperties().getKafkaConsumerProperties()).isEmpty();
	}

	@Test
	void leavesItsGroupsOnAGracefulStopSoThePartitionsMoveAtOnce() throws Exception {
		String run = UUID.randomUUID().toString().substring(0, 8);
		String topic = "static-membership-" + run;
		String group = "static-membership-group-" + run;
		infrastructure.createTopics(2, topic);
		StaticMembership membership = new StaticMembership("pod-7", this.kafkaAdmin);
		membership.start();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
				Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers(),
						ConsumerConfig.GROUP_ID_CONFIG, group, ConsumerConfig.GROUP_INSTANCE_ID_CONFIG,
						"pod-7-domain-events-0", ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 45_000),
				new StringDeserializer(), new StringDeserializer())) {
			consumer.subscribe(List.of(topic));
			await().atMost(30, TimeUnit.SECONDS).until(() -> {
				consumer.poll(Duration.ofMillis(100));
				return !consumer.assignment().isEmpty();
			});
			membership.joined(consumer);
		}
		// Closed, but a static member keeps its partitions until its session times out.
		assertThat(members(group)).extracting((member) -> member.groupInstanceId().orElse(null))
			.containsExactly("pod-7-domain-events-0");

		membership.stop();

		assertThat(members(group)).isEmpty();
		assertThat(membership.isRunning()).isFalse();
	}

	private static ConcurrentMessageListenerContainer<String, String> container(String listenerId) {
		ContainerProperties properties = new ContainerProperties("any-topic");
		properties.setMessageListener((org.springframework.kafka.listener.MessageListener<String, String>) (record) -> {
		});
		ConcurrentMessageListenerContainer<String, String> container = new ConcurrentMessageListenerContainer<>(
				new DefaultKafkaConsumerFactory<>(
						Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers())),
				properties);
		container.setBeanName(listenerId);
		return container;
	}

	private static List<MemberDescription> members(String group) throws Exception {
		try (Admin admin = Admin
			.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers()))) {
			return List.copyOf(
					admin.describeConsumerGroups(List.of(group)).all().get(30, TimeUnit.SECONDS).get(group).members());
		}
	}

}
