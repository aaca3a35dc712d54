package in.earlybird.notification.shared;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import in.earlybird.notification.shared.KafkaPublishing.PublishFailedException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.KafkaException;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.SendResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.mock;

/**
 * Every way a synchronous publish ends: acknowledged, refused for its size (by the
 * producer before sending, or by the broker), failed, not acknowledged in time, or
 * interrupted.
 */
class KafkaPublishingTests {

	private static final ProducerRecord<String, byte[]> RECORD = new ProducerRecord<>("earlybird.dlt", "cust-1",
			new byte[] { 1 });

	@SuppressWarnings("unchecked")
	private final KafkaTemplate<String, byte[]> kafka = mock(KafkaTemplate.class);

	@AfterEach
	void clearInterrupt() {
		Thread.interrupted();
	}

	@Test
	void returnsOnceTheBrokerHasTheRecord() {
		given(this.kafka.send(RECORD)).willReturn(CompletableFuture.completedFuture(new SendResult<>(RECORD, null)));

		assertThatNoException().isThrownBy(() -> KafkaPublishing.publish(this.kafka, RECORD, Duration.ofSeconds(1)));
	}

	@Test
	void saysARecordTheBrokerRefusedForItsSizeIsTooLarge() {
		given(this.kafka.send(RECORD)).willReturn(CompletableFuture.failedFuture(new KafkaException("Send failed",
				new RecordTooLargeException("The request included a message larger than the max message size"))));

		assertThatExceptionOfType(PublishFailedException.class)
			.isThrownBy(() -> KafkaPublishing.publish(this.kafka, RECORD, Duration.ofSeconds(1)))
			.satisfies((ex) -> {
				assertThat(ex.tooLarge()).isTrue();
				assertThat(ex.interrupted()).isFalse();
				assertThat(ex).hasMessageContaining("Could not publish to earlybird.dlt");
			});
	}

	@Test
	void saysARecordTheProducerRefusedBeforeSendingIsTooLarge() {
		willThrow(new KafkaException("Send failed", new RecordTooLargeException("too large for max.request.size")))
			.given(this.kafka)
			.send(RECORD);

		assertThatExceptionOfType(PublishFailedException.class)
			.isThrownBy(() -> KafkaPublishing.publish(this.kafka, RECORD, Duration.ofSeconds(1)))
			.satisfies((ex) -> assertThat(ex.tooLarge()).isTrue());
	}

	@Test
	void failsWithoutSayingTooLargeWhenTheBrokerIsAway() {
		given(this.kafka.send(RECORD)).willReturn(CompletableFuture
			.failedFuture(new TimeoutException("Topic earlybird.dlt not present in metadata after 5000 ms.")));

		assertThatExceptionOfType(PublishFailedException.class)
			.isThrownBy(() -> KafkaPublishing.publish(this.kafka, RECORD, Duration.ofSeconds(1)))
			.satisfies((ex) -> {
				assertThat(ex.tooLarge()).isFalse();
				assertThat(ex).hasMessageContaining("not present in metadata");
			});
	}

	@Test
	void failsWhenTheAcknowledgementDoesNotComeInTime() {
		given(this.kafka.send(RECORD)).willReturn(new CompletableFuture<>());

		assertThatExceptionOfType(PublishFailedException.class)
			.isThrownBy(() -> KafkaPublishing.publish(this.kafka, RECORD, Duration.ofMillis(20)))
			.satisfies((ex) -> assertThat(ex.getCause()).isInstanceOf(java.util.concurrent.TimeoutException.class));
	}

	@Test
	void keepsTheInterruptWhenInterruptedWhileWaiting() {
		given(this.kafka.send(RECORD)).willReturn(new CompletableFuture<>());
		Thread.currentThread().interrupt();

		assertThatExceptionOfType(PublishFailedException.class)
			.isThrownBy(() -> KafkaPublishing.publish(this.kafka, RECORD, Duration.ofSeconds(5)))
			.satisfies((ex) -> assertThat(ex.interrupted()).isTrue());
		assertThat(Thread.currentThread().isInterrupted()).isTrue();
	}

	@Test
	void unwrapsTheExecutionExceptionToTheBrokersReason() {
		given(this.kafka.send(RECORD)).willReturn(CompletableFuture.failedFuture(new IllegalStateException("fenced")));

		assertThatExceptionOfType(PublishFailedException.class)
			.isThrownBy(() -> KafkaPublishing.publish(this.kafka, RECORD, Duration.ofSeconds(1)))
			.satisfies(
					(ex) -> assertThat(ex.getCause()).isNotInstanceOf(ExecutionException.class).hasMessage("fenced"));
	}

}
