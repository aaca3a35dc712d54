package in.earlybird.notification.history;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import in.earlybird.notification.EmbeddedInfrastructure;
import in.earlybird.notification.MutableClock;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.SimpleMongoClientDatabaseFactory;
import org.springframework.data.mongodb.core.convert.MappingMongoConverter;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions;
import org.springframework.data.mongodb.core.convert.NoOpDbRefResolver;
import org.springframework.data.mongodb.core.mapping.MongoMappingContext;

import static org.assertj.core.api.Assertions.assertThat;

/** The claim rules of history, over the MongoDB wire protocol. */
class NotificationHistoryIntegrationTests {

	private static final String OWNER = "this-instance";

	private MongoClient client;

	private MongoTemplate mongo;

	private NotificationHistory history;

	private MutableClock clock;

	@BeforeEach
	void setUp() {
		String database = "history-" + UUID.randomUUID();
		this.client = MongoClients.create(EmbeddedInfrastructure.shared().mongoUri(database));
		this.mongo = template(this.client, database);
		new HistoryConfiguration.HistoryIndexes(this.mongo).afterPropertiesSet();
		this.clock = new MutableClock(Instant.parse("2026-01-27T04:30:00Z"));
		this.history = new NotificationHistory(this.mongo, this.clock, new SimpleMeterRegistry());
	}

	@AfterEach
	void tearDown() {
		this.history.destroy();
		this.client.close();
	}

	@Test
	void onlyTheFirstOfTwoClaimsWinsAndARepeatedClaimIsRecognisedAsItsOwn() {
		NotificationDraft draft = draft("evt-1");
		String id = NotificationIds.of(draft.key());
		assertThat(this.history.claim(draft, ClaimMode.NORMAL, "token", OWNER))
			.isEqualTo(new ClaimResult.Claimed(id, 0));
		assertThat(this.history.claim(draft, ClaimMode.NORMAL, "token", OWNER))
			.isEqualTo(new ClaimResult.Claimed(id, 0));
		assertThat(this.history.claim(draft, ClaimMode.NORMAL, "another", OWNER))
			.isEqualTo(new ClaimResult.AlreadyHandled(id, NotificationStatus.SENDING, "token"));
	}

	@Test
	void aSentNotificationCannotBeClaimedAgainEvenByAReplay() {
		NotificationDraft draft = draft("evt-2");
		String id = claimed(draft, "token");
		this.history.markSent(id, "msg-1", null, attempt("sent"));
		assertThat(this.history.claim(draft, ClaimMode.NORMAL, "token", OWNER))
			.isInstanceOf(ClaimResult.AlreadyHandled.class);
		assertThat(this.history.claim(draft, ClaimMode.REPLAY, "other", OWNER))
			.isInstanceOf(ClaimResult.AlreadyHandled.class);
		NotificationRecord record = this.history.find(draft.key()).orElseThrow();
		assertThat(record.status()).isEqualTo(NotificationStatus.SENT);
		assertThat(record.providerMessageId()).isEqualTo("msg-1");
		assertThat(record.attempts()).extracting(Attempt::outcome).containsExactly("sent");
	}

