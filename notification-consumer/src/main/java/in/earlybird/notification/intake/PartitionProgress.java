package in.earlybird.notification.intake;

import java.util.ArrayDeque;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

import org.springframework.kafka.support.Acknowledgment;

/**
 * The records of one partition that were taken from Kafka and are not finished, in offset
 * order, for one assignment of the partition. Records finish in any order; the committed
 * position only ever moves to just after the last record below which every record is
 * finished, so a crash re-reads what was not finished and nothing else is lost.
 */
final class PartitionProgress {

	private final TopicPartition partition;

	private final ArrayDeque<Entry> pending = new ArrayDeque<>();

	private long highestTaken = -1;

	private volatile boolean leaving;

	private volatile boolean revoked;

	private int running;

	PartitionProgress(TopicPartition partition) {
		this.partition = partition;
	}

	/**
	 * Takes a record. A record at or below an offset already taken in this assignment (a
	 * container's re-seek) is not taken twice.
	 * @param record the record
	 * @param acknowledgment commits just past the record
	 * @return the entry to finish, or {@code null} if the record was taken before
	 */
	synchronized Entry take(ConsumerRecord<?, ?> record, Acknowledgment acknowledgment) {
		if (record.offset() <= this.highestTaken) {
			return null;
		}
		this.highestTaken = record.offset();
		Entry entry = new Entry(this, record.offset(), acknowledgment);
		this.pending.addLast(entry);
		return entry;
	}

	/**
	 * Marks a record finished and moves the committed position as far as it may go.
	 * @param entry the record's entry
	 */
	private void finished(Entry entry) {
		Entry last = null;
		synchronized (this) {
			entry.finished = true;
			while (!this.pending.isEmpty() && this.pending.peekFirst().finished) {
				last = this.pending.pollFirst();
			}
		}
		if (last != null && !this.revoked) {
			// Committed on the consumer's thread at its next poll.
			last.acknowledgment.acknowledge();
		}
	}

	/**
	 * Notes that a record's processing started.
	 */
	synchronized void started() {
		this.running++;
	}

	/**
	 * Notes that a record's processing ended, finished or not: a record that did not
	 * finish (dropped, interrupted) keeps the committed position before it, so whoever
	 * reads the partition next reads it again.
	 * @param entry the record's entry
	 * @param completed whether the record finished
	 */
	void ended(Entry entry, boolean completed) {
		synchronized (this) {
			this.running--;
		}
		if (completed) {
			finished(entry);
		}
	}

	/**
	 * Starts handing the partition over: records that have not started are dropped from
	 * now on, while started ones may still finish and commit.
	 */
	void leave() {
		this.leaving = true;
	}

	/**
	 * Ends this assignment: finished records no longer commit (another consumer owns the
	 * partition now).
	 */
	void revoke() {
		this.leaving = true;
		this.revoked = true;
	}

	boolean isLeaving() {
		return this.leaving;
	}

	boolean isRevoked() {
		return this.revoked;
	}

	/**
	 * Returns how many records are being processed right now.
	 * @return the count
	 */
	synchronized int running() {
		return this.running;
	}

	/**
	 * Returns how many taken records are not finished.
	 * @return the count
	 */
	synchronized int unfinished() {
		int count = 0;
		for (Entry entry : this.pending) {
			count += entry.finished ? 0 : 1;
		}
		return count;
	}

	/**
	 * Returns the offset the partition would be committed at now.
	 * @return the first offset not known to be finished, or {@code -1} if none was taken
	 */
	synchronized long committable() {
		Entry first = this.pending.peekFirst();
		return (first != null) ? first.offset : this.highestTaken + 1;
	}

	TopicPartition partition() {
		return this.partition;
	}

	/** One taken record. */
	static final class Entry {

		private final PartitionProgress progress;

		private final long offset;

		private final Acknowledgment acknowledgment;

		private boolean finished;

		private Entry(PartitionProgress progress, long offset, Acknowledgment acknowledgment) {
			this.progress = progress;
			this.offset = offset;
			this.acknowledgment = acknowledgment;
		}

		PartitionProgress progress() {
			return this.progress;
		}

		long offset() {
			return this.offset;
		}

	}

}
