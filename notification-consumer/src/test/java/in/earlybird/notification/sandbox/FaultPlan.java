package in.earlybird.notification.sandbox;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

/**
 * Which {@link SandboxMode} answers the next valid send: one for a phone number, else one
 * of the next-N countdowns, else the global mode; thread-safe and cheap when nothing is
 * planned.
 */
final class FaultPlan {

	private volatile SandboxMode global = SandboxMode.NONE;

	private volatile Duration latency = Duration.ZERO;

	private final ConcurrentLinkedQueue<Countdown> next = new ConcurrentLinkedQueue<>();

	private final Map<String, Countdown> byNumber = new ConcurrentHashMap<>();

	void global(SandboxMode mode) {
		this.global = Objects.requireNonNull(mode, "mode");
	}

	SandboxMode global() {
		return this.global;
	}

	void latency(Duration latency) {
		if (latency.isNegative()) {
			throw new IllegalArgumentException("latency must not be negative");
		}
		this.latency = latency;
	}

	Duration latency() {
		return this.latency;
	}

	void next(int count, SandboxMode mode) {
		if (count <= 0) {
			throw new IllegalArgumentException("count must be positive");
		}
		this.next.add(new Countdown(mode, new AtomicInteger(count)));
	}

	void forNumber(String number, @Nullable Integer times, SandboxMode mode) {
		String digits = digits(number);
		if (digits.isEmpty()) {
			throw new IllegalArgumentException("number has no digits");
		}
		if (times != null && times <= 0) {
			throw new IllegalArgumentException("times must be positive");
		}
		this.byNumber.put(digits, new Countdown(mode, (times != null) ? new AtomicInteger(times) : null));
	}

	void clear() {
		this.global = SandboxMode.NONE;
		this.latency = Duration.ZERO;
		this.next.clear();
		this.byNumber.clear();
	}

	/**
	 * Picks the mode for a valid send, using up one count of a countdown if one applies.
	 */
	SandboxMode modeFor(String countryCode, String number) {
		if (!this.byNumber.isEmpty()) {
			SandboxMode forNumber = take(this.byNumber.get(number));
			if (forNumber == null) {
				forNumber = take(this.byNumber.get(countryCode + number));
			}
			if (forNumber != null) {
				return forNumber;
			}
		}
		Countdown head;
		while ((head = this.next.peek()) != null) {
			SandboxMode mode = take(head);
			if (mode != null) {
				return mode;
			}
			this.next.remove(head);
		}
		return this.global;
	}

	/** A snapshot for {@code GET /_sandbox/mode}. */
	Map<String, Object> describe() {
		Map<String, Object> state = new LinkedHashMap<>();
		state.put("mode", this.global);
		state.put("latencyMillis", this.latency.toMillis());
		List<Map<String, Object>> pending = new ArrayList<>();
		for (Countdown countdown : this.next) {
			pending.add(Map.of("mode", countdown.mode(), "remaining", Math.max(0, countdown.remaining().get())));
		}
		state.put("next", pending);
		Map<String, Object> numbers = new LinkedHashMap<>();
		this.byNumber.forEach((number, countdown) -> numbers.put(number,
				(countdown.remaining() != null) ? Map.of("mode", countdown.mode(), "remaining", countdown.remaining())
						: Map.of("mode", countdown.mode())));
		state.put("numbers", numbers);
		return state;
	}

	private static @Nullable SandboxMode take(@Nullable Countdown countdown) {
		if (countdown == null) {
			return null;
		}
		if (countdown.remaining() == null || countdown.remaining().getAndDecrement() > 0) {
			return countdown.mode();
		}
		return null;
	}

	private static String digits(String number) {
		StringBuilder digits = new StringBuilder(number.length());
		for (int i = 0; i < number.length(); i++) {
			if (Character.isDigit(number.charAt(i))) {
				digits.append(number.charAt(i));
			}
		}
		return digits.toString();
	}

	/** A mode for a number of sends, or for ever when {@code remaining} is null. */
	private record Countdown(SandboxMode mode, @Nullable AtomicInteger remaining) {
	}

}