	@Test
	void aQueuedNotificationMayBeClaimedForItsRetryByOneClaimantOnly() throws Exception {
		NotificationDraft draft = draft("evt-3");
		String id = claimed(draft, "first");
		this.history.markRetryScheduled(id, this.clock.instant().plusSeconds(300), "HTTP_503", "down",
				attempt("transient"));
		int claimants = 8;
		ExecutorService threads = Executors.newFixedThreadPool(claimants);
		try {
			List<Future<ClaimResult>> results = new ArrayList<>();
			for (int i = 0; i < claimants; i++) {
				String token = "retry-" + i;
				results.add(threads.submit(() -> this.history.claim(draft, ClaimMode.NORMAL, token, OWNER)));
			}
			List<ClaimResult> answers = new ArrayList<>();
			for (Future<ClaimResult> result : results) {
				answers.add(result.get(30, TimeUnit.SECONDS));
			}
			assertThat(answers).filteredOn(ClaimResult.Claimed.class::isInstance)
				.containsExactly(new ClaimResult.Claimed(id, 1));
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(this.history.findById(id).orElseThrow().status()).isEqualTo(NotificationStatus.SENDING);
	}

	@Test
	void aTakeOverWhoseAnswerWasLostIsFinishedByTheSameClaimant() {
		NotificationDraft draft = draft("evt-7");
		String id = claimed(draft, "first");
		this.history.markRetryScheduled(id, this.clock.instant(), "HTTP_503", "down", attempt("transient"));
		// The claim marker reached MongoDB, the update of the notification did not.
		this.mongo.getCollection(NotificationHistory.CLAIMS_COLLECTION)
			.insertOne(new Document("_id", id + "#2").append("claimToken", "second"));
		assertThat(this.history.claim(draft, ClaimMode.NORMAL, "third", OWNER))
			.isInstanceOf(ClaimResult.AlreadyHandled.class);
		assertThat(this.history.claim(draft, ClaimMode.NORMAL, "second", OWNER))
			.isEqualTo(new ClaimResult.Claimed(id, 1));
		assertThat(this.history.findById(id).orElseThrow().claimToken()).isEqualTo("second");
	}

	@Test
	void onlyAReplayMayClaimADeadLetteredNotificationAndItGetsAFreshBudget() {
		NotificationDraft draft = draft("evt-4");
		String id = claimed(draft, "first");
		this.history.markRetryScheduled(id, this.clock.instant(), "HTTP_503", "down", attempt("transient"));
		this.history.claim(draft, ClaimMode.NORMAL, "second", OWNER);
		this.history.markFailed(id, "HTTP_503", "gave up", true, attempt("dead_lettered"));
		assertThat(this.history.claim(draft, ClaimMode.NORMAL, "third", OWNER))
			.isInstanceOf(ClaimResult.AlreadyHandled.class);
		assertThat(this.history.claim(draft, ClaimMode.REPLAY, "fourth", OWNER))
			.isEqualTo(new ClaimResult.Claimed(id, 0));
		assertThat(this.history.findById(id).orElseThrow().deadLettered()).isFalse();
	}

	@Test
	void recordsANotificationThatWillNotBeSentOnce() {
		NotificationDraft draft = draft("evt-8");
		Attempt expired = attempt("expired");
		assertThat(this.history.recordUnsent(draft, ClaimMode.NORMAL, NotificationStatus.EXPIRED, "EXPIRED", "late",
				expired))
			.isEqualTo(new ClaimResult.Claimed(NotificationIds.of(draft.key()), 0));
		assertThat(this.history.recordUnsent(draft, ClaimMode.NORMAL, NotificationStatus.EXPIRED, "EXPIRED", "late",
				expired))
			.isInstanceOf(ClaimResult.AlreadyHandled.class);
		NotificationRecord record = this.history.find(draft.key()).orElseThrow();
		assertThat(record.status()).isEqualTo(NotificationStatus.EXPIRED);
		assertThat(record.expiredAt()).isEqualTo(this.clock.instant());
		assertThat(record.attempts()).containsExactly(expired);
	}

	@Test
	void findsANotificationRecordedWithARandomIdBeforeIdsWereDerived() {
		NotificationDraft draft = draft("evt-9");
		this.mongo.getCollection(NotificationRecord.COLLECTION)
			.insertOne(new Document("_id", "legacy-id").append("eventId", "evt-9")
				.append("eventType", draft.eventType())
				.append("type", draft.type())
				.append("category", draft.category())
				.append("phone", draft.phone())
				.append("status", "queued")
				.append("createdAt", this.clock.instant())
				.append("updatedAt", this.clock.instant())
				.append("retryCount", 1)
				.append("deadLettered", false));
		assertThat(this.history.claim(draft, ClaimMode.NORMAL, "token", OWNER))
			.isEqualTo(new ClaimResult.Claimed("legacy-id", 1));
		assertThat(this.history.find(draft.key()).orElseThrow().status()).isEqualTo(NotificationStatus.SENDING);
	}

	@Test
	void sweepsOnlyAttemptsWhoseOwnerIsGoneAndOnlyAfterTheGracePeriod() {
		NotificationDraft mine = draft("evt-5");
		NotificationDraft theirs = draft("evt-6");
		String alive = claimed(mine, "token");
		String gone = ((ClaimResult.Claimed) this.history.claim(theirs, ClaimMode.NORMAL, "token", "gone-instance"))
			.notificationId();
		assertThat(this.history.sweepAbandoned(Duration.ofMinutes(5), OWNER::equals)).isZero();
		this.clock.advance(Duration.ofMinutes(6));
		assertThat(this.history.sweepAbandoned(Duration.ofMinutes(5), OWNER::equals)).isOne();
		assertThat(this.history.findById(alive).orElseThrow().status()).isEqualTo(NotificationStatus.SENDING);
		NotificationRecord swept = this.history.findById(gone).orElseThrow();
		assertThat(swept.status()).isEqualTo(NotificationStatus.IN_DOUBT);
		assertThat(swept.errorCode()).isEqualTo("OUTCOME_UNKNOWN");
		assertThat(this.history.claim(theirs, ClaimMode.REPLAY, "other", OWNER))
			.isInstanceOf(ClaimResult.AlreadyHandled.class);
	}

	@Test
	void recordsAnInDoubtAttemptWithoutFailingIt() {
		NotificationDraft draft = draft("evt-10");
		String id = claimed(draft, "token");
		this.history.markInDoubt(id, "READ_TIMEOUT", "no answer", attempt("in_doubt"));
		NotificationRecord record = this.history.findById(id).orElseThrow();
		assertThat(record.status()).isEqualTo(NotificationStatus.IN_DOUBT);
		assertThat(record.failedAt()).isNull();
		assertThat(record.errorCode()).isEqualTo("READ_TIMEOUT");
	}

	private String claimed(NotificationDraft draft, String token) {
		return ((ClaimResult.Claimed) this.history.claim(draft, ClaimMode.NORMAL, token, OWNER)).notificationId();
	}

	private NotificationDraft draft(String eventId) {
		return new NotificationDraft(eventId, "earlybird.delivery.scheduled", "delivery_reminder", "transactional",
				"+919876543210", "cust-1", "Priya Sharma", "en", "Hi Priya", "delivery_reminder", List.of("Priya"), 1,
				"del-1", Map.of("area", "Bandra"), new KafkaSource("earlybird.deliveries", 0, 1), null);
	}

	private Attempt attempt(String outcome) {
		return new Attempt(this.clock.instant(), "event", 0, outcome, null, null, 1);
	}

	private static MongoTemplate template(MongoClient client, String database) {
		SimpleMongoClientDatabaseFactory factory = new SimpleMongoClientDatabaseFactory(client, database);
		MongoCustomConversions conversions = new HistoryConfiguration().mongoCustomConversions();
		MongoMappingContext context = new MongoMappingContext();
		context.setSimpleTypeHolder(conversions.getSimpleTypeHolder());
		MappingMongoConverter converter = new MappingMongoConverter(NoOpDbRefResolver.INSTANCE, context);
		converter.setCustomConversions(conversions);
		converter.afterPropertiesSet();
		return new MongoTemplate(factory, converter);
	}

}
