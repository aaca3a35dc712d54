package in.earlybird.notification.benchmark;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.InsertManyOptions;
import in.earlybird.events.Customer;
import in.earlybird.events.PhoneNumber;
import in.earlybird.events.Topics;
import in.earlybird.notification.TestEvents;
import in.earlybird.notification.harness.Accounting;
import in.earlybird.notification.harness.Arrivals;
import in.earlybird.notification.harness.BareConsumer;
import in.earlybird.notification.harness.PublishedEvent;
import in.earlybird.notification.harness.RequestStarts;
import in.earlybird.notification.harness.ResultsFile;
import in.earlybird.notification.harness.ServiceInstance;
import in.earlybird.notification.harness.ServiceStack;
import in.earlybird.notification.harness.Workload;
import in.earlybird.notification.history.NotificationRecord;
import in.earlybird.notification.sandbox.MyOperatorSandbox;
import in.earlybird.notification.sandbox.SandboxMode;
import org.bson.Document;

/**
 * The throughput benchmark's scenarios, one per row of the table in the throughput issue,
 * each on a fresh stack: the service jar in its own JVM, Kafka and MongoDB in theirs, the
 * sandbox answering with a configurable latency and recording when every request arrived.
 * Each scenario reports its rows and the accounting of every event it published.
 */
final class ThroughputScenarios {

	static final Duration PROVIDER_LATENCY = Duration.ofMillis(250);

	private static final int HEAP_CHUNK = 50_000;

	private final Sizes sizes;

	private final List<Row> rows = new ArrayList<>();

	private final Map<String, Accounting> accountings = new LinkedHashMap<>();

	/** The JIT compiler threads' share of a core below which the warm-up ends. */
	static final double JIT_SETTLED = 0.03;

	/**
	 * How much faster than the rate limit a backlog is published: a tenth, so that it
	 * builds up and never runs dry. A second's worth at a time, not all at once:
	 * publishing 60,000 events in one go took the harness's JVM, where the sandbox stamps
	 * arrivals, long enough to delay stamps by up to 90 ms, which bunched them into a
	 * busiest second the service never sent; one at a time, evenly, doubled Kafka's CPU.
	 */
	private static final double AHEAD = 1.1;

	ThroughputScenarios(Sizes sizes) {
		this.sizes = sizes;
	}

	List<Row> rows() {
		return this.rows;
	}

	Map<String, Accounting> accountings() {
		return this.accountings;
	}

	/**
	 * Sends a backlog at a rate limit with the provider answering in 250 ms: the
	 * sustained rate, the busiest second, and per-customer order. A first backlog of
	 * {@link Sizes#rateWarmUpSeconds()} at the limit warms the JVMs up (the JIT compiles
	 * the hot path in the first seconds, and a service runs for days); its rate is
	 * reported next to the measured one. The measured events are published, a tenth
	 * faster than the limit, while the warm-up's last seconds are still queued: a
	 * sustained rate is the one of a queue that does not run dry. (Published all at once
	 * after the warm-up had drained, the first 2,000 went at about 850/s at 1,000/s: the
	 * service starting again from idle, while the publisher took a core.)
	 */
	void atRateLimit(int limit, int events) {
		try (ServiceStack stack = ServiceStack.start("rate-" + limit)) {
			stack.sandbox().setLatency(PROVIDER_LATENCY);
			// The service's own request starts, beside the provider's arrivals. Not at
			// 1,000/s, where writing the log takes CPU from the run it measures, unless
			// asked for (-Dbenchmark.log-starts=true).
			boolean logStarts = limit <= 100 || Boolean.getBoolean("benchmark.log-starts");
			stack.captureWire();
			Map<String, Object> settings = settings(stack, limit);
			ServiceInstance service = stack.startService("a", logStarts ? pacingLogged(settings) : settings,
					profiling());
			Workload workload = new Workload(stack.producer());
			WarmUp warm = warmUp(stack, service, workload, limit * this.sizes.rateWarmUpSeconds(), limit, false);
			List<PublishedEvent> warmUp = warm.events();
			int warmUpEvents = warmUp.size();
			CpuTimes beforeMeasuring = CpuTimes.of(service, stack);
			List<PublishedEvent> published = publishAhead(workload, events, limit);
			Set<String> measured = refIds(published);
			awaitSent(stack.sandbox(), warmUpEvents + events, Workload.allowFor(events, limit));
			String cores = CpuTimes.of(service, stack).minus(beforeMeasuring).cores();
			List<MyOperatorSandbox.Arrival> received = stack.arrivals();
			Arrivals arrivals = arrivals(received, (arrival) -> measured.contains(arrival.refId()));
			Arrivals cold = arrivals(received, (arrival) -> !measured.contains(arrival.refId()));
			// The busiest second of the whole run, warm-up included.
			Arrivals all = arrivals(received, (arrival) -> true);
			all.write(stack.directory().resolve("arrivals.txt"));
			String starts = standInsOwnStamps(stack);
			if (logStarts) {
				RequestStarts requestStarts = RequestStarts.of(List.of(service));
				requestStarts.write(stack.directory().resolve("requests.txt"), received);
				starts += "; " + requestStarts.describe(received);
			}
			published = concat(warmUp, published);
			this.rows.add(new Row("rate limit " + limit + "/s: sustained send rate", "≥ " + (int) (0.95 * limit) + "/s",
					perSecond(arrivals.sustainedRate()),
					"limit " + limit + "/s; after " + warm.describe() + ", which went at "
							+ perSecond(cold.sustainedRate()) + "; " + cores,
					arrivals.sustainedRate() >= 0.95 * limit));
			this.rows.add(new Row("rate limit " + limit + "/s: most requests in any 1 s window", "≤ " + limit,
					Integer.toString(all.maxInAnySecond()), "limit " + limit + starts, all.maxInAnySecond() <= limit));
			account("rate " + limit + "/s", published, stack);
		}
	}

