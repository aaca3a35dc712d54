package in.earlybird.notification.admin;

import in.earlybird.notification.SeededHistory;
import in.earlybird.notification.TestEvents;
import in.earlybird.notification.TestTokens;
import in.earlybird.notification.admin.AdminCalls.Answer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /statistics} over seeded history in a window of its own, with exact counts,
 * rates, template and Indian-day buckets.
 */
@AdminIntegrationTest
class StatisticsIntegrationTests {

	@Autowired
	MockMvc mvc;

	@Autowired
	MongoTemplate mongo;

	AdminCalls calls;

	@BeforeEach
	void seed() {
		this.calls = new AdminCalls(this.mvc);
		if (this.mongo.getCollection("notifications_log")
			.countDocuments(
					new org.bson.Document("eventType", "earlybird.test").append("createdAt", new org.bson.Document(
							"$lt", java.util.Date.from(java.time.Instant.parse("2020-12-31T00:00:00Z"))))) > 0) {
			return;
		}
		SeededHistory history = new SeededHistory(this.mongo);
		String phone = TestEvents.customer().phone();
		// 1 March 2020, India.
		history.record(phone, "delivery_reminder", "read", "2020-03-01T02:00:00Z").sent().save();
		history.record(phone, "delivery_reminder", "delivered", "2020-03-01T03:00:00Z").sent().save();
		history.record(phone, "delivery_reminder", "sent", "2020-03-01T04:00:00Z").sent().save();
		history.record(phone, "delivery_reminder", "failed", "2020-03-01T05:00:00Z").sent().save();
		history.record(phone, "delivery_reminder", "failed", "2020-03-01T06:00:00Z").retried(3).deadLettered().save();
		history.record(phone, "churn_risk", "expired", "2020-03-01T07:00:00Z").save();
		history.record(phone, "churn_risk", "queued", "2020-03-01T08:00:00Z").retried(1).save();
		// 20:00 UTC is 01:30 on 2 March in India.
		history.record(phone, "delivery_reminder", "delivered", "2020-03-01T20:00:00Z").sent().retried(1).save();
		history.record(phone, "payment_reminder", "read", "2020-03-02T09:00:00Z").sent().save();
		// Its request timed out: MyOperator may or may not have it.
		history.record(phone, "payment_reminder", "in_doubt", "2020-03-02T10:00:00Z").save();
		// 23:30 on 29 February in India: outside the window.
		history.record(phone, "delivery_reminder", "read", "2020-02-29T18:00:00Z").sent().save();
		// 3 March in India: outside the window.
		history.record(phone, "delivery_reminder", "read", "2020-03-02T18:30:00Z").sent().save();
	}

	@Test
	void countsEveryStateWithRatesOverTheWindow() throws Exception {
		Answer answer = this.calls.get(TestTokens.viewer(),
				AdminCalls.API + "/statistics?from=2020-03-01&to=2020-03-02");

		assertThat(answer.status()).isEqualTo(200);
		JsonNode body = answer.json();
		assertThat(body.get("from").asString()).isEqualTo("2020-02-29T18:30:00Z");
		assertThat(body.get("to").asString()).isEqualTo("2020-03-02T18:30:00Z");
		assertThat(body.get("timezone").asString()).isEqualTo("Asia/Kolkata");
		assertCounts(body.get("totals"), 10, 1, 0, 6, 4, 2, 2, 1, 3, 1);
		assertThat(body.get("totals").get("inDoubt").asLong()).as("inDoubt").isOne();
		assertThat(body.get("totals").get("deliveryRate").asDouble()).isEqualTo(0.6667);
		assertThat(body.get("totals").get("readRate").asDouble()).isEqualTo(0.5);
	}

