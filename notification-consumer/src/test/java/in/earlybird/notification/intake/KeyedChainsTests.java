package in.earlybird.notification.intake;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class KeyedChainsTests {

	private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

	private final KeyedChains chains = new KeyedChains(this.executor);

	@AfterEach
	void stop() {
		this.executor.shutdownNow();
	}

	@Test
	void runsOneKeysTasksOneAtATimeInSubmissionOrder() {
		List<Integer> order = Collections.synchronizedList(new ArrayList<>());
		for (int i = 0; i < 200; i++) {
			int n = i;
			this.chains.submit("cust-1", () -> {
				order.add(n);
				Thread.yield();
			});
		}
		await().atMost(10, TimeUnit.SECONDS).until(() -> order.size() == 200);
		assertThat(order).isSorted();
		await().atMost(5, TimeUnit.SECONDS).until(() -> this.chains.activeKeys() == 0);
	}

	@Test
	void aSlowKeyHoldsBackNoOtherKey() throws InterruptedException {
		CountDownLatch release = new CountDownLatch(1);
		List<String> done = Collections.synchronizedList(new ArrayList<>());
		this.chains.submit("slow", () -> {
			awaitQuietly(release);
			done.add("slow-1");
		});
		this.chains.submit("slow", () -> done.add("slow-2"));
		for (int i = 0; i < 50; i++) {
			String key = "cust-" + i;
			this.chains.submit(key, () -> done.add(key));
		}
		await().atMost(10, TimeUnit.SECONDS).until(() -> done.size() == 50);
		assertThat(done).doesNotContain("slow-1", "slow-2");
		release.countDown();
		await().atMost(10, TimeUnit.SECONDS).until(() -> done.size() == 52);
		assertThat(done.subList(50, 52)).containsExactly("slow-1", "slow-2");
	}

	@Test
	void aTaskThatThrowsDoesNotStrandTheRestOfItsChain() {
		List<String> done = Collections.synchronizedList(new ArrayList<>());
		this.chains.submit("cust-1", () -> {
			throw new IllegalStateException("a bug");
		});
		this.chains.submit("cust-1", () -> done.add("after"));
		await().atMost(10, TimeUnit.SECONDS).until(() -> done.contains("after"));
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