	/**
	 * One customer with many events and one whose request hangs past the read timeout,
	 * among many customers with one event each: what the others get.
	 */
	void heavyAndHangingCustomers() {
		int limit = 80;
		try (ServiceStack stack = ServiceStack.start("isolation")) {
			MyOperatorSandbox sandbox = stack.sandbox();
			sandbox.setLatency(PROVIDER_LATENCY);
			stack.startService("a", settings(stack, limit));
			Workload workload = new Workload(stack.producer());
			Customer heavy = TestEvents.customer();
			Customer hanging = TestEvents.customer();
			sandbox.failFor(national(hanging), 1, SandboxMode.timeout(Duration.ofSeconds(20)));
			List<PublishedEvent> heavyEvents = workload.forCustomer(heavy, this.sizes.heavyEvents());
			List<PublishedEvent> published = new ArrayList<>(workload.forCustomer(hanging, 1));
			published.addAll(workload.newCustomers(this.sizes.isolationOthers()));
			Set<String> others = refIds(published);
			awaitSent(sandbox, (arrival) -> others.contains(arrival.refId()), this.sizes.isolationOthers(),
					Workload.allowFor(this.sizes.isolationOthers(), limit));
			Arrivals arrivals = arrivals(sandbox, (arrival) -> others.contains(arrival.refId()));
			this.rows.add(new Row(
					"one customer with " + this.sizes.heavyEvents() + " events and one hanging request among "
							+ this.sizes.isolationOthers() + " others: others' rate",
					"≥ " + (int) (0.9 * limit) + "/s", perSecond(arrivals.sustainedRate()), "limit " + limit + "/s",
					arrivals.sustainedRate() >= 0.9 * limit));
			this.rows.add(new Row("same: longest gap between two of the others' requests", "—",
					millis(arrivals.longestGap()), "—", true));
			List<String> heavyOrder = sandbox.arrivals()
				.stream()
				.filter((arrival) -> arrival.number().equals("91" + national(heavy)))
				.map(MyOperatorSandbox.Arrival::refId)
				.toList();
			List<String> published0 = heavyEvents.stream().map(PublishedEvent::notificationId).toList();
			boolean inOrder = published0.subList(0, heavyOrder.size()).equals(heavyOrder);
			this.rows.add(new Row("same: the heavy customer's messages, in publish order (pair rate 6 s)", "in order",
					heavyOrder.size() + " sent so far, " + (inOrder ? "in order" : "OUT OF ORDER"), "—", inOrder));
			account("isolation: others and the hanging customer", published, stack);
		}
	}

