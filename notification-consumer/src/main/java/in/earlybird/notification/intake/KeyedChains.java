package in.earlybird.notification.intake;

import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Executor;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs tasks one at a time per key, in the order they were submitted, and tasks of
 * different keys in parallel: a customer's events stay in order and no customer waits for
 * another. A key with work has one running task at most; its chain ends when its queue is
 * empty.
 */
final class KeyedChains {

	private static final Logger logger = LoggerFactory.getLogger(KeyedChains.class);

	private final Executor executor;

	private final Map<String, ArrayDeque<Runnable>> chains = new HashMap<>();

	KeyedChains(Executor executor) {
		this.executor = executor;
	}

	/**
	 * Queues a task behind the key's earlier ones.
	 * @param key the ordering key
	 * @param task the task; exceptions it throws end only that task
	 */
	void submit(String key, Runnable task) {
		boolean start;
		synchronized (this.chains) {
			ArrayDeque<Runnable> chain = this.chains.computeIfAbsent(key, (k) -> new ArrayDeque<>());
			start = chain.isEmpty();
			chain.addLast(task);
		}
		if (start) {
			this.executor.execute(() -> drain(key));
		}
	}

	/**
	 * Returns how many keys have work.
	 * @return the number of active chains
	 */
	int activeKeys() {
		synchronized (this.chains) {
			return this.chains.size();
		}
	}

	private void drain(String key) {
		Runnable next;
		synchronized (this.chains) {
			next = this.chains.get(key).peekFirst();
		}
		while (next != null) {
			try {
				next.run();
			}
			catch (RuntimeException ex) {
				// A task handles its own failures; one that escapes must not strand the
				// rest of the chain.
				logger.error("A task of an ordered chain failed", ex);
			}
			synchronized (this.chains) {
				ArrayDeque<Runnable> chain = this.chains.get(key);
				chain.pollFirst();
				next = chain.peekFirst();
				if (next == null) {
					this.chains.remove(key);
				}
			}
		}
	}

}
