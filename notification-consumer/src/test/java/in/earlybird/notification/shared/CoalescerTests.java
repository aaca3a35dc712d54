package in.earlybird.notification.shared;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link Coalescer}: operations asked for together share a batch, each caller
 * gets its own result or its batch's failure, and closing leaves no caller waiting.
 */
class CoalescerTests {

	private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

	/** Each batch: the thread it ran on and its operations. */
	private final List<Batch> batches = new CopyOnWriteArrayList<>();

	private final List<AutoCloseable> toClose = new ArrayList<>();

	private final CountDownLatch zeroRunning = new CountDownLatch(1);

	private final CountDownLatch releaseZero = new CountDownLatch(1);

	@AfterEach
	void close() throws Exception {
		for (AutoCloseable closeable : this.toClose) {
			closeable.close();
		}
	}

	@Test
	void runsALoneOperationAsABatchOfOne() {
		Coalescer<Integer, Integer> coalescer = doubling(Duration.ZERO, (operations) -> null);
		assertThat(coalescer.call(21)).isEqualTo(42);
		assertThat(coalescer.call(4)).isEqualTo(8);
		assertThat(this.batches).extracting(Batch::operations).containsExactly(List.of(21), List.of(4));
		assertThat(this.meters.get("notification.batch.size").tag("batch", "test").summary().count()).isEqualTo(2);
	}

	@Test
	void batchesTheOperationsThatQueuedWhileABatchRan() throws Exception {
		Coalescer<Integer, Integer> coalescer = doubling(Duration.ZERO, (operations) -> null);
		List<Future<Integer>> queued = queuedBehindZero(coalescer, 1, 2, 3, 4, 5);
		for (int i = 0; i < queued.size(); i++) {
			assertThat(queued.get(i).get(10, TimeUnit.SECONDS)).isEqualTo(2 * (i + 1));
		}
		assertThat(this.batches).extracting(Batch::operations)
			.satisfiesExactly((zero) -> assertThat(zero).containsExactly(0),
					(rest) -> assertThat(rest).containsExactlyInAnyOrder(1, 2, 3, 4, 5));
		// One worker runs them all, not the callers.
		assertThat(this.batches).extracting(Batch::thread).hasSize(2).allMatch(Thread::isVirtual);
	}

	@Test
	void givesEachOfManyConcurrentCallersItsOwnResultWithoutTwoBatchesAtOnce() throws Exception {
		AtomicInteger inside = new AtomicInteger();
		AtomicInteger overlaps = new AtomicInteger();
		Coalescer<Integer, Integer> coalescer = doubling(Duration.ofMillis(1), (operations) -> {
			if (inside.incrementAndGet() > 1) {
				overlaps.incrementAndGet();
			}
			Thread.onSpinWait();
			inside.decrementAndGet();
			return null;
		});
		ExecutorService callers = callers();
		List<Future<Long>> sums = new ArrayList<>();
		for (int caller = 0; caller < 16; caller++) {
			int base = (caller + 1) * 1_000;
			sums.add(callers.submit(() -> {
				long wrong = 0;
				for (int i = 0; i < 500; i++) {
					if (coalescer.call(base + i) != 2 * (base + i)) {
						wrong++;
					}
				}
				return wrong;
			}));
		}
		for (Future<Long> sum : sums) {
			assertThat(sum.get(60, TimeUnit.SECONDS)).isZero();
		}
		assertThat(overlaps).hasValue(0);
		assertThat(this.batches.stream().mapToInt((batch) -> batch.operations().size()).sum()).isEqualTo(16 * 500);
		assertThat(this.batches).anySatisfy((batch) -> assertThat(batch.operations()).hasSizeGreaterThan(1));
	}

	@Test
	void aLoneOperationThatFailsThrowsWhatTheBatchThrew() {
		Coalescer<Integer, Integer> coalescer = doubling(Duration.ZERO, (operations) -> {
			throw new IllegalArgumentException("no " + operations);
		});
		assertThatIllegalArgumentException().isThrownBy(() -> coalescer.call(3)).withMessage("no [3]");
	}