	/** One recipient answered 131056: only that recipient waits. */
	void recipientLimited() {
		int limit = 80;
		try (ServiceStack stack = ServiceStack.start("pair-rate")) {
			MyOperatorSandbox sandbox = stack.sandbox();
			sandbox.setLatency(PROVIDER_LATENCY);
			stack.startService("a", settings(stack, limit));
			Workload workload = new Workload(stack.producer());
			Customer limited = TestEvents.customer();
			sandbox.failFor(national(limited), 2, SandboxMode.permanent("131056"));
			List<PublishedEvent> published = new ArrayList<>(workload.forCustomer(limited, 1));
			published.addAll(workload.newCustomers(this.sizes.isolationOthers()));
			Set<String> others = refIds(published.subList(1, published.size()));
			awaitSent(sandbox, this.sizes.isolationOthers() + 1,
					Workload.allowFor(this.sizes.isolationOthers(), limit));
			Arrivals arrivals = arrivals(sandbox, (arrival) -> others.contains(arrival.refId()));
			Instant limitedSent = sandbox.arrivals()
				.stream()
				.filter((arrival) -> arrival.refId().equals(published.getFirst().notificationId()))
				.map(MyOperatorSandbox.Arrival::at)
				.findFirst()
				.orElse(null);
			this.rows.add(new Row("one recipient answered 131056 (pair rate): the others' rate",
					"≥ " + (int) (0.9 * limit) + "/s", perSecond(arrivals.sustainedRate()), "limit " + limit + "/s",
					arrivals.sustainedRate() >= 0.9 * limit));
			this.rows.add(new Row("same: longest gap between two of the others' requests", "only that recipient waits",
					millis(arrivals.longestGap()), "—", arrivals.longestGap().compareTo(Duration.ofSeconds(1)) < 0));
			this.rows.add(new Row("same: when the limited recipient's message went out", "after its pause",
					(limitedSent != null) ? millis(Duration.between(published.getFirst().publishedAt(), limitedSent))
							+ " after publishing" : "not sent",
					"—", limitedSent != null));
			account("one recipient limited (131056)", published, stack);
		}
	}

	/**
	 * Events at 80/s with a rate limit that does not bind: publish to provider request.
	 */
	void latency() {
		int perSecond = 80;
		int events = perSecond * this.sizes.latencySeconds();
		// The first seconds at 80/s after the warm-up at 400/s are not measured: the
		// change of pace, not the steady state.
		int settle = perSecond * Math.min(5, this.sizes.latencySeconds());
		try (ServiceStack stack = ServiceStack.start("latency")) {
			// Its own request starts are logged too, to tell the way in from the way out.
			ServiceInstance service = stack.startService("a", pacingLogged(settings(stack, 1000)), profiling());
			Workload workload = new Workload(stack.producer());
			// Warm up the JIT and the connections, then measure: after 2,000 events the
			// latency still fell from 200 ms to 20 ms over the 30 s measured.
			WarmUp warm = warmUp(stack, service, workload, this.sizes.latencyWarmUp(), 400, true);
			List<PublishedEvent> warmUp = warm.events();
			stack.sandbox().reset();
			// The bare consumer reads along, from a start that is behind it.
			CountDownLatch bareCaughtUp = new CountDownLatch(1);
			CompletableFuture<BareConsumer.Result> bare = CompletableFuture
				.supplyAsync(() -> BareConsumer.read(stack.bootstrapServers(), Topics.ALL,
						warmUp.size() + settle + events, Duration.ofMinutes(5), warmUp.size(), bareCaughtUp));
			await(bareCaughtUp);
			List<PublishedEvent> published = workload.newCustomers(settle + events, perSecond);
			awaitSent(stack.sandbox(), settle + events, Duration.ofMinutes(2));
			List<PublishedEvent> measured = published.subList(settle, published.size());
			Map<String, Instant> arrived = new java.util.HashMap<>();
			stack.sandbox().arrivals().forEach((arrival) -> arrived.putIfAbsent(arrival.refId(), arrival.at()));
			List<Duration> latencies = new ArrayList<>();
			List<String> lines = new ArrayList<>();
			for (PublishedEvent event : measured) {
				Instant at = arrived.get(event.notificationId());
				if (at != null) {
					Duration latency = Duration.between(event.publishedAt(), at);
					latencies.add(latency);
					lines.add(event.notificationId() + " " + event.publishedAt() + " " + latency.toNanos() / 1e6);
				}
			}
			ResultsFile.writeLines(stack.directory().resolve("latencies.txt"), lines);
			RequestStarts.of(List.of(service))
				.write(stack.directory().resolve("requests.txt"), stack.sandbox().arrivals());
			List<Duration> reference = bare.join().latencies(measured);
			Duration p99 = Arrivals.percentile(latencies, 99);
			this.rows.add(new Row("publish → provider request at 80 events/s (limit 1,000/s, not binding): p50 / p99",
					"p99 ≤ 50 ms", millis(Arrivals.percentile(latencies, 50)) + " / " + millis(p99),
					"bare consumer p50 / p99: " + millis(Arrivals.percentile(reference, 50)) + " / "
							+ millis(Arrivals.percentile(reference, 99)) + "; after " + warm.describe() + " at 400/s",
					p99.compareTo(Duration.ofMillis(50)) <= 0));
			account("latency", published, stack);
		}
	}

