package in.earlybird.notification.reliability;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

import in.earlybird.events.Customer;
import in.earlybird.events.Topics;
import in.earlybird.notification.TestEvents;
import in.earlybird.notification.harness.Accounting;
import in.earlybird.notification.harness.Arrivals;
import in.earlybird.notification.harness.ConsumerGroups;
import in.earlybird.notification.harness.Malformation;
import in.earlybird.notification.harness.MalformedRecord;
import in.earlybird.notification.harness.PublishedEvent;
import in.earlybird.notification.harness.ServiceInstance;
import in.earlybird.notification.harness.ServiceStack;
import in.earlybird.notification.harness.StatusReports;
import in.earlybird.notification.harness.Workload;
import in.earlybird.notification.sandbox.MyOperatorSandbox;
import in.earlybird.notification.sandbox.SandboxMode;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fault-injection scenarios of the reliability issue, each run against the service
 * jar in JVMs of its own, Kafka and MongoDB in theirs, and the sandbox recording every
 * request. A scenario injects its fault while events flow, waits until every event has
 * come to rest, plays MyOperator's delivery reports for what the sandbox accepted, and
 * ends with its accounting, the partitions still behind, and its figures.
 */
final class FaultScenarios {

	private static final Logger logger = LoggerFactory.getLogger(FaultScenarios.class);

	/** What MyOperator's answers take, as in production. */
	static final Duration PROVIDER_LATENCY = Duration.ofMillis(250);

	/** How fast sending must resume after an instance is killed. */
	static final Duration RECOVERY_TARGET = Duration.ofSeconds(15);

	private final Sizes sizes;

	private final boolean sharedStack;

	private ServiceStack stack;

	private final List<ScenarioResult> results = new ArrayList<>();

	private final long seed = System.nanoTime();

	private final Random random = new Random(this.seed);

	/**
	 * Prepares the scenarios.
	 * @param sizes how big they are
	 * @param sharedStack whether they share one Kafka, MongoDB and sandbox (each still
	 * starts instances of its own), to save their start-up; else each has its own
	 */
	FaultScenarios(Sizes sizes, boolean sharedStack) {
		this.sizes = sizes;
		this.sharedStack = sharedStack;
		logger.info("Fault scenarios with seed {}", this.seed);
	}

	/** Stops the shared stack, if any. */
	void close() {
		if (this.stack != null) {
			this.stack.close();
			this.stack = null;
		}
	}

	List<ScenarioResult> results() {
		return this.results;
	}

	long seed() {
		return this.seed;
	}

	/**
	 * One instance, killed with {@code kill -9} at random moments while events flow, and
	 * started again at once each time (as a container restarted in its pod, under the
	 * same name): the time from each kill to the restarted instance's first send.
	 */
	void killNineMidStream() {
		int kills = this.sizes.kills();
		try (Run run = new Run("kill", "kill -9 ×" + kills + " mid-stream, one instance restarted each time")) {
			ServiceInstance service = run.start("a", Map.of());
			Workload.Publishing publishing = run.workload().publishContinuously(this.sizes.streamRate());
			List<Duration> recoveries = new ArrayList<>();
			List<Duration> starts = new ArrayList<>();
			List<Duration> resumptions = new ArrayList<>();
			for (int i = 0; i < kills; i++) {
				run.awaitSendsAfter(Instant.now(), 5);
				pause(randomBetween(Duration.ofSeconds(1), this.sizes.killSpacing()));
				Instant killedAt = Instant.now();
				service.kill();
				Instant dead = Instant.now();
				service = run.start("a", Map.of());
				Instant ready = Instant.now();
				// Only an event published after the kill is surely sent by the new
				// process: the old one's last requests may reach the provider a moment
				// later.
				Instant first = run.firstSendAfter(dead, (arrival) -> run.publishedAfter(arrival, dead, publishing),
						Duration.ofMinutes(2));
				recoveries.add(Duration.between(killedAt, first));
				starts.add(Duration.between(killedAt, ready));
				resumptions
					.add(Duration.between(ready, first).isNegative() ? Duration.ZERO : Duration.between(ready, first));
			}
			run.awaitSendsAfter(Instant.now(), 20);
			List<PublishedEvent> events = publishing.stop();
			// A lone instance cannot send before its JVM has started: the whole gap is
			// reported, what the service does once started is held to a target.
			run.figure("kill -9 → the restarted instance's first send", "< 15 s: met only if the JVM starts in ~13 s",
					seconds(recoveries), true);
			run.figure("of which: kill -9 → the new process is ready (JVM and Spring start, MongoDB, Kafka)", "—",
					seconds(starts), true);
			Duration slowest = resumptions.stream().max(Duration::compareTo).orElse(Duration.ZERO);
			Duration resumeTarget = Duration.ofSeconds(3).plus(this.sizes.slack());
			run.figure("of which: ready → first send (rejoin the groups, fetch, send)", "< " + seconds(resumeTarget),
					seconds(resumptions), slowest.compareTo(resumeTarget) < 0);
			run.finish(events, List.of(), service);
		}
	}