	@Test
	void aBatchThatFailsFailsEveryOperationInItWithWhatItThrew() throws Exception {
		Coalescer<Integer, Integer> coalescer = doubling(Duration.ZERO, (operations) -> {
			if (!operations.contains(0)) {
				throw new IllegalArgumentException("no " + operations.size());
			}
			return null;
		});
		for (Future<Integer> each : queuedBehindZero(coalescer, 1, 2, 3)) {
			assertThat(each).failsWithin(Duration.ofSeconds(10))
				.withThrowableThat()
				.havingCause()
				.isInstanceOf(IllegalArgumentException.class)
				.withMessage("no 3");
		}
	}

	@Test
	void closingWhileABatchWaitsForMoreFailsWhatItTookInsteadOfLeavingItWaiting() throws Exception {
		Coalescer<Integer, Integer> coalescer = doubling(Duration.ofSeconds(30), (operations) -> null);
		for (Future<Integer> each : queuedBehindZero(coalescer, 1, 2)) {
			assertThat(each.get(10, TimeUnit.SECONDS)).isPositive();
		}
		// The last batch held two: the next one lingers for more, up to 30 s.
		List<Thread> caller = new CopyOnWriteArrayList<>();
		Future<Integer> lingering = callers().submit(() -> {
			caller.add(Thread.currentThread());
			return coalescer.call(3);
		});
		awaitWaiting(caller, 1);
		coalescer.close();
		assertThat(lingering).failsWithin(Duration.ofSeconds(10))
			.withThrowableThat()
			.havingCause()
			.isInstanceOf(IllegalStateException.class)
			.withMessage("Closed");
	}

	@Test
	void refusesOperationsOnceClosed() throws Exception {
		Coalescer<Integer, Integer> coalescer = doubling(Duration.ZERO, (operations) -> null);
		coalescer.close();
		assertThatIllegalStateException().isThrownBy(() -> coalescer.call(1)).withMessage("Closed");
	}

	/**
	 * A coalescer whose batch doubles each operation, after running {@code during} (which
	 * may throw). A batch with operation 0 waits for {@link #releaseZero} first.
	 */
	private Coalescer<Integer, Integer> doubling(Duration linger, Function<List<Integer>, Void> during) {
		Coalescer<Integer, Integer> coalescer = new Coalescer<>("test", 100, linger, this.meters, (operations) -> {
			this.batches.add(new Batch(Thread.currentThread(), List.copyOf(operations)));
			if (operations.contains(0)) {
				this.zeroRunning.countDown();
				await(this.releaseZero);
			}
			during.apply(operations);
			return operations.stream().map((operation) -> 2 * operation).toList();
		});
		this.toClose.add(coalescer);
		return coalescer;
	}

	/**
	 * Runs operation 0 in a batch of its own and holds it there while the operations are
	 * asked for, each on a thread of its own; lets it finish once every one of them
	 * waits.
	 * @return the operations' results to come
	 */
	private List<Future<Integer>> queuedBehindZero(Coalescer<Integer, Integer> coalescer, int... operations)
			throws Exception {
		ExecutorService callers = callers();
		Future<Integer> zero = callers.submit(() -> coalescer.call(0));
		assertThat(this.zeroRunning.await(10, TimeUnit.SECONDS)).isTrue();
		List<Thread> waiting = new CopyOnWriteArrayList<>();
		List<Future<Integer>> queued = new ArrayList<>();
		for (int operation : operations) {
			queued.add(callers.submit(() -> {
				waiting.add(Thread.currentThread());
				return coalescer.call(operation);
			}));
		}
		awaitWaiting(waiting, operations.length);
		this.releaseZero.countDown();
		assertThat(zero.get(10, TimeUnit.SECONDS)).isZero();
		return queued;
	}

	private ExecutorService callers() {
		ExecutorService callers = Executors.newCachedThreadPool();
		this.toClose.add(callers::shutdownNow);
		return callers;
	}

	/** Waits until each of the threads is parked, waiting for its batch. */
	private static void awaitWaiting(List<Thread> threads, int count) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (threads.size() < count
				|| !threads.stream().allMatch((thread) -> thread.getState() == Thread.State.WAITING)) {
			assertThat(System.nanoTime()).as("callers waiting in time").isLessThan(deadline);
			Thread.sleep(5);
		}
	}

	private static void await(CountDownLatch latch) {
		try {
			assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private record Batch(Thread thread, List<Integer> operations) {
	}

}