	/**
	 * A backlog drained against a zero-latency provider, on a history that already holds
	 * many notifications: the rate per segment as history grows, the service's CPU per
	 * event, and a bare consumer reading the same records.
	 */
	void rawDrain() {
		try (ServiceStack stack = ServiceStack.start("drain")) {
			seedHistory(stack, this.sizes.seededHistory());
			int segment = this.sizes.drainSegment();
			int segments = this.sizes.drainSegments();
			// The whole backlog is on the broker before the service starts. The first
			// events warm the JIT up and are reported but not judged: at least
			// drainWarmUp, then until the JIT compiler threads used under JIT_SETTLED of
			// a core for a while, as long as the reserve lasts. The next segments are
			// measured.
			int warmUp = this.sizes.drainWarmUp();
			int total = warmUp + this.sizes.drainReserve() + segment * segments;
			List<PublishedEvent> published = new Workload(stack.producer()).newCustomers(total);
			ServiceInstance service = stack.startService("a", settings(stack, 10_000), profiling());
			awaitSent(stack.sandbox(), warmUp, Duration.ofMinutes(5));
			double jitCores = awaitJitSettled(stack.sandbox(), service, warmUp + this.sizes.drainReserve());
			CpuTimes afterWarmUp = CpuTimes.of(service, stack);
			long sentWhenSettled = stack.sandbox().receivedCount();
			// Where the measured segments start; the JIT's last second may have run past
			// the reserve.
			int sentAfterWarmUp = (int) Math.min(sentWhenSettled, total - segment * segments);
			awaitSent(stack.sandbox(), sentAfterWarmUp + segment * segments, Duration.ofMinutes(15));
			CpuTimes used = CpuTimes.of(service, stack).minus(afterWarmUp);
			long measuredEvents = stack.sandbox().receivedCount() - sentWhenSettled;
			awaitSent(stack.sandbox(), total, Duration.ofMinutes(15));
			double cpuPerEvent = used.service().toNanos() / 1e6 / measuredEvents;
			StringBuilder others = new StringBuilder();
			used.others().forEach((process, cpu) -> {
				others.append(process)
					.append(' ')
					.append(String.format(Locale.ROOT, "%.3f ms", cpu.toNanos() / 1e6 / measuredEvents));
				if ("mongo".equals(process)) {
					others.append(String.format(Locale.ROOT, " (its garbage collector %.3f ms)",
							used.mongoGc().toNanos() / 1e6 / measuredEvents));
				}
				others.append("; ");
			});
			List<Instant> times = stack.sandbox()
				.arrivals()
				.stream()
				.map(MyOperatorSandbox.Arrival::at)
				.sorted()
				.toList();
			List<String> rates = new ArrayList<>();
			List<Double> segmentRates = new ArrayList<>();
			rates.add(String.format(Locale.ROOT,
					"warm-up of %d events (JIT compiler threads at the end %.2f of a core) ", sentAfterWarmUp, jitCores)
					+ perSecond((sentAfterWarmUp - 1) / seconds(times.get(0), times.get(sentAfterWarmUp - 1))));
			for (int i = 0; i < segments; i++) {
				int from = sentAfterWarmUp + i * segment;
				int to = from + segment - 1;
				double rate = (to - from) / seconds(times.get(from), times.get(to));
				rates.add(perSecond(rate));
				segmentRates.add(rate);
			}
			double measured = segment * segments
					/ seconds(times.get(sentAfterWarmUp), times.get(sentAfterWarmUp + segment * segments - 1));
			BareConsumer.Result bare = BareConsumer.read(stack.bootstrapServers(), Topics.ALL, total,
					Duration.ofMinutes(5));
			long history = stack.database().getCollection(NotificationRecord.COLLECTION).countDocuments();
			this.rows.add(new Row(
					"raw drain of a " + total + "-event backlog, zero-latency provider, " + this.sizes.seededHistory()
							+ " notifications in history at the start: rate per " + segment + " events",
					"≥ 2,500/s, not falling", String.join(" → ", rates) + " (history " + history + " at the end)",
					"bare consumer " + perSecond(bare.rate()) + "; service/bare "
							+ String.format(Locale.ROOT, "%.3f", measured / bare.rate()),
					DrainSegments.met(segmentRates, 2500)));
			this.rows.add(new Row("service CPU per sent event (the drain above, after the warm-up)", "≤ 0.4 ms",
					String.format(Locale.ROOT, "%.3f ms", cpuPerEvent),
					"the other processes per event: " + others + "(harness: sandbox, publisher)", cpuPerEvent <= 0.4));
			StringBuilder batches = new StringBuilder();
			service.summaryMeans("notification_batch_size", "batch")
				.forEach((batch, mean) -> batches.append(batch)
					.append(' ')
					.append(String.format(Locale.ROOT, "%.1f", mean))
					.append("; "));
			this.rows.add(new Row("same: operations per MongoDB round trip, mean", "—", batches.toString(), "—", true));
			account("raw drain", published, stack);
		}
	}