	/**
	 * Two instances; one is killed while events flow and the other takes its partitions
	 * over: the time from the kill to the survivor's first send from a partition the
	 * killed one owned. The killed one comes back between kills, as a new pod would.
	 */
	void twoInstancesOneKilled() {
		int kills = this.sizes.takeOvers();
		try (Run run = new Run("take-over", "two instances, one killed ×" + kills + ", the other takes over")) {
			Map<String, ServiceInstance> services = new LinkedHashMap<>();
			services.put("a", run.start("a", Map.of()));
			services.put("b", run.start("b", Map.of()));
			run.awaitMembers(2);
			Workload.Publishing publishing = run.workload().publishContinuously(this.sizes.streamRate());
			List<Duration> recoveries = new ArrayList<>();
			for (int i = 0; i < kills; i++) {
				String victim = (i % 2 == 0) ? "a" : "b";
				run.awaitSendsAfter(Instant.now(), 20);
				pause(randomBetween(Duration.ofSeconds(1), this.sizes.killSpacing()));
				Set<TopicPartition> owned = run.partitionsOf(victim);
				Instant killedAt = Instant.now();
				services.get(victim).kill();
				Instant dead = Instant.now();
				// Only an event published after the kill is surely sent by the survivor:
				// the killed one's last requests may reach the provider a moment later.
				Instant first = run.firstSendAfter(dead, (arrival) -> {
					PublishedEvent event = run.eventOf(arrival.refId(), publishing);
					return event != null && event.publishedAt().isAfter(dead) && owned
						.contains(new TopicPartition(event.topic(), event.partition(ServiceStack.PARTITIONS)));
				}, Duration.ofMinutes(2));
				recoveries.add(Duration.between(killedAt, first));
				services.put(victim, run.start(victim, Map.of()));
				run.awaitMembers(2);
			}
			run.awaitSendsAfter(Instant.now(), 20);
			List<PublishedEvent> events = publishing.stop();
			run.recovery("kill -9 of one of two → the survivor's first send from the killed one's partitions",
					recoveries);
			run.finish(events, List.of(), services.get("a"));
		}
	}

	/**
	 * Two instances restarted one after the other with {@code SIGTERM}, as a rolling
	 * update does, while events flow: nothing is left in doubt and sending never stops
	 * for long.
	 */
	void rollingRestarts() {
		int rounds = this.sizes.rollingRounds();
		try (Run run = new Run("rolling", "rolling SIGTERM restarts of two instances ×" + rounds)) {
			Map<String, ServiceInstance> services = new LinkedHashMap<>();
			services.put("a", run.start("a", Map.of()));
			services.put("b", run.start("b", Map.of()));
			run.awaitMembers(2);
			Workload.Publishing publishing = run.workload().publishContinuously(this.sizes.streamRate());
			Instant rollingFrom = Instant.now();
			List<Duration> stops = new ArrayList<>();
			for (int i = 0; i < rounds; i++) {
				for (String name : List.of("a", "b")) {
					run.awaitSendsAfter(Instant.now(), 20);
					Instant stopping = Instant.now();
					services.get(name).stop(Duration.ofSeconds(60));
					stops.add(Duration.between(stopping, Instant.now()));
					services.put(name, run.start(name, Map.of()));
					run.awaitMembers(2);
				}
			}
			run.awaitSendsAfter(Instant.now(), 20);
			Instant rollingTo = Instant.now();
			List<PublishedEvent> events = publishing.stop();
			Duration gap = run.longestGap(rollingFrom, rollingTo);
			// Each stop hands its partitions over at once (a member that leaves, static
			// or not); only a rebalance's pause is allowed, not a session timeout's.
			Duration pauseTarget = Duration.ofSeconds(3).plus(this.sizes.slack());
			run.figure("longest pause in sending during the restarts", "< " + seconds(pauseTarget), seconds(gap),
					gap.compareTo(pauseTarget) < 0);
			Duration slowest = stops.stream().max(Duration::compareTo).orElse(Duration.ZERO);
			run.figure("SIGTERM → process ended (slowest of " + stops.size() + ")", "< 60 s (grace)", seconds(slowest),
					slowest.compareTo(Duration.ofSeconds(59)) < 0);
			ScenarioResult result = run.finish(events, List.of(), services.get("a"));
			result.check("nothing in doubt after graceful stops", result.accounting().recordedNotSent("in_doubt") == 0,
					result.accounting().recordedNotSent("in_doubt") + " in doubt");
		}
	}

