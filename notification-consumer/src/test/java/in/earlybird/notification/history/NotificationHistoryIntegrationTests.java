package in.earlybird.notification.history;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.SimpleMongoClientDatabaseFactory;
import org.springframework.data.mongodb.core.convert.MappingMongoConverter;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions;
import org.springframework.data.mongodb.core.convert.NoOpDbRefResolver;
import org.springframework.data.mongodb.core.mapping.MongoMappingContext;

import in.earlybird.notification.EmbeddedInfrastructure;

import static org.assertj.core.api.Assertions.assertThat;

/** The claim rules of history, over the MongoDB wire protocol. */
class NotificationHistoryIntegrationTests {

	private MongoClient client;

	private NotificationHistory history;

	private MutableClock clock;

	@BeforeEach
	void setUp() {
		String database = "history-" + UUID.randomUUID();
		this.client = MongoClients.create(EmbeddedInfrastructure.shared().mongoUri(database));
		MongoTemplate mongo = template(this.client, database);
		new HistoryConfiguration.HistoryIndexes(mongo).afterPropertiesSet();
		this.clock = new MutableClock(Instant.parse("2026-01-27T04:30:00Z"));
		this.history = new NotificationHistory(mongo, this.clock);
	}

	@AfterEach
	void tearDown() {
		this.client.close();
	}

	@Test
	void onlyTheFirstOfTwoClaimsWins() {
		NotificationDraft draft = draft("evt-1");
		assertThat(this.history.claimForSending(draft, ClaimMode.NORMAL, "token"))
			.isInstanceOf(ClaimResult.Claimed.class);
		assertThat(this.history.claimForSending(draft, ClaimMode.NORMAL, "token"))
			.isEqualTo(new ClaimResult.AlreadyHandled(this.history.find(draft.key()).orElseThrow().id(),
					NotificationStatus.SENDING, "token"));
	}

	@Test
	void aSentNotificationCannotBeClaimedAgainEvenByAReplay() {
		NotificationDraft draft = draft("evt-2");
		String id = ((ClaimResult.Claimed) this.history.claimForSending(draft, ClaimMode.NORMAL, "token"))
			.notificationId();
		this.history.markSent(id, "msg-1", null, attempt("sent"));
		assertThat(this.history.claimForSending(draft, ClaimMode.NORMAL, "token"))
			.isInstanceOf(ClaimResult.AlreadyHandled.class);
		assertThat(this.history.claimForSending(draft, ClaimMode.REPLAY, "token"))
			.isInstanceOf(ClaimResult.AlreadyHandled.class);
		assertThat(this.history.statuses(List.of(draft.key()))).isEqualTo(Map.of(draft.key(), NotificationStatus.SENT));
	}

	@Test
	void aQueuedNotificationMayBeClaimedForItsRetry() {
		NotificationDraft draft = draft("evt-3");
		String id = ((ClaimResult.Claimed) this.history.claimForSending(draft, ClaimMode.NORMAL, "token"))
			.notificationId();
		this.history.markRetryScheduled(id, this.clock.instant().plusSeconds(300), "HTTP_503", "down",
				attempt("transient"));
		assertThat(this.history.claimForSending(draft, ClaimMode.NORMAL, "token"))
			.isEqualTo(new ClaimResult.Claimed(id, 1));
	}

	@Test
	void onlyAReplayMayClaimADeadLetteredNotificationAndItGetsAFreshBudget() {
		NotificationDraft draft = draft("evt-4");
		String id = ((ClaimResult.Claimed) this.history.claimForSending(draft, ClaimMode.NORMAL, "token"))
			.notificationId();
		this.history.markRetryScheduled(id, this.clock.instant(), "HTTP_503", "down", attempt("transient"));
		this.history.claimForSending(draft, ClaimMode.NORMAL, "token");
		this.history.markFailed(id, "HTTP_503", "gave up", true, attempt("dead_lettered"));
		assertThat(this.history.claimForSending(draft, ClaimMode.NORMAL, "token"))
			.isInstanceOf(ClaimResult.AlreadyHandled.class);
		assertThat(this.history.claimForSending(draft, ClaimMode.REPLAY, "token"))
			.isEqualTo(new ClaimResult.Claimed(id, 0));
		assertThat(this.history.findById(id).orElseThrow().deadLettered()).isFalse();
	}

	@Test
	void onlyTheAttemptHoldingTheClaimTokenMayReclaim() {
		NotificationDraft draft = draft("evt-6");
		String id = ((ClaimResult.Claimed) this.history.claimForSending(draft, ClaimMode.NORMAL, "first"))
			.notificationId();
		assertThat(this.history.reclaim(id, "someone-else", "second")).isFalse();
		assertThat(this.history.reclaim(id, "first", "second")).isTrue();
		assertThat(this.history.reclaim(id, "first", "third")).isFalse();
		this.history.markSent(id, "msg-6", null, attempt("sent"));
		assertThat(this.history.reclaim(id, "second", "third")).isFalse();
	}

	@Test
	void marksNotificationsLeftSendingAsInDoubtOnlyAfterTheGracePeriod() {
		NotificationDraft draft = draft("evt-5");
		String id = ((ClaimResult.Claimed) this.history.claimForSending(draft, ClaimMode.NORMAL, "token"))
			.notificationId();
		assertThat(this.history.markInDoubt(Duration.ofMinutes(5))).isZero();
		this.clock.advance(Duration.ofMinutes(6));
		assertThat(this.history.markInDoubt(Duration.ofMinutes(5))).isOne();
		NotificationRecord record = this.history.findById(id).orElseThrow();
		assertThat(record.status()).isEqualTo(NotificationStatus.FAILED);
		assertThat(record.errorCode()).isEqualTo("OUTCOME_UNKNOWN");
		assertThat(this.history.claimForSending(draft, ClaimMode.REPLAY, "token"))
			.isInstanceOf(ClaimResult.AlreadyHandled.class);
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

	/** A clock the test moves. */
	static final class MutableClock extends Clock {

		private Instant now;

		MutableClock(Instant now) {
			this.now = now;
		}

		void advance(Duration duration) {
			this.now = this.now.plus(duration);
		}

		@Override
		public ZoneOffset getZone() {
			return ZoneOffset.UTC;
		}

		@Override
		public Clock withZone(java.time.ZoneId zone) {
			return this;
		}

		@Override
		public Instant instant() {
			return this.now;
		}

	}

}
