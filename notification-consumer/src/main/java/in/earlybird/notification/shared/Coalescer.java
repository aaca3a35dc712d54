package in.earlybird.notification.shared;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Turns single operations that many threads ask for at once into one batch (a group
 * commit): the caller's thread waits while a single worker runs whatever has queued up
 * since the previous batch, as one round trip. Under light load a batch holds one
 * operation and costs what a direct call would; under heavy load the round trips, not the
 * operations, are what stays constant.
 *
 * @param <T> what one caller asks for
 * @param <R> what one caller gets back
 */
public final class Coalescer<T, R> implements AutoCloseable {

	private final LinkedBlockingQueue<Pending<T, R>> queue = new LinkedBlockingQueue<>();

	private final Function<List<T>, List<R>> batch;

	private final int maxBatch;

	private final DistributionSummary sizes;

	private final long lingerNanos;

	private int lastBatch;

	private final Thread worker;

	private volatile boolean closed;

	/**
	 * Starts a coalescer.
	 * @param name the worker thread's name, and the {@code batch} tag of the
	 * {@code notification.batch.size} metric
	 * @param maxBatch the most operations in one batch
	 * @param meters where the batch sizes are recorded
	 * @param batch runs a batch: one result per operation, in order; an exception fails
	 * every operation of the batch
	 */
	public Coalescer(String name, int maxBatch, MeterRegistry meters, Function<List<T>, List<R>> batch) {
		this(name, maxBatch, Duration.ZERO, meters, batch);
	}

	/**
	 * Starts a coalescer that, under load, waits a moment for more operations before it
	 * runs a batch: fewer, larger round trips for a little latency.
	 * @param name the worker thread's name, and the {@code batch} tag of the
	 * {@code notification.batch.size} metric
	 * @param maxBatch the most operations in one batch
	 * @param linger how long a batch may wait for more operations, when the previous
	 * batch held more than one (never under light load)
	 * @param meters where the batch sizes are recorded
	 * @param batch runs a batch: one result per operation, in order; an exception fails
	 * every operation of the batch
	 */
	public Coalescer(String name, int maxBatch, Duration linger, MeterRegistry meters,
			Function<List<T>, List<R>> batch) {
		this.lingerNanos = linger.toNanos();
		if (maxBatch < 1) {
			throw new IllegalArgumentException("maxBatch must be positive");
		}
		this.batch = batch;
		this.maxBatch = maxBatch;
		this.sizes = DistributionSummary.builder("notification.batch.size")
			.description("Operations sent to MongoDB in one round trip")
			.tag("batch", name)
			.register(meters);
		this.worker = Thread.ofVirtual().name(name).start(this::work);
	}

	/**
	 * Runs an operation in the next batch and waits for its result.
	 * @param operation the operation
	 * @return its result
	 * @throws RuntimeException what the batch threw, unwrapped
	 */
	public R call(T operation) {
		if (this.closed) {
			throw new IllegalStateException("Closed");
		}
		Pending<T, R> pending = new Pending<>(operation, new CompletableFuture<>());
		this.queue.add(pending);
		try {
			return pending.result().get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for a batch", ex);
		}
		catch (ExecutionException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (cause instanceof Error error) {
				throw error;
			}
			throw new IllegalStateException(cause);
		}
	}

	private void work() {
		List<Pending<T, R>> taken = new ArrayList<>(this.maxBatch);
		while (!this.closed) {
			try {
				Pending<T, R> first = this.queue.poll(1, TimeUnit.SECONDS);
				if (first == null) {
					continue;
				}
				taken.add(first);
				this.queue.drainTo(taken, this.maxBatch - 1);
				if (this.lastBatch > 1) {
					linger(taken);
				}
				this.lastBatch = taken.size();
				run(taken);
			}
			catch (InterruptedException ex) {
				// Closed while lingering: what was taken is not left waiting for good.
				taken.forEach((pending) -> pending.result().completeExceptionally(new IllegalStateException("Closed")));
				Thread.currentThread().interrupt();
				break;
			}
			finally {
				taken.clear();
			}
		}
		failRemaining();
	}

	private void linger(List<Pending<T, R>> taken) throws InterruptedException {
		long deadline = System.nanoTime() + this.lingerNanos;
		long left;
		while (taken.size() < this.maxBatch && (left = deadline - System.nanoTime()) > 0) {
			Pending<T, R> next = this.queue.poll(left, TimeUnit.NANOSECONDS);
			if (next == null) {
				return;
			}
			taken.add(next);
			this.queue.drainTo(taken, this.maxBatch - taken.size());
		}
	}

	private void run(List<Pending<T, R>> taken) {
		this.sizes.record(taken.size());
		List<T> operations = new ArrayList<>(taken.size());
		for (Pending<T, R> pending : taken) {
			operations.add(pending.operation());
		}
		List<R> results;
		try {
			results = this.batch.apply(operations);
			if (results.size() != operations.size()) {
				throw new IllegalStateException(
						"A batch of " + operations.size() + " returned " + results.size() + " results");
			}
		}
		catch (RuntimeException | Error ex) {
			taken.forEach((pending) -> pending.result().completeExceptionally(ex));
			return;
		}
		for (int i = 0; i < taken.size(); i++) {
			taken.get(i).result().complete(results.get(i));
		}
	}

	private void failRemaining() {
		Pending<T, R> left;
		while ((left = this.queue.poll()) != null) {
			left.result().completeExceptionally(new IllegalStateException("Closed"));
		}
	}

	@Override
	public void close() {
		this.closed = true;
		this.worker.interrupt();
	}

	private record Pending<T, R>(T operation, CompletableFuture<R> result) {
	}

}