	/**
	 * The provider answers 503, then 500, for longer than the in-process retries last;
	 * events go round the delay topic and are sent once it heals.
	 */
	void providerOutage() {
		try (Run run = new Run("provider-5xx", "provider 5xx for " + this.sizes.outage().toSeconds()
				+ " s (longer than the in-process retries), then healed")) {
			ServiceInstance service = run.start("a", Map.of());
			MyOperatorSandbox sandbox = run.stack().sandbox();
			Workload.Publishing publishing = run.workload().publishContinuously(this.sizes.streamRate());
			run.awaitSendsAfter(Instant.now(), 20);
			long faultsBefore = sandbox.faultsServed();
			sandbox.setMode(SandboxMode.HTTP_503);
			Instant from = Instant.now();
			pause(this.sizes.outage().dividedBy(2));
			sandbox.setMode(SandboxMode.HTTP_500);
			pause(this.sizes.outage().dividedBy(2));
			sandbox.setMode(SandboxMode.NONE);
			Instant healed = Instant.now();
			run.awaitSendsAfter(Instant.now(), 20);
			List<PublishedEvent> events = publishing.stop();
			run.figure("requests answered 5xx during the outage", "—",
					Long.toString(sandbox.faultsServed() - faultsBefore), true);
			run.figure("events published during the outage", "—",
					Long.toString(events.stream()
						.filter((event) -> event.publishedAt().isAfter(from) && event.publishedAt().isBefore(healed))
						.count()),
					true);
			ScenarioResult result = run.finish(events, List.of(), service);
			result.check("no event dead-lettered", result.accounting().deadLetteredCount() == 0,
					result.accounting().deadLettered().toString());
		}
	}

	/**
	 * Storms of "slow down": 429 with {@code Retry-After}, 429 without it, and Meta's
	 * 130429; the budget of retries is never spent on them and every event is sent once.
	 */
	void rateLimitStorms() {
		try (Run run = new Run("429", "429 storms: with Retry-After, without it, and Meta 130429")) {
			ServiceInstance service = run.start("a", Map.of());
			MyOperatorSandbox sandbox = run.stack().sandbox();
			Workload.Publishing publishing = run.workload().publishContinuously(this.sizes.streamRate());
			Map<String, SandboxMode> storms = new LinkedHashMap<>();
			storms.put("429 with Retry-After: 2", SandboxMode.rateLimited(Duration.ofSeconds(2)));
			storms.put("429 without Retry-After", SandboxMode.rateLimitedWithoutRetryAfter());
			storms.put("Meta 130429", SandboxMode.permanent("130429"));
			for (Map.Entry<String, SandboxMode> storm : storms.entrySet()) {
				run.awaitSendsAfter(Instant.now(), 20);
				long before = sandbox.faultsServed();
				sandbox.setMode(storm.getValue());
				pause(this.sizes.storm());
				sandbox.setMode(SandboxMode.NONE);
				run.figure(storm.getKey() + " for " + this.sizes.storm().toSeconds() + " s: requests refused", "—",
						Long.toString(sandbox.faultsServed() - before), true);
			}
			run.awaitSendsAfter(Instant.now(), 20);
			List<PublishedEvent> events = publishing.stop();
			ScenarioResult result = run.finish(events, List.of(), service);
			result.check("no event dead-lettered or failed for being rate-limited",
					result.accounting().deadLetteredCount() == 0 && result.accounting().recordedNotSent("failed") == 0,
					result.accounting().deadLettered() + " " + result.accounting().recordedNotSent());
		}
	}

	/**
	 * One 429 asks for a pause of 400 s. The whole sender pauses no longer than its
	 * ceiling, the message goes round the delay topic, no consumer leaves its group, and
	 * nothing delivered is recorded as failed. Run with the production ceilings.
	 */
	void retryAfter400() {
		Map<String, Object> production = new LinkedHashMap<>();
		production.put("NOTIFICATION_DELIVERY_MAXSENDERPAUSE", "30s");
		production.put("NOTIFICATION_DELIVERY_RATELIMITEDMAXWAIT", "60s");
		// Above the longest attempt those ceilings allow.
		production.put("NOTIFICATION_DELIVERY_INDOUBTAFTER", "150s");
		Duration cap = Duration.ofSeconds(30);
		try (Run run = new Run("retry-after-400",
				"one 429 with Retry-After: 400 (production ceilings: sender pause 30 s)")) {
			ServiceInstance service = run.start("a", production);
			MyOperatorSandbox sandbox = run.stack().sandbox();
			Workload.Publishing publishing = run.workload().publishContinuously(this.sizes.streamRate());
			run.awaitSendsAfter(Instant.now(), 40);
			Set<String> membersBefore = run.memberIds();
			sandbox.failNext(1, SandboxMode.rateLimited(Duration.ofSeconds(400)));
			Instant asked = Instant.now();
			run.awaitSendsAfter(asked.plus(cap), 40);
			List<PublishedEvent> events = publishing.stop();
			Duration gap = run.longestGap(asked, Instant.now());
			Duration allowed = cap.plus(this.sizes.slack());
			run.figure("longest pause in sending after the 429", "≤ the 30 s ceiling + " + seconds(this.sizes.slack()),
					seconds(gap), gap.compareTo(allowed) <= 0);
			Set<String> membersAfter = run.memberIds();
			run.figure("consumers evicted from their groups", "0",
					membersBefore.equals(membersAfter) ? "0"
							: "members changed: " + membersBefore + " → " + membersAfter,
					membersBefore.equals(membersAfter));
			run.finish(events, List.of(), service);
		}
	}

