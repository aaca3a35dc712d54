package in.earlybird.notification;

import java.time.Instant;
import java.util.Date;
import java.util.UUID;

import in.earlybird.notification.history.NotificationRecord;
import org.bson.Document;

import org.springframework.data.mongodb.core.MongoTemplate;

/** Writes history documents as the pipeline stores them, for tests that read history. */
public final class SeededHistory {

	private final MongoTemplate mongo;

	public SeededHistory(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	public Seed record(String phone, String type, String status, String createdAt) {
		return new Seed(phone, type, status, Instant.parse(createdAt));
	}

	/** One notification to write; set what the test needs, then {@link #save()}. */
	public final class Seed {

		private final Document document = new Document();

		Seed(String phone, String type, String status, Instant createdAt) {
			this.document.append("_id", UUID.randomUUID().toString())
				.append("eventId", UUID.randomUUID().toString())
				.append("eventType", "earlybird.test")
				.append("type", type)
				.append("category", type.equals("churn_risk") ? "promotional" : "transactional")
				.append("phone", phone)
				.append("customerId", "cust-seed")
				.append("customerName", "Seed")
				.append("language", "en")
				.append("status", status)
				.append("message", "Hi Seed")
				.append("createdAt", Date.from(createdAt))
				.append("updatedAt", Date.from(createdAt))
				.append("retryCount", 0)
				.append("deadLettered", false);
		}

		public Seed sent(String providerMessageId) {
			this.document.append("sentAt", this.document.get("createdAt"))
				.append("providerMessageId", providerMessageId);
			return this;
		}

		public Seed sent() {
			return sent(UUID.randomUUID().toString());
		}

		public Seed retried(int times) {
			this.document.put("retryCount", times);
			return this;
		}

		public Seed deadLettered() {
			this.document.put("deadLettered", true);
			return this;
		}

		public String save() {
			SeededHistory.this.mongo.insert(this.document, NotificationRecord.COLLECTION);
			return this.document.getString("_id");
		}

	}

}
