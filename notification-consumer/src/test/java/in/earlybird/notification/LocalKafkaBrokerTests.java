package in.earlybird.notification;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import in.earlybird.notification.EmbeddedInfrastructure.PortInUseException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link LocalKafkaBroker}: a real broker on exactly the port asked for.
 */
class LocalKafkaBrokerTests {

	@Test
	void servesProducersAndConsumersOnTheRequestedPort() throws Exception {
		int port = freePort();
		try (LocalKafkaBroker broker = LocalKafkaBroker.start(port)) {
			assertThat(broker.bootstrapServers()).isEqualTo("localhost:" + port);
			EmbeddedInfrastructure.createTopics(broker.bootstrapServers(), 1, List.of("local-broker-test"));
			try (KafkaProducer<String, String> producer = new KafkaProducer<>(
					Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()), new StringSerializer(),
					new StringSerializer())) {
				producer.send(new ProducerRecord<>("local-broker-test", "key-1", "hello")).get(30, TimeUnit.SECONDS);
			}
			assertThat(consumeOne(broker.bootstrapServers(), "local-broker-test")).satisfies((record) -> {
				assertThat(record.key()).isEqualTo("key-1");
				assertThat(record.value()).isEqualTo("hello");
			});
		}
		// Closed: the port is free again.
		EmbeddedInfrastructure.requireFree("Kafka", port);
	}

	@Test
	void refusesATakenPort() throws IOException {
		try (ServerSocket taken = new ServerSocket()) {
			taken.bind(new InetSocketAddress("localhost", 0));
			int port = taken.getLocalPort();
			assertThatExceptionOfType(PortInUseException.class).isThrownBy(() -> LocalKafkaBroker.start(port))
				.withMessageContaining(String.valueOf(port))
				.satisfies((ex) -> assertThat(ex.port()).isEqualTo(port));
		}
	}

	private static ConsumerRecord<String, String> consumeOne(String bootstrapServers, String topic) {
		Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
				ConsumerConfig.GROUP_ID_CONFIG, "local-broker-test", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
				"earliest");
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
				new StringDeserializer())) {
			consumer.subscribe(List.of(topic));
			List<ConsumerRecord<String, String>> records = new ArrayList<>();
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (records.isEmpty() && System.nanoTime() < deadline) {
				consumer.poll(Duration.ofMillis(500)).forEach(records::add);
			}
			assertThat(records).hasSize(1);
			return records.get(0);
		}
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket()) {
			socket.bind(new InetSocketAddress("localhost", 0));
			return socket.getLocalPort();
		}
	}

}