	/**
	 * Requests time out: first where the provider did not take them, then where it did
	 * (answered too late). Neither is resent; both are in doubt, and the ones the
	 * provider took are settled as delivered by its status reports, which give back our
	 * {@code myop_ref_id}.
	 */
	void timeouts() {
		int count = this.sizes.timeouts();
		try (Run run = new Run("timeouts", "read timeouts: " + count + " not processed, " + count
				+ " processed by the provider (then reported delivered)")) {
			ServiceInstance service = run.start("a", Map.of());
			MyOperatorSandbox sandbox = run.stack().sandbox();
			Workload workload = run.workload();
			List<PublishedEvent> events = new ArrayList<>();
			sandbox.failNext(count, SandboxMode.timeout(Duration.ofSeconds(6)));
			List<PublishedEvent> notTaken = workload.newCustomers(count, 20);
			events.addAll(notTaken);
			run.awaitRecorded(notTaken, "in_doubt");
			sandbox.failNext(count, SandboxMode.acceptThenTimeout(Duration.ofSeconds(6)));
			List<PublishedEvent> taken = workload.newCustomers(count, 20);
			events.addAll(taken);
			run.awaitRecorded(taken, "in_doubt");
			events.addAll(workload.newCustomers(count, 20));
			ScenarioResult result = run.finish(events, List.of(), service);
			Accounting notTakenAccounting = Accounting.of(notTaken, run.stack());
			Accounting takenAccounting = Accounting.of(taken, run.stack());
			result.check("not processed: all in doubt, none sent",
					notTakenAccounting.recordedNotSent("in_doubt") == count, notTakenAccounting.table("not processed"));
			result.check("processed: all sent once, settled by the status reports",
					takenAccounting.sentOnce() == count && takenAccounting.sentButUnsettled() == 0,
					takenAccounting.table("processed"));
		}
	}

	/**
	 * Malformed records of every kind interleaved with valid events on the same keys,
	 * among them values just under the broker's 1 MiB limit: every malformed one is
	 * dead-lettered with a reason, every valid one sent once and in order, and no
	 * partition stalls.
	 */
	void malformedInterleaved() {
		int malformedCount = this.sizes.malformed();
		try (Run run = new Run("malformed",
				malformedCount + " malformed records interleaved with valid events on the same keys")) {
			ServiceInstance service = run.start("a", Map.of());
			Workload workload = run.workload();
			List<Customer> customers = new ArrayList<>();
			for (int i = 0; i < this.sizes.malformedCustomers(); i++) {
				customers.add(TestEvents.customer());
			}
			// Each customer's records, in a random order: malformed ones among the valid.
			int validPerCustomer = this.sizes.validPerCustomer();
			List<Malformation> kinds = new ArrayList<>(List.of(Malformation.values()));
			kinds.remove(Malformation.NEAR_BROKER_LIMIT);
			Map<Customer, List<Malformation>> plan = new HashMap<>();
			for (int i = 0; i < malformedCount; i++) {
				Malformation kind = (i < this.sizes.nearLimit()) ? Malformation.NEAR_BROKER_LIMIT
						: kinds.get(i % kinds.size());
				plan.computeIfAbsent(customers.get(i % customers.size()), (c) -> new ArrayList<>()).add(kind);
			}
			List<PublishedEvent> events = new ArrayList<>();
			Map<String, List<String>> publishedOrder = new HashMap<>();
			List<CompletableFuture<MalformedRecord>> written = new ArrayList<>();
			Instant publishing = Instant.now();
			for (Customer customer : customers) {
				List<Object> records = new ArrayList<>(plan.getOrDefault(customer, List.of()));
				for (int i = 0; i < validPerCustomer; i++) {
					records.add(customer);
				}
				java.util.Collections.shuffle(records, this.random);
				for (Object record : records) {
					if (record instanceof Malformation kind) {
						written.add(workload.publishMalformed(kind, customer));
					}
					else {
						PublishedEvent event = workload.publishReminder(customer);
						events.add(event);
						publishedOrder.computeIfAbsent(customer.phone(), (p) -> new ArrayList<>())
							.add(event.notificationId());
					}
				}
			}
			workload.flush();
			List<MalformedRecord> malformed = written.stream().map(CompletableFuture::join).toList();
			ScenarioResult result = run.finish(events, malformed, service);
			Duration drained = Duration.between(publishing, run.lastSend());
			run.figure("published → last valid event sent", "—", seconds(drained), true);
			// The order the valid events reached the provider, per customer (malformed
			// records taken for events are counted by the accounting, not here).
			Set<String> valid = new HashSet<>();
			events.forEach((event) -> valid.add(event.notificationId()));
			Map<String, List<String>> sentOrder = new HashMap<>();
			for (MyOperatorSandbox.Arrival arrival : run.stack().sandbox().arrivals()) {
				if (valid.contains(arrival.refId())) {
					sentOrder.computeIfAbsent("+" + arrival.number(), (p) -> new ArrayList<>()).add(arrival.refId());
				}
			}
			long outOfOrder = publishedOrder.entrySet()
				.stream()
				.filter((entry) -> !entry.getValue().equals(sentOrder.getOrDefault(entry.getKey(), List.of())))
				.count();
			result.check("every customer's valid events sent in publish order", outOfOrder == 0,
					outOfOrder + " customers out of order");
			result.check("every malformed record dead-lettered with a reason",
					result.accounting().deadLetteredCount() == malformedCount && result.accounting()
						.deadLettered()
						.keySet()
						.stream()
						.allMatch((r) -> r.startsWith("Poison")),
					result.accounting().deadLettered().toString());
		}
	}

