package in.earlybird.notification.intake;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import in.earlybird.notification.delivery.DeliveryProperties;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.support.Acknowledgment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.mockito.BDDMockito.willAnswer;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;

class IntakePipelineTests {

	private final RecordProcessor processor = mock(RecordProcessor.class);

	private final MessageListenerContainer domain = mock(MessageListenerContainer.class);

	private final MessageListenerContainer retry = mock(MessageListenerContainer.class);

	private final ConcurrentHashMap<Long, Boolean> acknowledged = new ConcurrentHashMap<>();

	private IntakePipeline pipeline;

	@BeforeEach
	@SuppressWarnings("unchecked")
	void start() {
		KafkaListenerEndpointRegistry registry = mock(KafkaListenerEndpointRegistry.class);
		given(registry.getListenerContainer(DomainEventListener.ID)).willReturn(this.domain);
		given(registry.getListenerContainer(RetryTopicListener.ID)).willReturn(this.retry);
		ObjectProvider<KafkaListenerEndpointRegistry> provider = mock(ObjectProvider.class);
		given(provider.getIfAvailable()).willReturn(registry);
		IntakeProperties intake = new IntakeProperties(List.of("earlybird.deliveries"), Duration.ofMillis(10),
				Duration.ofMillis(50), Duration.ofSeconds(2), Duration.ofSeconds(1));
		this.pipeline = new IntakePipeline(this.processor, provider, delivery(4), intake, new SimpleMeterRegistry());
		this.pipeline.start();
	}

	@AfterEach
	void stop() {
		this.pipeline.stop();
	}

	@Test
	void commitsInOffsetOrderWhenCustomersFinishOutOfOrder() throws Exception {
		CountDownLatch slowCustomer = new CountDownLatch(1);
		willAnswer((invocation) -> {
			RecordProcessor.Work work = invocation.getArgument(0);
			if ("slow".equals(work.record().key())) {
				slowCustomer.await();
			}
			return null;
		}).given(this.processor).advance(any());
		submit(0, "slow");
		submit(1, "fast");
		submit(2, "fast");
		await().atMost(5, TimeUnit.SECONDS).until(() -> this.pipeline.inFlight() == 1);
		assertThat(this.acknowledged).isEmpty();
		slowCustomer.countDown();
		await().atMost(5, TimeUnit.SECONDS).until(() -> this.acknowledged.containsKey(2L));
		assertThat(this.acknowledged.keySet()).containsExactly(2L);
	}

	@Test
	void pausesTheListenersAtMaxInFlightAndResumesThemWhenWorkDrains() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		willAnswer((invocation) -> {
			release.await();
			return null;
		}).given(this.processor).advance(any());
		for (int i = 0; i < 4; i++) {
			submit(i, "cust-" + i);
		}
		then(this.domain).should().pause();
		then(this.retry).should().pause();
		then(this.domain).should(never()).resume();
		release.countDown();
		await().atMost(5, TimeUnit.SECONDS).until(() -> this.pipeline.inFlight() == 0);
		then(this.domain).should(atLeastOnce()).resume();
	}

	@Test
	void triesARecordAgainInPlaceWhileMongoDbIsDownAndCommitsItOnlyThen() throws Exception {
		AtomicInteger calls = new AtomicInteger();
		willAnswer((invocation) -> {
			if (calls.incrementAndGet() < 4) {
				throw new DataAccessResourceFailureException("MongoDB is down");
			}
			return null;
		}).given(this.processor).advance(any());
		submit(0, "cust-1");
		await().atMost(5, TimeUnit.SECONDS).until(() -> this.acknowledged.containsKey(0L));
		assertThat(calls).hasValue(4);
	}

	@Test
	void dropsRecordsOfARevokedPartitionThatHaveNotStarted() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger advanced = new AtomicInteger();
		willAnswer((invocation) -> {
			advanced.incrementAndGet();
			release.await();
			return null;
		}).given(this.processor).advance(any());
		submit(0, "cust-1");
		submit(1, "cust-1");
		await().atMost(5, TimeUnit.SECONDS).until(() -> advanced.get() == 1);
		// The started record finishes while the revocation waits for it.
		Thread.ofVirtual().start(() -> {
			sleepQuietly(200);
			release.countDown();
		});
		this.pipeline.revoke(List.of(new TopicPartition("earlybird.deliveries", 0)), Duration.ofSeconds(2));
		await().atMost(5, TimeUnit.SECONDS).until(() -> this.pipeline.inFlight() == 0);
		// The started record finished and committed; the queued one was left for the new
		// owner.
		assertThat(advanced).hasValue(1);
		assertThat(this.acknowledged.keySet()).containsExactly(0L);
	}

	private void submit(long offset, String key) {
		ConsumerRecord<String, byte[]> record = new ConsumerRecord<>("earlybird.deliveries", 0, offset, key,
				new byte[0]);
		Acknowledgment acknowledgment = () -> this.acknowledged.put(offset, true);
		this.pipeline.submit(record, acknowledgment, false);
	}

	private static void sleepQuietly(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static DeliveryProperties delivery(int maxInFlight) {
		return new DeliveryProperties(80, Duration.ofSeconds(6), 10_000, Duration.ofSeconds(30), maxInFlight,
				new DeliveryProperties.Retry(4, Duration.ofMillis(200), 2.0, Duration.ofSeconds(5), 0.5),
				Duration.ofSeconds(60), Duration.ofMinutes(5), Duration.ofSeconds(5), Duration.ofSeconds(30));
	}

}
