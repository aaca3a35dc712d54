package in.earlybird.notification.delivery;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.UUID;

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

import static org.assertj.core.api.Assertions.assertThat;

/** WhatsApp's daily limit of unique customers, shared by instances through MongoDB. */
class DailyRecipientBudgetIntegrationTests {

	private MongoClient client;

	private MongoTemplate mongo;

	private final java.time.Clock clock = java.time.Clock.fixed(Instant.parse("2026-11-30T06:00:00Z"), ZoneOffset.UTC);

	@BeforeEach
	void connect() {
		String database = "budget-" + UUID.randomUUID();
		this.client = MongoClients.create(EmbeddedInfrastructure.shared().mongoUri(database));
		this.mongo = new MongoTemplate(this.client, database);
	}

	@AfterEach
	void close() {
		this.client.close();
	}

	@Test
	void admitsNewCustomersUpToTheTierAndHoldsTheRest() {
		DailyRecipientBudget budget = budget(20);
		for (int i = 0; i < 20; i++) {
			assertThat(budget.admit(phone(i))).as("customer %d", i).isTrue();
		}
		assertThat(budget.admit(phone(20))).isFalse();
		assertThat(budget.used()).isEqualTo(20);
		// The window that could not be opened does not count later either.
		assertThat(this.mongo.getCollection(DailyRecipientBudget.WINDOWS_COLLECTION)
			.countDocuments(new Document("_id", phone(20)))).isZero();
	}

	@Test
	void aCustomerWhoseWindowIsOpenCostsNothing() {
		DailyRecipientBudget budget = budget(16);
		for (int i = 0; i < 16; i++) {
			assertThat(budget.admit(phone(i))).isTrue();
		}
		assertThat(budget.admit(phone(3))).isTrue();
		assertThat(budget.admit(phone(99))).isFalse();
	}

	@Test
	void instancesShareOneBudget() {
		DailyRecipientBudget first = budget(32);
		DailyRecipientBudget second = budget(32);
		int admitted = 0;
		for (int i = 0; i < 40; i++) {
			admitted += (i % 2 == 0 ? first : second).admit(phone(i)) ? 1 : 0;
		}
		assertThat(admitted).isEqualTo(32);
	}

	@Test
	void slotsFreeOnlyWhenTheirHourBucketIsMoreThanADayOld() {
		MutableClock time = new MutableClock(Instant.parse("2026-11-30T06:10:00Z"));
		DailyRecipientBudget budget = new DailyRecipientBudget(this.mongo, time, SendingShareTests.properties(80, 16),
				new SimpleMeterRegistry());
		for (int i = 0; i < 16; i++) {
			assertThat(budget.admit(phone(i))).isTrue();
		}
		time.advance(Duration.ofHours(24));
		// Another customer: the windows of the first sixteen may have closed, but their
		// slots are counted for 25 hours.
		assertThat(budget.admit(phone(100))).isFalse();
		time.advance(Duration.ofHours(1));
		assertThat(budget.admit(phone(101))).isTrue();
	}

	@Test
	void anUnlimitedTierCountsNothing() {
		DailyRecipientBudget budget = budget(0);
		for (int i = 0; i < 100; i++) {
			assertThat(budget.admit(phone(i))).isTrue();
		}
		assertThat(this.mongo.getCollection(DailyRecipientBudget.WINDOWS_COLLECTION).countDocuments()).isZero();
	}

	private DailyRecipientBudget budget(int limit) {
		DailyRecipientBudget budget = new DailyRecipientBudget(this.mongo, this.clock,
				SendingShareTests.properties(80, limit), new SimpleMeterRegistry());
		budget.afterPropertiesSet();
		return budget;
	}

	private static String phone(int n) {
		return "+9198" + String.format("%08d", n);
	}

}
