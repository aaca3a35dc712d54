package in.earlybird.notification.intake;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import in.earlybird.notification.delivery.DeliveryProperties;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.SmartLifecycle;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.AbstractMessageListenerContainer;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.support.Acknowledgment;
import org.springframework.stereotype.Component;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

/**
 * Continuous, key-ordered processing of what the listeners take from Kafka. The listeners
 * hand each record over and return at once; records of one key (a customer) run one after
 * another in offset order, records of different keys run in parallel on virtual threads,
 * so a slow customer, a long timeout or a throttled message holds back nobody else.
 *
 * <ul>
 * <li><b>Commits</b>: per partition, only up to the last record below which every record
 * is finished ({@link PartitionProgress}).</li>
 * <li><b>Back-pressure</b>: at {@code notification.delivery.max-in-flight} unfinished
 * records the listeners pause their partitions (the consumers keep polling, so they stay
 * in their groups) and resume at three quarters of it.</li>
 * <li><b>MongoDB or Kafka down</b>: the record is tried again in place, with a growing
 * pause, from the step that failed; its customer's later records wait behind it and its
 * partition's commit stays before it, so a crash meanwhile re-reads it.</li>
 * <li><b>Rebalance</b>: records of a revoked partition that have not started are dropped
 * (the new owner reads them); started ones finish, but commit nothing.</li>
 * <li><b>Shutdown</b>: intake pauses and what is in flight may finish, within
 * {@code notification.intake.shutdown-grace}, before the listeners stop and commit.</li>
 * </ul>
 */