	/** A large backlog drained by a service capped at 256 MB of heap. */
	void heapUnderBacklog() {
		try (ServiceStack stack = ServiceStack.start("heap")) {
			Workload workload = new Workload(stack.producer());
			int backlog = this.sizes.heapBacklog();
			// In chunks, each flushed: a million records in flight at once outran the
			// producer's delivery timeout on this machine and broke its idempotent
			// sequence.
			for (int published = 0; published < backlog; published += HEAP_CHUNK) {
				workload.newCustomers(Math.min(HEAP_CHUNK, backlog - published));
			}
			// Otherwise the drain below waits its whole time for events that were never
			// published, and the run looks hung.
			int notTaken = workload.notTakenCount();
			if (notTaken > 0) {
				throw new IllegalStateException("The broker did not take " + notTaken + " of the " + backlog
						+ " events of the backlog; see the producer's warnings above");
			}
			ServiceInstance service = stack.startService("a", settings(stack, 10_000), "-Xmx256m");
			List<Long> samples = new ArrayList<>();
			long deadline = System.nanoTime() + this.sizes.heapDrainTime().toNanos();
			while (System.nanoTime() < deadline && stack.sandbox().receivedCount() < backlog
					&& service.process().isAlive()) {
				sleep(Duration.ofSeconds(15));
				samples.add(service.heapAfterGc() / (1024 * 1024));
			}
			boolean alive = service.process().isAlive();
			boolean flat = !samples.isEmpty() && samples.stream().mapToLong(Long::longValue).max().orElse(0) < 200;
			this.rows
				.add(new Row("live heap after a full GC while draining a " + backlog + "-event backlog at -Xmx256m",
						"flat, no OOM", samples + " MB; " + stack.sandbox().receivedCount() + " sent in the time; "
								+ (alive ? "alive" : "DIED"),
						"—", alive && flat));
		}
	}

	/** Two instances against one number's limit: the sum stays under it. */
	void twoInstances() {
		int limit = 80;
		try (ServiceStack stack = ServiceStack.start("two-instances")) {
			stack.sandbox().setLatency(PROVIDER_LATENCY);
			stack.captureWire();
			List<ServiceInstance> services = List.of(stack.startService("a", pacingLogged(settings(stack, limit))),
					stack.startService("b", pacingLogged(settings(stack, limit))));
			// Both in the groups before anything is published.
			sleep(Duration.ofSeconds(10));
			List<PublishedEvent> published = new Workload(stack.producer()).newCustomers(this.sizes.rateEvents());
			awaitSent(stack.sandbox(), published.size(), Workload.allowFor(published.size(), limit / 2.0));
			List<MyOperatorSandbox.Arrival> received = stack.arrivals();
			Arrivals arrivals = arrivals(received, (arrival) -> true);
			RequestStarts starts = RequestStarts.of(services);
			starts.write(stack.directory().resolve("requests.txt"), received);
			this.rows
				.add(new Row("two instances, limit " + limit + "/s for the number: most requests in any 1 s window",
						"≤ " + limit, Integer.toString(arrivals.maxInAnySecond()),
						"sustained " + perSecond(arrivals.sustainedRate()) + " together" + standInsOwnStamps(stack)
								+ "; " + starts.describe(received),
						arrivals.maxInAnySecond() <= limit));
			account("two instances", published, stack);
		}
	}

	private void account(String scenario, List<PublishedEvent> published, ServiceStack stack) {
		this.accountings.put(scenario, Accounting.of(published, stack));
	}

	private static Map<String, Object> settings(ServiceStack stack, int rateLimit) {
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("NOTIFICATION_DELIVERY_RATE_LIMIT", rateLimit);
		// A large tier: the daily-limit bookkeeping runs, the limit does not bind.
		settings.put("NOTIFICATION_DELIVERY_DAILY_RECIPIENT_LIMIT", 10_000_000);
		settings.put("MONGODB_URI", stack.directMongoUri());
		settings.put("LOGGING_LEVEL_IN_EARLYBIRD", "WARN");
		// Settings for an experiment, e.g.
		// -Dbenchmark.extra-settings=NOTIFICATION_DELIVERY_MAX_IN_FLIGHT=2500,OTHER=value
		for (String extra : System.getProperty("benchmark.extra-settings", "").split(",")) {
			if (extra.contains("=")) {
				settings.put(extra.substring(0, extra.indexOf('=')), extra.substring(extra.indexOf('=') + 1));
			}
		}
		return settings;
	}

