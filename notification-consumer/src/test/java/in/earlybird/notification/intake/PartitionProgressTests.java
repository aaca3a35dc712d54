package in.earlybird.notification.intake;

import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import org.springframework.kafka.support.Acknowledgment;

import static org.assertj.core.api.Assertions.assertThat;

class PartitionProgressTests {

	private final PartitionProgress progress = new PartitionProgress(new TopicPartition("earlybird.deliveries", 2));

	private final List<Long> acknowledged = new ArrayList<>();

	@Test
	void commitsOnlyPastRecordsBelowWhichEveryRecordIsFinished() {
		PartitionProgress.Entry first = take(10);
		PartitionProgress.Entry second = take(11);
		PartitionProgress.Entry third = take(12);
		finish(third);
		finish(second);
		assertThat(this.acknowledged).isEmpty();
		assertThat(this.progress.committable()).isEqualTo(10);
		finish(first);
		assertThat(this.acknowledged).containsExactly(12L);
		assertThat(this.progress.committable()).isEqualTo(13);
	}

	@Test
	void aRecordThatDidNotFinishHoldsTheCommitBeforeIt() {
		PartitionProgress.Entry dropped = take(20);
		PartitionProgress.Entry later = take(21);
		this.progress.started();
		this.progress.ended(dropped, false);
		finish(later);
		assertThat(this.acknowledged).isEmpty();
		assertThat(this.progress.committable()).isEqualTo(20);
	}

	@Test
	void doesNotTakeARecordTwiceAfterAContainerSeeksBack() {
		assertThat(take(30)).isNotNull();
		assertThat(take(31)).isNotNull();
		assertThat(this.progress.take(record(30), () -> this.acknowledged.add(30L))).isNull();
		assertThat(this.progress.take(record(31), () -> this.acknowledged.add(31L))).isNull();
		assertThat(this.progress.unfinished()).isEqualTo(2);
	}

	@Test
	void commitsNothingOnceRevokedBecauseAnotherConsumerOwnsThePartition() {
		PartitionProgress.Entry entry = take(40);
		this.progress.leave();
		assertThat(this.progress.isLeaving()).isTrue();
		assertThat(this.progress.isRevoked()).isFalse();
		this.progress.revoke();
		finish(entry);
		assertThat(this.acknowledged).isEmpty();
	}

	@Test
	void whileLeavingStartedRecordsStillCommit() {
		PartitionProgress.Entry entry = take(50);
		this.progress.leave();
		finish(entry);
		assertThat(this.acknowledged).containsExactly(50L);
	}

	@Test
	void countsTheRecordsBeingProcessed() {
		PartitionProgress.Entry entry = take(60);
		this.progress.started();
		assertThat(this.progress.running()).isOne();
		this.progress.ended(entry, true);
		assertThat(this.progress.running()).isZero();
		assertThat(this.progress.unfinished()).isZero();
	}

	private PartitionProgress.Entry take(long offset) {
		Acknowledgment acknowledgment = () -> this.acknowledged.add(offset);
		return this.progress.take(record(offset), acknowledgment);
	}

	private void finish(PartitionProgress.Entry entry) {
		this.progress.started();
		this.progress.ended(entry, true);
	}

	private static ConsumerRecord<String, byte[]> record(long offset) {
		return new ConsumerRecord<>("earlybird.deliveries", 2, offset, "cust-1", new byte[0]);
	}

}
