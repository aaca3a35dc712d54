package in.earlybird.notification.admin;

import java.util.ArrayList;
import java.util.List;

import in.earlybird.events.PhoneNumber;
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

/** {@code GET /history} and {@code GET /history/{phone}} over seeded history. */
@AdminIntegrationTest
class HistoryIntegrationTests {

	private static final String API = AdminCalls.API;

	@Autowired
	MockMvc mvc;

	@Autowired
	MongoTemplate mongo;

	AdminCalls calls;

	String phone;

	List<String> newestFirst;

	@BeforeEach
	void seed() {
		this.calls = new AdminCalls(this.mvc);
		this.phone = TestEvents.customer().phone();
		SeededHistory history = new SeededHistory(this.mongo);
		List<String> ids = new ArrayList<>();
		ids.add(history.record(this.phone, "delivery_reminder", "read", "2021-05-01T02:00:00Z").sent().save());
		ids.add(history.record(this.phone, "payment_reminder", "failed", "2021-05-02T02:00:00Z").save());
		ids.add(history.record(this.phone, "delivery_reminder", "sent", "2021-05-03T02:00:00Z").sent().save());
		// Two at the same moment: the id breaks the tie.
		ids.add(history.record(this.phone, "churn_risk", "expired", "2021-05-04T02:00:00Z").save());
		ids.add(history.record(this.phone, "churn_risk", "sent", "2021-05-04T02:00:00Z").sent().save());
		List<String> sameMoment = new ArrayList<>(ids.subList(3, 5));
		sameMoment.sort(java.util.Comparator.reverseOrder());
		this.newestFirst = new ArrayList<>(
				List.of(sameMoment.get(0), sameMoment.get(1), ids.get(2), ids.get(1), ids.get(0)));
	}

	@Test
	void listsACustomersHistoryNewestFirstWithWholeNumbersForAdmins() throws Exception {
		JsonNode page = this.calls.get(TestTokens.admin(), API + "/history/" + this.phone).json();

		assertThat(ids(page)).isEqualTo(this.newestFirst);
		assertThat(page.get("items"))
			.allSatisfy((item) -> assertThat(item.get("phone").asString()).isEqualTo(this.phone));
		assertThat(page.has("nextCursor")).isFalse();
	}

	@Test
	void masksPhoneNumbersForViewers() throws Exception {
		Answer answer = this.calls.get(TestTokens.viewer(), API + "/history?phone=" + this.phone.replace("+", "%2B"));

		assertThat(answer.text()).doesNotContain(this.phone);
		assertThat(answer.json().get("items")).hasSize(5)
			.allSatisfy((item) -> assertThat(item.get("phone").asString()).isEqualTo(PhoneNumber.mask(this.phone)));
	}

	@Test
	void forgivesAPlusThatAQueryStringTurnedIntoASpace() throws Exception {
		JsonNode page = this.calls.get(TestTokens.viewer(), API + "/history?phone=" + this.phone).json();
		assertThat(page.get("items")).hasSize(5);
	}

	@Test
	void filtersByStatusTypeAndTime() throws Exception {
		String base = API + "/history?phone=%2B" + this.phone.substring(1);
		assertThat(ids(this.calls.get(TestTokens.viewer(), base + "&status=sent").json())).containsExactlyInAnyOrder(
				this.newestFirst.get(2),
				this.newestFirst.stream()
					.filter((id) -> !id.equals(this.newestFirst.get(2)))
					.filter((id) -> statusOf(id).equals("sent"))
					.findFirst()
					.orElseThrow());
		assertThat(ids(this.calls.get(TestTokens.viewer(), base + "&type=delivery_reminder").json()))
			.containsExactly(this.newestFirst.get(2), this.newestFirst.get(4));
		assertThat(ids(this.calls.get(TestTokens.viewer(), base + "&from=2021-05-02&to=2021-05-03").json()))
			.containsExactly(this.newestFirst.get(2), this.newestFirst.get(3));
		assertThat(ids(this.calls.get(TestTokens.viewer(), base + "&from=2021-05-02T02:00:00Z&to=2021-05-03T02:00:00Z")
			.json())).containsExactly(this.newestFirst.get(3));
	}

	@Test
	void pagesByCursorWithoutGapsOrRepeats() throws Exception {
		List<String> seen = new ArrayList<>();
		String cursor = null;
		int pages = 0;
		do {
			String path = API + "/history/" + this.phone + "?size=2" + ((cursor != null) ? "&cursor=" + cursor : "");
			JsonNode page = this.calls.get(TestTokens.viewer(), path).json();
			seen.addAll(ids(page));
			cursor = page.has("nextCursor") ? page.get("nextCursor").asString() : null;
			pages++;
		}
		while (cursor != null);
		assertThat(pages).isEqualTo(3);
		assertThat(seen).isEqualTo(this.newestFirst);
	}

	@Test
	void pagesByNumberWithTotals() throws Exception {
		JsonNode page = this.calls.get(TestTokens.viewer(), API + "/history/" + this.phone + "?page=1&size=2").json();

		assertThat(ids(page)).isEqualTo(this.newestFirst.subList(2, 4));
		assertThat(page.get("page").asInt()).isEqualTo(1);
		assertThat(page.get("totalItems").asLong()).isEqualTo(5);
		assertThat(page.get("totalPages").asLong()).isEqualTo(3);
	}

	@Test
	void namesTheBadParameterInAProblem() throws Exception {
		assertThat(badField(API + "/history?status=lost")).isEqualTo("status");
		assertThat(badField(API + "/history?type=telegram")).isEqualTo("type");
		assertThat(badField(API + "/history?size=0")).isEqualTo("size");
		assertThat(badField(API + "/history?size=many")).isEqualTo("size");
		assertThat(badField(API + "/history?cursor=not-ours")).isEqualTo("cursor");
		assertThat(badField(API + "/history?page=0&cursor=abc")).isEqualTo("cursor");
		assertThat(badField(API + "/history?from=last-week")).isEqualTo("from");
		assertThat(badField(API + "/history/12345")).isEqualTo("phone");
	}

	@Test
	void answersAnUnknownPathWithAProblem() throws Exception {
		Answer answer = this.calls.get(TestTokens.viewer(), API + "/histories");
		assertThat(answer.status()).isEqualTo(404);
		assertThat(answer.json().get("code").asString()).isEqualTo("NOT_FOUND");
		assertThat(answer.text()).doesNotContain("trace");
	}

	private String badField(String path) throws Exception {
		Answer answer = this.calls.get(TestTokens.viewer(), path);
		assertThat(answer.status()).as(path).isEqualTo(400);
		assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
		return answer.json().get("errors").get(0).get("field").asString();
	}

	private String statusOf(String id) {
		return this.mongo.getCollection("notifications_log")
			.find(new org.bson.Document("_id", id))
			.first()
			.getString("status");
	}

	private static List<String> ids(JsonNode page) {
		return page.get("items").valueStream().map((item) -> item.get("id").asString()).toList();
	}

}