	/**
	 * Makes the instance log when it starts each provider request, to tell the pacing
	 * from the way to the provider ({@link RequestStarts}).
	 */
	private static Map<String, Object> pacingLogged(Map<String, Object> settings) {
		settings.putAll(RequestStarts.LOGGING_SETTING);
		return settings;
	}

	/**
	 * Extra JVM options for the service of the drain and the rate scenarios, e.g. a
	 * flight recording:
	 * {@code -Dbenchmark.service-jvm-options=-XX:StartFlightRecording=filename=drain.jfr}.
	 */
	private static String[] profiling() {
		String options = System.getProperty("benchmark.service-jvm-options", "").trim();
		return options.isEmpty() ? new String[0] : options.split("\\s+");
	}

	private static void seedHistory(ServiceStack stack, int count) {
		MongoCollection<Document> history = stack.database().getCollection(NotificationRecord.COLLECTION);
		Instant now = Instant.now();
		List<Document> batch = new ArrayList<>(5000);
		for (int i = 0; i < count; i++) {
			String phone = "+9180" + String.format(Locale.ROOT, "%08d", i);
			batch.add(new Document("_id", "seed-" + i).append("eventId", "seed-event-" + i)
				.append("eventType", "earlybird.delivery.scheduled")
				.append("type", "delivery_reminder")
				.append("category", "transactional")
				.append("phone", phone)
				.append("status", "delivered")
				.append("message", "Your milk arrives tomorrow, 6-8 AM")
				.append("createdAt", now.minusSeconds(i))
				.append("updatedAt", now.minusSeconds(i))
				.append("retryCount", 0)
				.append("deadLettered", false));
			if (batch.size() == 5000) {
				history.insertMany(batch, new InsertManyOptions().ordered(false));
				batch.clear();
			}
		}
		if (!batch.isEmpty()) {
			history.insertMany(batch, new InsertManyOptions().ordered(false));
		}
	}