@Component
class IntakePipeline implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(IntakePipeline.class);

	private final RecordProcessor processor;

	private final ObjectProvider<KafkaListenerEndpointRegistry> registry;

	private final int maxInFlight;

	private final int resumeBelow;

	private final BackOff infrastructureBackOff;

	private final Duration shutdownGrace;

	private volatile ExecutorService workers = newWorkers();

	private final KeyedChains chains = new KeyedChains((task) -> this.workers.execute(task));

	private final Map<TopicPartition, PartitionProgress> partitions = new ConcurrentHashMap<>();

	private final AtomicInteger inFlight = new AtomicInteger();

	private volatile boolean paused;

	private volatile boolean running;

	/** Whether {@link #stop} paused the listeners, so that a restart resumes them. */
	private volatile boolean pausedForStop;

	IntakePipeline(RecordProcessor processor, ObjectProvider<KafkaListenerEndpointRegistry> registry,
			DeliveryProperties delivery, IntakeProperties intake, MeterRegistry meters) {
		this.processor = processor;
		this.registry = registry;
		this.maxInFlight = delivery.maxInFlight();
		this.resumeBelow = Math.max(1, delivery.maxInFlight() * 3 / 4);
		this.infrastructureBackOff = intake.infrastructureBackOff();
		this.shutdownGrace = intake.shutdownGrace();
		Gauge.builder("notification.intake.in_flight", this.inFlight, AtomicInteger::get)
			.description("Records taken from Kafka and not finished")
			.register(meters);
	}

	/**
	 * Takes a record from a listener; returns at once.
	 * @param record the record
	 * @param acknowledgment commits past the record
	 * @param fromRetryTopic whether it comes from the delay topic
	 */
	void submit(ConsumerRecord<String, byte[]> record, Acknowledgment acknowledgment, boolean fromRetryTopic) {
		TopicPartition partition = new TopicPartition(record.topic(), record.partition());
		PartitionProgress progress = this.partitions.computeIfAbsent(partition, PartitionProgress::new);
		PartitionProgress.Entry entry = progress.take(record, acknowledgment);
		if (entry == null) {
			return;
		}
		if (this.inFlight.incrementAndGet() >= this.maxInFlight) {
			pauseIntake();
		}
		String key = (record.key() != null) ? record.key() : partition.toString();
		RecordProcessor.Work work = new RecordProcessor.Work(record, fromRetryTopic);
		this.chains.submit(key, () -> run(work, entry));
	}

	private void run(RecordProcessor.Work work, PartitionProgress.Entry entry) {
		PartitionProgress progress = entry.progress();
		progress.started();
		boolean completed = false;
		try {
			completed = process(work, progress);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		finally {
			progress.ended(entry, completed);
			if (this.inFlight.decrementAndGet() <= this.resumeBelow && this.paused) {
				resumeIntake();
			}
		}
	}

	/**
	 * Processes a record, trying it again in place while MongoDB or Kafka fails.
	 * @return whether it finished; {@code false} if it was left for whoever reads the
	 * partition next
	 */
	private boolean process(RecordProcessor.Work work, PartitionProgress progress) throws InterruptedException {
		BackOffExecution backOff = null;
		while (true) {
			if (progress.isLeaving() && !work.mayHaveClaimed()) {
				// Another consumer owns the partition now and will read it again.
				return false;
			}
			try {
				this.processor.advance(work);
				return true;
			}
			catch (RuntimeException ex) {
				if (!RecordProcessor.isInfrastructure(ex)) {
					throw ex;
				}
				if (!this.running && !work.mayHaveClaimed()) {
					// Shutting down: leave it for whoever reads the partition next.
					return false;
				}
				backOff = (backOff != null) ? backOff : this.infrastructureBackOff.start();
				long pause = backOff.nextBackOff();
				ConsumerRecord<String, byte[]> record = work.record();
				logger.warn("Infrastructure failure on {}-{}@{}; trying it again in {} ms: {}", record.topic(),
						record.partition(), record.offset(), pause, ex.toString());
				Thread.sleep(pause);
			}
		}
	}

	/**
	 * Forgets partitions that another consumer owns now: records of theirs that have not
	 * started are dropped. Started ones get a moment to finish, so that their commit is
	 * made before the partition moves.
	 * @param revoked the partitions
	 * @param wait how long to let started records finish
	 */
	void revoke(Collection<TopicPartition> revoked, Duration wait) {
		long deadline = System.nanoTime() + wait.toNanos();
		List<PartitionProgress> leaving = revoked.stream()
			.map(this.partitions::get)
			.filter(java.util.Objects::nonNull)
			.toList();
		leaving.forEach(PartitionProgress::leave);
		while (System.nanoTime() < deadline && leaving.stream().anyMatch((p) -> p.running() > 0)) {
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		for (TopicPartition partition : revoked) {
			PartitionProgress progress = this.partitions.remove(partition);
			if (progress != null) {
				progress.revoke();
			}
		}
	}

	/**
	 * Returns how many records are taken and not finished.
	 * @return the count
	 */
	int inFlight() {
		return this.inFlight.get();
	}

	private synchronized void pauseIntake() {
		if (!this.paused) {
			this.paused = true;
			logger.debug("{} records in flight: pausing intake", this.inFlight.get());
			containers().forEach(MessageListenerContainer::pause);
		}
	}

	private synchronized void resumeIntake() {
		if (this.paused && this.inFlight.get() <= this.resumeBelow) {
			this.paused = false;
			logger.debug("{} records in flight: resuming intake", this.inFlight.get());
			containers().forEach(MessageListenerContainer::resume);
		}
	}

	private List<MessageListenerContainer> containers() {
		KafkaListenerEndpointRegistry listeners = this.registry.getIfAvailable();
		if (listeners == null) {
			return List.of();
		}
		return java.util.stream.Stream.of(DomainEventListener.ID, RetryTopicListener.ID)
			.map(listeners::getListenerContainer)
			.filter(java.util.Objects::nonNull)
			.toList();
	}

	private static ExecutorService newWorkers() {
		return Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("notification-", 0).factory());
	}

	@Override
	public synchronized void start() {
		if (this.workers.isShutdown()) {
			// Started again after a stop (a paused test context, a restarted context).
			this.workers = newWorkers();
		}
		this.running = true;
		if (this.pausedForStop && !this.paused) {
			containers().forEach(MessageListenerContainer::resume);
		}
		this.pausedForStop = false;
	}

	@Override
	public void stop() {
		stop(() -> {
		});
	}

	@Override
	public void stop(Runnable callback) {
		this.running = false;
		this.pausedForStop = true;
		containers().forEach(MessageListenerContainer::pause);
		long deadline = System.nanoTime() + this.shutdownGrace.toNanos();
		while (this.inFlight.get() > 0 && System.nanoTime() < deadline) {
			try {
				Thread.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		if (this.inFlight.get() > 0) {
			logger.warn("Stopping with {} records unfinished; they will be read again", this.inFlight.get());
		}
		this.workers.shutdownNow();
		try {
			this.workers.awaitTermination(5, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		callback.run();
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/** Stops before the listener containers, so what finishes meanwhile is committed. */
	@Override
	public int getPhase() {
		return AbstractMessageListenerContainer.DEFAULT_PHASE + 50;
	}

}