	/**
	 * The broker is killed ({@code kill -9}) while events flow and started again on the
	 * same storage after a while.
	 */
	void brokerRestart() {
		try (Run run = new Run("broker",
				"broker killed and restarted after " + this.sizes.brokerDown().toSeconds() + " s while events flow")) {
			ServiceInstance service = run.start("a", Map.of());
			Workload.Publishing publishing = run.workload().publishContinuously(this.sizes.streamRate());
			run.awaitSendsAfter(Instant.now(), 40);
			run.stack().killKafka();
			pause(this.sizes.brokerDown());
			run.stack().startKafkaAgain();
			Instant back = Instant.now();
			Instant first = run.firstSendAfter(back, (arrival) -> true, Duration.ofMinutes(3));
			run.awaitSendsAfter(Instant.now(), 40);
			List<PublishedEvent> events = publishing.stop();
			run.figure("broker back → first send", "—", seconds(Duration.between(back, first)), true);
			run.finish(events, List.of(), service);
		}
	}

	/**
	 * MongoDB is unreachable (every connection cut, new ones refused) while events flow.
	 */
	void mongoOutage() {
		try (Run run = new Run("mongo",
				"MongoDB unreachable for " + this.sizes.mongoDown().toSeconds() + " s while events flow")) {
			ServiceInstance service = run.start("a", Map.of());
			Workload.Publishing publishing = run.workload().publishContinuously(this.sizes.streamRate());
			run.awaitSendsAfter(Instant.now(), 40);
			run.stack().mongoProxy().cut();
			Instant cut = Instant.now();
			pause(this.sizes.mongoDown());
			run.stack().mongoProxy().restore();
			Instant back = Instant.now();
			Instant first = run.firstSendAfter(back, (arrival) -> true, Duration.ofMinutes(3));
			run.awaitSendsAfter(Instant.now(), 40);
			List<PublishedEvent> events = publishing.stop();
			long during = run.stack()
				.sandbox()
				.arrivals()
				.stream()
				.filter((arrival) -> arrival.at().isAfter(cut.plusSeconds(1)) && arrival.at().isBefore(back))
				.count();
			run.figure("sends while MongoDB was unreachable", "—", Long.toString(during), true);
			Duration resumeTarget = Duration.ofSeconds(30).plus(this.sizes.slack());
			run.figure("MongoDB back → first send",
					"≤ 30 s (the longest infrastructure pause) + " + seconds(this.sizes.slack()),
					seconds(Duration.between(back, first)), Duration.between(back, first).compareTo(resumeTarget) <= 0);
			run.finish(events, List.of(), service);
		}
	}

	private Duration randomBetween(Duration min, Duration max) {
		long span = Math.max(1, max.toMillis() - min.toMillis());
		return min.plusMillis((long) (this.random.nextDouble() * span));
	}