	private static void await(CountDownLatch latch) {
		try {
			if (!latch.await(2, TimeUnit.MINUTES)) {
				throw new IllegalStateException("The bare consumer did not catch up within 2 minutes");
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Warms the service up until its JIT has settled: {@code initialEvents} first, then
	 * steps of a third of {@link Sizes#rateWarmUpSeconds()} until the JIT compiler
	 * threads used under {@value #JIT_SETTLED} of a core in the last step, or for about
	 * {@link Sizes#rateWarmUpMaxSeconds()} at most. After 30 s at 1,000/s they still used
	 * 0.10-0.23 of a core on a machine the whole stack keeps busy, and the service used a
	 * fifth to a third more CPU per event than once they were done; a service runs for
	 * days.
	 * @param rate the rate at which the events go out
	 * @param paced whether they are published at that rate, and all of them sent before
	 * it returns; if not, they are published {@link #AHEAD} of it, as a backlog that the
	 * rate limit paces, topped up before it runs dry, and it returns with about two
	 * seconds of the backlog still to send, so that what the caller publishes next joins
	 * a queue that never ran dry
	 * @return the warm-up, all of it sent if {@code paced}
	 */
	private WarmUp warmUp(ServiceStack stack, ServiceInstance service, Workload workload, int initialEvents, int rate,
			boolean paced) {
		long start = System.nanoTime();
		long maxNanos = TimeUnit.SECONDS.toNanos(this.sizes.rateWarmUpMaxSeconds());
		int step = rate * Math.max(1, this.sizes.rateWarmUpSeconds() / 3);
		List<PublishedEvent> events = new ArrayList<>(
				paced ? workload.newCustomers(initialEvents, rate) : publishAhead(workload, initialEvents, rate));
		// The first measure covers the start, when the JIT always works hard.
		boolean first = true;
		Duration jitBefore = service.jitTime();
		long stepStart = System.nanoTime();
		while (true) {
			awaitSent(stack.sandbox(), Math.max(0, events.size() - 2 * rate), Workload.allowFor(events.size(), rate));
			Duration jit = service.jitTime();
			double jitCores = jit.minus(jitBefore).toNanos() / (double) (System.nanoTime() - stepStart);
			boolean settled = !first && jitCores < JIT_SETTLED;
			if (settled || System.nanoTime() - start >= maxNanos) {
				if (paced) {
					awaitSent(stack.sandbox(), events.size(), Workload.allowFor(events.size(), rate));
				}
				return new WarmUp(events, jitCores, settled);
			}
			first = false;
			jitBefore = jit;
			stepStart = System.nanoTime();
			events.addAll(paced ? workload.newCustomers(step, rate) : publishAhead(workload, step, rate));
		}
	}

	/**
	 * Publishes {@code count} events for new customers {@link #AHEAD} of the rate, a
	 * second's worth at a time.
	 */
	private static List<PublishedEvent> publishAhead(Workload workload, int count, int rate) {
		List<PublishedEvent> published = new ArrayList<>(count);
		long start = System.nanoTime();
		for (int second = 0; published.size() < count; second++) {
			long wait = start + (long) (second * 1e9 / AHEAD) - System.nanoTime();
			if (wait > 0) {
				sleep(Duration.ofNanos(wait));
			}
			published.addAll(workload.newCustomers(Math.min(rate, count - published.size())));
		}
		return published;
	}

	/**
	 * Waits, while a backlog drains, until the service's JIT compiler threads used under
	 * {@value #JIT_SETTLED} of a core in the last five seconds, or until {@code atMost}
	 * messages were sent. Looks every second.
	 * @return the compiler threads' share of a core in the last five seconds (or since it
	 * started looking)
	 */
	private static double awaitJitSettled(MyOperatorSandbox sandbox, ServiceInstance service, int atMost) {
		List<Duration> jit = new ArrayList<>(List.of(service.jitTime()));
		List<Long> at = new ArrayList<>(List.of(System.nanoTime()));
		double jitCores = Double.NaN;
		while (sandbox.receivedCount() < atMost) {
			sleep(Duration.ofSeconds(1));
			jit.add(service.jitTime());
			at.add(System.nanoTime());
			int from = Math.max(0, jit.size() - 6);
			jitCores = jit.getLast().minus(jit.get(from)).toNanos() / (double) (at.getLast() - at.get(from));
			if (jit.size() > 5 && jitCores < JIT_SETTLED) {
				break;
			}
		}
		return jitCores;
	}

	/**
	 * Waits until the sandbox has accepted {@code count} messages. It reads a counter:
	 * copying tens of thousands of arrivals four times a second took a tenth of a core
	 * from the machine the service is measured on.
	 */
	private static void awaitSent(MyOperatorSandbox sandbox, int count, Duration timeout) {
		await(sandbox::receivedCount, count, timeout);
	}

	private static void awaitSent(MyOperatorSandbox sandbox, Predicate<MyOperatorSandbox.Arrival> which, int count,
			Duration timeout) {
		await(() -> sandbox.countArrivals(which), count, timeout);
	}

	private static void await(LongSupplier sent, int count, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (sent.getAsLong() >= count) {
				return;
			}
			sleep(Duration.ofMillis(250));
		}
		throw new IllegalStateException(
				"Only " + sent.getAsLong() + " of " + count + " messages arrived within " + timeout);
	}

	private static Arrivals arrivals(MyOperatorSandbox sandbox, Predicate<MyOperatorSandbox.Arrival> which) {
		return arrivals(sandbox.arrivals(), which);
	}

	private static Arrivals arrivals(List<MyOperatorSandbox.Arrival> received,
			Predicate<MyOperatorSandbox.Arrival> which) {
		return Arrivals.of(received.stream().filter(which).map(MyOperatorSandbox.Arrival::at).toList());
	}

	/**
	 * The busiest second by the sandbox's own stamps, beside the one on the wire: the
	 * difference is the sandbox's lateness
	 * ({@link in.earlybird.notification.harness.WireCapture}).
	 */
	private static String standInsOwnStamps(ServiceStack stack) {
		return stack.capturesWire() ? "; by the stand-in's own stamps at most "
				+ arrivals(stack.sandbox(), (arrival) -> true).maxInAnySecond() + " in any 1 s" : "";
	}

	/**
	 * CPU time used by the service and by each other process, the part of the MongoDB
	 * stand-in's that went to its garbage collector (a mongod has none), and the time it
	 * took: read at one moment ({@link #of}), or between two ({@link #minus}).
	 */
	private record CpuTimes(long nanos, Duration service, Duration serviceJit, Map<String, Duration> others,
			Duration mongoGc) {

		static CpuTimes of(ServiceInstance service, ServiceStack stack) {
			return new CpuTimes(System.nanoTime(), service.cpuTime(), service.jitTime(), stack.infrastructureCpu(),
					stack.mongoGcCpu());
		}

		CpuTimes minus(CpuTimes earlier) {
			Map<String, Duration> others = new LinkedHashMap<>();
			this.others.forEach((process, cpu) -> others.put(process, cpu.minus(earlier.others.get(process))));
			return new CpuTimes(this.nanos - earlier.nanos, this.service.minus(earlier.service),
					this.serviceJit.minus(earlier.serviceJit), others, this.mongoGc.minus(earlier.mongoGc));
		}

		/**
		 * Describes the cores in use over this time, e.g. "cores in use: service 1.10
		 * (its JIT compiler threads 0.02), all processes 1.95 of 2".
		 */
		String cores() {
			double seconds = this.nanos / 1e9;
			double serviceCores = this.service.toNanos() / 1e9 / seconds;
			double otherCores = 0;
			List<String> others = new ArrayList<>();
			for (Map.Entry<String, Duration> other : this.others.entrySet()) {
				double cores = other.getValue().toNanos() / 1e9 / seconds;
				otherCores += cores;
				others.add(String.format(Locale.ROOT, "%s %.2f", other.getKey(), cores));
			}
			return String.format(Locale.ROOT,
					"cores in use: service %.2f (its JIT compiler threads %.2f), all processes %.2f of %d (%s)",
					serviceCores, this.serviceJit.toNanos() / 1e9 / seconds, serviceCores + otherCores,
					Runtime.getRuntime().availableProcessors(), String.join(", ", others));
		}

	}

	private static List<PublishedEvent> concat(List<PublishedEvent> first, List<PublishedEvent> second) {
		List<PublishedEvent> all = new ArrayList<>(first);
		all.addAll(second);
		return all;
	}

	private static Set<String> refIds(List<PublishedEvent> events) {
		Set<String> ids = new HashSet<>();
		events.forEach((event) -> ids.add(event.notificationId()));
		return ids;
	}

	private static String national(Customer customer) {
		return PhoneNumber.parse(customer.phone()).nationalNumber();
	}

	private static double seconds(Instant from, Instant to) {
		return Duration.between(from, to).toNanos() / 1e9;
	}

	private static String perSecond(double rate) {
		return String.format(Locale.ROOT, "%,.1f/s", rate);
	}

	private static String millis(Duration duration) {
		return String.format(Locale.ROOT, "%,.1f ms", duration.toNanos() / 1e6);
	}

	private static void sleep(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * A warm-up and how it ended.
	 *
	 * @param events what it published
	 * @param jitCores the share of a core the JIT compiler threads used in its last step
	 * @param settled whether it ended because the JIT had settled, not at the longest
	 * warm-up
	 */
	private record WarmUp(List<PublishedEvent> events, double jitCores, boolean settled) {

		String describe() {
			return String.format(Locale.ROOT, "%d events of warm-up (%s: its JIT compiler threads used %.2f of a core)",
					this.events.size(), this.settled ? "until the service's JIT settled" : "the longest warm-up",
					this.jitCores);
		}

	}

	/**
	 * How big each scenario is.
	 *
	 * @param rateWarmUpSeconds the shortest warm-up of the rate-limit scenarios, at the
	 * limit; every warm-up that waits for the JIT goes on in steps of a third of it
	 * @param rateWarmUpMaxSeconds the longest warm-up of the rate-limit and latency
	 * scenarios, if the JIT does not settle before
	 * @param rateEvents events of the rate-limit scenarios at 80/s
	 * @param fastRateEvents events of the 1,000/s scenario
	 * @param isolationOthers customers with one event each, around the heavy one
	 * @param heavyEvents the heavy customer's events
	 * @param latencySeconds how long events are published at 80/s
	 * @param seededHistory notifications in history before the drain
	 * @param drainWarmUp events drained first to warm the JIT up, not judged
	 * @param drainReserve events after those that also warm up until the JIT settles, and
	 * are not judged either
	 * @param drainSegment events per measured segment of the drain
	 * @param drainSegments measured segments
	 * @param heapBacklog the backlog of the heap scenario
	 * @param heapDrainTime how long the heap scenario runs at most
	 */
	record Sizes(int rateWarmUpSeconds, int rateWarmUpMaxSeconds, int rateEvents, int fastRateEvents,
			int isolationOthers, int heavyEvents, int latencyWarmUp, int latencySeconds, int seededHistory,
			int drainWarmUp, int drainReserve, int drainSegment, int drainSegments, int heapBacklog,
			Duration heapDrainTime) {

		/** The benchmark's sizes. */
		static final Sizes FULL = new Sizes(30, 150, 4_800, 60_000, 2_000, 50, 12_000, 30, 200_000, 30_000, 240_000,
				10_000, 4, 1_000_000, Duration.ofMinutes(6));

		/** A run in seconds: the harness works and every event is accounted for. */
		static final Sizes SMOKE = new Sizes(1, 2, 160, 400, 100, 5, 200, 3, 1_000, 200, 200, 200, 2, 2_000,
				Duration.ofSeconds(20));

	}

	/**
	 * One row of the results table.
	 *
	 * @param what what is measured
	 * @param target the target
	 * @param measured the figure
	 * @param reference what it compares against in the same run
	 * @param met whether the target is met
	 */
	record Row(String what, String target, String measured, String reference, boolean met) {
	}

}