	@Test
	void countsPerTemplate() throws Exception {
		JsonNode byType = this.calls
			.get(TestTokens.viewer(), AdminCalls.API + "/statistics?from=2020-03-01&to=2020-03-02")
			.json()
			.get("byType");

		assertThat(byType.propertyNames()).containsExactly("churn_risk", "delivery_reminder", "payment_reminder");
		assertCounts(byType.get("delivery_reminder"), 6, 0, 0, 5, 3, 1, 2, 0, 2, 1);
		assertThat(byType.get("delivery_reminder").get("deliveryRate").asDouble()).isEqualTo(0.6);
		assertThat(byType.get("delivery_reminder").get("readRate").asDouble()).isEqualTo(0.3333);
		assertCounts(byType.get("churn_risk"), 2, 1, 0, 0, 0, 0, 0, 1, 1, 0);
		assertThat(byType.get("churn_risk").get("deliveryRate").isNull()).isTrue();
		assertCounts(byType.get("payment_reminder"), 2, 0, 0, 1, 1, 1, 0, 0, 0, 0);
		assertThat(byType.get("payment_reminder").get("inDoubt").asLong()).isOne();
		assertThat(byType.get("delivery_reminder").get("inDoubt").asLong()).isZero();
		assertThat(byType.get("payment_reminder").get("readRate").asDouble()).isEqualTo(1.0);
	}

	@Test
	void countsPerIndianDay() throws Exception {
		JsonNode byDay = this.calls
			.get(TestTokens.admin(), AdminCalls.API + "/statistics?from=2020-03-01&to=2020-03-02")
			.json()
			.get("byDay");

		assertThat(byDay.propertyNames()).containsExactly("2020-03-01", "2020-03-02");
		assertThat(byDay.get("2020-03-01").get("total").asLong()).isEqualTo(7);
		assertCounts(byDay.get("2020-03-02"), 3, 0, 0, 2, 2, 1, 0, 0, 1, 0);
	}

	@Test
	void takesExactMomentsAndRefusesABadWindow() throws Exception {
		JsonNode narrow = this.calls
			.get(TestTokens.viewer(), AdminCalls.API + "/statistics?from=2020-03-01T02:00:00Z&to=2020-03-01T04:00:00Z")
			.json();
		assertThat(narrow.get("totals").get("total").asLong()).isEqualTo(2);

		Answer backwards = this.calls.get(TestTokens.viewer(),
				AdminCalls.API + "/statistics?from=2020-03-02&to=2020-03-01");
		assertThat(backwards.status()).isEqualTo(400);
		assertThat(backwards.json().get("errors").get(0).get("field").asString()).isEqualTo("to");

		Answer tooLong = this.calls.get(TestTokens.viewer(),
				AdminCalls.API + "/statistics?from=2018-01-01&to=2020-01-01");
		assertThat(tooLong.status()).isEqualTo(400);
		assertThat(tooLong.json().get("errors").get(0).get("field").asString()).isEqualTo("from");

		Answer garbled = this.calls.get(TestTokens.viewer(), AdminCalls.API + "/statistics?from=yesterday");
		assertThat(garbled.status()).isEqualTo(400);
		assertThat(garbled.json().get("errors").get(0).get("field").asString()).isEqualTo("from");
	}

	@Test
	void defaultsToTheLastSevenDays() throws Exception {
		JsonNode body = this.calls.get(TestTokens.viewer(), AdminCalls.API + "/statistics").json();
		java.time.Instant from = java.time.Instant.parse(body.get("from").asString());
		java.time.Instant to = java.time.Instant.parse(body.get("to").asString());
		assertThat(java.time.Duration.between(from, to)).isEqualTo(java.time.Duration.ofDays(7));
	}

	private static void assertCounts(JsonNode counts, long total, long queued, long sending, long sent, long delivered,
			long read, long failed, long expired, long retried, long deadLettered) {
		assertThat(counts.get("total").asLong()).as("total").isEqualTo(total);
		assertThat(counts.get("queued").asLong()).as("queued").isEqualTo(queued);
		assertThat(counts.get("sending").asLong()).as("sending").isEqualTo(sending);
		assertThat(counts.get("sent").asLong()).as("sent").isEqualTo(sent);
		assertThat(counts.get("delivered").asLong()).as("delivered").isEqualTo(delivered);
		assertThat(counts.get("read").asLong()).as("read").isEqualTo(read);
		assertThat(counts.get("failed").asLong()).as("failed").isEqualTo(failed);
		assertThat(counts.get("expired").asLong()).as("expired").isEqualTo(expired);
		assertThat(counts.get("retried").asLong()).as("retried").isEqualTo(retried);
		assertThat(counts.get("deadLettered").asLong()).as("deadLettered").isEqualTo(deadLettered);
	}

}