	static void pause(Duration duration) {
		try {
			Thread.sleep(duration.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static String seconds(Duration duration) {
		return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
	}

	static String seconds(List<Duration> durations) {
		if (durations.isEmpty()) {
			return "—";
		}
		List<Duration> sorted = new ArrayList<>(durations);
		sorted.sort(null);
		StringBuilder all = new StringBuilder();
		for (Duration duration : durations) {
			all.append((all.length() > 0) ? ", " : "")
				.append(String.format(Locale.ROOT, "%.1f", duration.toMillis() / 1000.0));
		}
		return "max " + seconds(sorted.getLast()) + ", median " + seconds(sorted.get(sorted.size() / 2)) + " (" + all
				+ ")";
	}

	/** The settings every instance of the suite runs with, on top of the stack's. */
	static Map<String, Object> suiteSettings() {
		Map<String, Object> settings = new LinkedHashMap<>();
		// Shorter than production's 5 minutes, so retries come round within a scenario.
		settings.put("NOTIFICATION_RETRY_DELAY", "10s");
		settings.put("NOTIFICATION_MYOPERATOR_CONNECTTIMEOUT", "1s");
		settings.put("NOTIFICATION_MYOPERATOR_READTIMEOUT", "3s");
		settings.put("NOTIFICATION_DELIVERY_RETRY_MAXBACKOFF", "1s");
		settings.put("NOTIFICATION_DELIVERY_RATELIMITEDMAXWAIT", "10s");
		settings.put("NOTIFICATION_DELIVERY_MAXSENDERPAUSE", "10s");
		// Above the longest attempt those allow: 4 × (1 + 3) s + 3 × 1 s + 10 s + 10 s.
		settings.put("NOTIFICATION_DELIVERY_INDOUBTAFTER", "45s");
		settings.put("NOTIFICATION_DELIVERY_HEARTBEATINTERVAL", "2s");
		settings.put("NOTIFICATION_DELIVERY_HEARTBEATTIMEOUT", "10s");
		settings.put("NOTIFICATION_DELIVERY_INDOUBTSWEEPINTERVAL", "5s");
		settings.put("NOTIFICATION_HISTORY_RECONCILEINTERVAL", "5s");
		// A large tier: the daily limit does not bind.
		settings.put("NOTIFICATION_DELIVERY_DAILYRECIPIENTLIMIT", 10_000_000);
		return settings;
	}

	/** One scenario on a stack of its own. */
	private final class Run implements AutoCloseable {

		private final String key;

		private final String name;

		private final ServiceStack stack;

		private final List<ServiceInstance> instances = new ArrayList<>();

		private final ConsumerGroups groups;

		private final Workload workload;

		private final List<Figure> figures = new ArrayList<>();

		private final Instant started = Instant.now();

		private final Map<String, PublishedEvent> eventsByRefId = new HashMap<>();

		Run(String key, String name) {
			this.key = key;
			this.name = name;
			logger.info("Scenario: {}", name);
			if (!FaultScenarios.this.sharedStack) {
				this.stack = ServiceStack.start("faults-" + key);
			}
			else {
				if (FaultScenarios.this.stack == null) {
					FaultScenarios.this.stack = ServiceStack.start("faults");
				}
				this.stack = FaultScenarios.this.stack;
			}
			this.stack.sandbox().clearModes();
			this.stack.sandbox().setLatency(PROVIDER_LATENCY);
			this.groups = ConsumerGroups.of(this.stack);
			this.workload = new Workload(this.stack.producer());
		}

		ServiceStack stack() {
			return this.stack;
		}

		Workload workload() {
			return this.workload;
		}

		ServiceInstance start(String instance, Map<String, Object> overrides) {
			Map<String, Object> settings = suiteSettings();
			settings.putAll(overrides);
			// -Dfaults.service-env=NAME=value,NAME=value tries the scenarios with other
			// settings.
			for (String setting : System.getProperty("faults.service-env", "").split(",")) {
				int equals = setting.indexOf('=');
				if (equals > 0) {
					settings.put(setting.substring(0, equals).trim(), setting.substring(equals + 1).trim());
				}
			}
			// Named after the scenario, so a shared stack keeps each one's log apart.
			ServiceInstance started = this.stack.startService(this.key + "-" + instance, settings);
			this.instances.add(started);
			return started;
		}

		void figure(String what, String target, String measured, boolean met) {
			this.figures.add(new Figure(what, target, measured, met));
		}

		void recovery(String what, List<Duration> recoveries) {
			Duration longest = recoveries.stream().max(Duration::compareTo).orElse(Duration.ZERO);
			figure(what, "< " + RECOVERY_TARGET.toSeconds() + " s", seconds(recoveries),
					!recoveries.isEmpty() && longest.compareTo(RECOVERY_TARGET) < 0);
		}

		/** Waits until the provider has received some more requests after a moment. */
		void awaitSendsAfter(Instant after, int count) {
			long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
			while (System.nanoTime() < deadline) {
				long sent = this.stack.sandbox().arrivals().stream().filter((a) -> a.at().isAfter(after)).count();
				if (sent >= count) {
					return;
				}
				pause(Duration.ofMillis(100));
			}
			throw new IllegalStateException("Fewer than " + count + " sends after " + after + " in 3 minutes");
		}

		Instant firstSendAfter(Instant after, Predicate<MyOperatorSandbox.Arrival> which, Duration timeout) {
			long deadline = System.nanoTime() + timeout.toNanos();
			while (System.nanoTime() < deadline) {
				Instant first = null;
				for (MyOperatorSandbox.Arrival arrival : this.stack.sandbox().arrivals()) {
					if (arrival.at().isAfter(after) && (first == null || arrival.at().isBefore(first))
							&& which.test(arrival)) {
						first = arrival.at();
					}
				}
				if (first != null) {
					return first;
				}
				pause(Duration.ofMillis(50));
			}
			throw new IllegalStateException("No send after " + after + " within " + timeout);
		}

		Instant lastSend() {
			return Arrivals.of(this.stack.sandbox().arrivals().stream().map(MyOperatorSandbox.Arrival::at).toList())
				.last();
		}

		Duration longestGap(Instant from, Instant to) {
			List<Instant> times = new ArrayList<>();
			times.add(from);
			this.stack.sandbox()
				.arrivals()
				.stream()
				.map(MyOperatorSandbox.Arrival::at)
				.filter((at) -> at.isAfter(from) && at.isBefore(to))
				.forEach(times::add);
			times.add(to);
			return Arrivals.of(times).longestGap();
		}

		boolean publishedAfter(MyOperatorSandbox.Arrival arrival, Instant moment, Workload.Publishing publishing) {
			PublishedEvent event = eventOf(arrival.refId(), publishing);
			return event != null && event.publishedAt().isAfter(moment);
		}

		PublishedEvent eventOf(String refId, Workload.Publishing publishing) {
			PublishedEvent event = this.eventsByRefId.get(refId);
			if (event == null) {
				publishing.events().forEach((e) -> this.eventsByRefId.putIfAbsent(e.notificationId(), e));
				event = this.eventsByRefId.get(refId);
			}
			return event;
		}

		/**
		 * Waits until each of two instances' consumers owns partitions of both groups.
		 */
		void awaitMembers(int instances) {
			long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
			while (System.nanoTime() < deadline) {
				if (owning(ConsumerGroups.DOMAIN_GROUP) == instances
						&& owning(ConsumerGroups.RETRY_GROUP) == instances) {
					return;
				}
				pause(Duration.ofMillis(200));
			}
			throw new IllegalStateException("The groups did not settle on " + instances + " members");
		}

		private long owning(String group) {
			return this.groups.members(group).stream().filter((member) -> !member.partitions().isEmpty()).count();
		}

		Set<TopicPartition> partitionsOf(String instance) {
			Set<TopicPartition> owned = new HashSet<>();
			for (String group : List.of(ConsumerGroups.DOMAIN_GROUP, ConsumerGroups.RETRY_GROUP)) {
				this.groups.members(group)
					.stream()
					.filter((member) -> member.belongsTo(this.key + "-" + instance))
					.forEach((member) -> owned.addAll(member.partitions()));
			}
			if (owned.isEmpty()) {
				throw new IllegalStateException("Instance " + instance + " owns no partition");
			}
			return owned;
		}

		Set<String> memberIds() {
			Set<String> ids = new HashSet<>();
			for (String group : List.of(ConsumerGroups.DOMAIN_GROUP, ConsumerGroups.RETRY_GROUP)) {
				this.groups.members(group).forEach((member) -> ids.add(member.memberId()));
			}
			return ids;
		}

		void awaitRecorded(List<PublishedEvent> events, String status) {
			long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
			while (System.nanoTime() < deadline) {
				if (Accounting.of(events, this.stack).recordedNotSent(status)
						+ Accounting.of(events, this.stack).sentOnce() >= events.size()) {
					return;
				}
				pause(Duration.ofMillis(500));
			}
		}

		/**
		 * Waits until every record has come to rest, plays the provider's delivery
		 * reports for what it accepted, waits until history has taken them in, and
		 * records the accounting.
		 */
		ScenarioResult finish(List<PublishedEvent> events, List<MalformedRecord> malformed, ServiceInstance reports) {
			List<String> domainTopics = List.copyOf(Topics.ALL);
			List<String> retryTopic = List.of(this.stack.retryTopic());
			long deadline = System.nanoTime() + FaultScenarios.this.sizes.settleTimeout().toNanos();
			Accounting accounting = Accounting.of(events, malformed, this.stack);
			while (System.nanoTime() < deadline && !(accounting.inProgress() == 0 && accounting.neverSent() == 0
					&& lagging(domainTopics, retryTopic).isEmpty())) {
				pause(Duration.ofSeconds(3));
				accounting = Accounting.of(events, malformed, this.stack);
			}
			Set<String> refIds = new HashSet<>();
			events.forEach((event) -> refIds.add(event.notificationId()));
			List<MyOperatorSandbox.Arrival> accepted = this.stack.sandbox()
				.arrivals()
				.stream()
				.filter((arrival) -> refIds.contains(arrival.refId()))
				.toList();
			int reported = StatusReports.delivered(reports, accepted);
			figure("delivery reports played back (message.delivered with myop_ref_id)", "all accepted",
					reported + " of " + accepted.size(), reported == accepted.size());
			long settling = System.nanoTime() + Duration.ofMinutes(2).toNanos();
			while (System.nanoTime() < settling && accounting.sentButUnsettled() > 0) {
				pause(Duration.ofSeconds(3));
				accounting = Accounting.of(events, malformed, this.stack);
			}
			accounting = Accounting.of(events, malformed, this.stack);
			Map<TopicPartition, Long> stalled = lagging(domainTopics, retryTopic);
			ScenarioResult result = new ScenarioResult(this.name, accounting, this.figures, stalled,
					Duration.between(this.started, Instant.now()), new ArrayList<>());
			int notTaken = this.workload.notTaken(events).size();
			result.check("every event taken by the broker", notTaken == 0, notTaken + " sends failed");
			FaultScenarios.this.results.add(result);
			logger.info("Scenario {} done:\n{}", this.name, accounting.table(this.name));
			return result;
		}

		private Map<TopicPartition, Long> lagging(List<String> domainTopics, List<String> retryTopic) {
			Map<TopicPartition, Long> lagging = new LinkedHashMap<>(
					this.groups.lagging(ConsumerGroups.DOMAIN_GROUP, domainTopics));
			lagging.putAll(this.groups.lagging(ConsumerGroups.RETRY_GROUP, retryTopic));
			return lagging;
		}

		@Override
		public void close() {
			this.groups.close();
			if (FaultScenarios.this.sharedStack) {
				// The next scenario starts from a quiet stack: its instances leave.
				for (ServiceInstance instance : this.instances) {
					if (instance.process().isAlive()) {
						instance.stop(Duration.ofSeconds(60));
					}
				}
				this.stack.sandbox().clearModes();
			}
			else {
				this.stack.close();
			}
		}

	}

	/**
	 * How big each scenario is.
	 *
	 * @param streamRate events per second published while faults are injected
	 * @param kills kill -9s of the one-instance scenario
	 * @param killSpacing the longest random wait before each kill
	 * @param takeOvers kills of the two-instance scenario
	 * @param rollingRounds rounds of rolling restarts of two instances
	 * @param outage how long the provider answers 5xx
	 * @param storm how long each 429 storm lasts
	 * @param timeouts events of each timeout kind
	 * @param malformed malformed records
	 * @param nearLimit of which values just under the broker's limit
	 * @param malformedCustomers customers whose keys they share with valid events
	 * @param validPerCustomer valid events per such customer
	 * @param brokerDown how long the broker stays down
	 * @param mongoDown how long MongoDB stays unreachable
	 * @param settleTimeout how long every record may take to come to rest
	 * @param slack what timing targets allow on top, for a machine busy with other work
	 */
	record Sizes(double streamRate, int kills, Duration killSpacing, int takeOvers, int rollingRounds, Duration outage,
			Duration storm, int timeouts, int malformed, int nearLimit, int malformedCustomers, int validPerCustomer,
			Duration brokerDown, Duration mongoDown, Duration settleTimeout, Duration slack) {

		/** The sizes. */
		static final Sizes FULL = new Sizes(30, 10, Duration.ofSeconds(10), 4, 2, Duration.ofSeconds(40),
				Duration.ofSeconds(20), 100, 2000, 3, 100, 10, Duration.ofSeconds(20), Duration.ofSeconds(60),
				Duration.ofMinutes(5), Duration.ofSeconds(2));

		/** Small sizes for {@code ./mvnw verify}: the scenarios that matter most. */
		static final Sizes SHORT = new Sizes(20, 2, Duration.ofSeconds(5), 1, 1, Duration.ofSeconds(20),
				Duration.ofSeconds(8), 10, 120, 1, 12, 3, Duration.ofSeconds(10), Duration.ofSeconds(20),
				Duration.ofMinutes(3), Duration.ofSeconds(10));

	}

	/**
	 * A figure of a scenario.
	 *
	 * @param what what is measured
	 * @param target the target, or {@code —}
	 * @param measured the figure
	 * @param met whether the target is met
	 */
	record Figure(String what, String target, String measured, boolean met) {
	}

	/**
	 * How a scenario ended.
	 *
	 * @param name the scenario
	 * @param accounting every record's fate
	 * @param figures its figures
	 * @param stalled partitions still behind once everything came to rest
	 * @param took how long it ran
	 * @param failures checks that failed, in words
	 */
	record ScenarioResult(String name, Accounting accounting, List<Figure> figures, Map<TopicPartition, Long> stalled,
			Duration took, List<String> failures) {

		void check(String what, boolean passed, String details) {
			if (!passed) {
				this.failures.add(what + ": " + details);
			}
		}

		/**
		 * Lists everything wrong: the accounting, stalled partitions, figures that miss
		 * their target, failed checks.
		 * @return the problems, none when the scenario passed
		 */
		List<String> problems() {
			List<String> problems = new ArrayList<>(this.failures);
			if (!this.accounting.addsUp()) {
				problems.add("the accounting does not add up");
			}
			if (this.accounting.sentMoreThanOnce() > 0) {
				problems.add(this.accounting.sentMoreThanOnce() + " sent more than once");
			}
			if (this.accounting.neverSent() > 0) {
				problems.add(this.accounting.neverSent() + " neither sent nor recorded");
			}
			if (this.accounting.sentButRecordedFailed() > 0) {
				problems.add(this.accounting.sentButRecordedFailed() + " delivered but recorded failed");
			}
			if (this.accounting.sentButUnsettled() > 0) {
				problems.add(this.accounting.sentButUnsettled() + " sent but not settled by the delivery reports");
			}
			if (this.accounting.malformedAccepted() > 0) {
				problems.add(this.accounting.malformedAccepted() + " malformed records taken for events");
			}
			if (this.accounting.deadLettered().containsKey(Accounting.NO_REASON)) {
				problems.add("dead letters without a reason");
			}
			if (!this.stalled.isEmpty()) {
				problems.add("stalled partitions: " + this.stalled);
			}
			for (Figure figure : this.figures) {
				if (!figure.met()) {
					problems.add(figure.what() + ": " + figure.measured() + " (target " + figure.target() + ")");
				}
			}
			return problems;
		}

	}

}
