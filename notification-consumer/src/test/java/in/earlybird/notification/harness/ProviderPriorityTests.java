package in.earlybird.notification.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class ProviderPriorityTests {

	@Test
	void raisesOnlyTheThreadsThatStartedAndTheThreadsThoseStartAfterwards() throws Exception {
		assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "threads are read from /proc");
		assumeTrue(isRoot(), "raising a thread to real-time priority takes root");
		CountDownLatch done = new CountDownLatch(1);
		Thread earlier = namedThread("prio-test", done);
		Thread started = null;
		try {
			CompletableFuture<Long> child = new CompletableFuture<>();
			CountDownLatch raised = new CountDownLatch(1);
			started = ProviderPriority.raiseWhatStarts("prio-test",
					() -> Thread.ofPlatform().name("prio-test").start(() -> {
						try {
							raised.await();
							// A thread it starts once raised, as the dispatcher starts
							// handlers.
							Thread.ofPlatform().name("prio-child").start(() -> {
								child.complete(ProviderPriority.threadsNamed("prio-child").iterator().next());
								await(done);
							});
							await(done);
						}
						catch (InterruptedException ex) {
							Thread.currentThread().interrupt();
						}
					}));
			raised.countDown();
			Set<Long> both = ProviderPriority.threadsNamed("prio-test");
			assertThat(both).hasSize(2);
			assertThat(both.stream().map(ProviderPriorityTests::policy))
				.containsExactlyInAnyOrder(ProviderPriority.FIFO, 0);
			assertThat(policy(child.get(10, TimeUnit.SECONDS))).isEqualTo(ProviderPriority.FIFO);
			assertThat(ProviderPriority.describe()).contains("real-time (SCHED_FIFO 1)");
		}
		finally {
			done.countDown();
			earlier.join();
			if (started != null) {
				started.join();
			}
		}
	}

	@Test
	void normalLeavesTheThreadsAlone() throws Exception {
		assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "threads are read from /proc");
		CountDownLatch done = new CountDownLatch(1);
		Thread thread = namedThread("prio-normal", done);
		try {
			Set<Long> threads = ProviderPriority.threadsNamed("prio-normal");
			assertThat(threads).hasSize(1);
			assertThat(ProviderPriority.raise(threads, "normal"))
				.isEqualTo("normal (-Dharness.provider-priority=normal)");
			assertThat(policy(threads.iterator().next())).isZero();
		}
		finally {
			done.countDown();
			thread.join();
		}
	}

	@Test
	void saysSoWhenThereIsNothingToRaise() {
		assertThat(ProviderPriority.raise(Set.of(), "realtime"))
			.isEqualTo("normal (no receiving thread found to raise)");
	}

	@Test
	void refusesASettingItDoesNotKnow() {
		assertThatIllegalArgumentException().isThrownBy(() -> ProviderPriority.raise(Set.of(), "high"))
			.withMessage("-Dharness.provider-priority is realtime or normal, not 'high'");
	}

	private static Thread namedThread(String name, CountDownLatch done) throws InterruptedException {
		CountDownLatch running = new CountDownLatch(1);
		Thread thread = Thread.ofPlatform().name(name).start(() -> {
			running.countDown();
			await(done);
		});
		running.await();
		return thread;
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static int policy(long thread) {
		try {
			return ProviderPriority.policy(thread);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static boolean isRoot() throws IOException {
		return Files.readAllLines(Path.of("/proc/self/status"))
			.stream()
			.anyMatch((line) -> line.matches("Uid:\\s+0\\s.*"));
	}

}
