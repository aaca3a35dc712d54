package in.earlybird.notification.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.bulk.BulkWriteUpsert;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import in.earlybird.notification.shared.Coalescer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.stereotype.Component;

/**
 * WhatsApp's messaging limit: the business may open conversations with at most its tier
 * of unique customers in any moving 24 hours. A customer whose conversation window is
 * open costs nothing; a new one takes a slot from a budget that every instance shares in
 * MongoDB. Slots are counted in hourly buckets and each bucket is kept 25 hours, so a
 * slot is never freed before 24 hours have passed.
 *
 * <p>
 * Instances lease slots in small chunks, so the shared budget is written about once per
 * chunk of new customers, not once per message.
 */
@Component
class DailyRecipientBudget implements InitializingBean, DisposableBean {

	static final String WINDOWS_COLLECTION = "recipient_windows";

	static final String LIMITS_COLLECTION = "sender_limits";

	static final String BUDGET_ID = "daily-recipients";

	static final Duration WINDOW = Duration.ofHours(24);

	/** Buckets are kept one hour longer than the window, so no slot frees early. */
	private static final int BUCKETS_KEPT = 25;

	/**
	 * Slots leased at a time: a two-hundredth of the tier, between 16 and 1,000, so the
	 * shared budget is written rarely and a restart wastes little of it.
	 */
	private final int leaseChunk;

	private static final int DUPLICATE_KEY = 11000;

	private final MongoTemplate mongo;

	private final Clock clock;

	private final int limit;

	/** Opens customers' windows, answering which of them were not open. */
	private final Coalescer<String, Boolean> opens;

	/** Slots leased from the shared budget and not used yet; guarded by this. */
	private int leased;

	private volatile long used;

	DailyRecipientBudget(MongoTemplate mongo, Clock clock, DeliveryProperties properties, MeterRegistry meters) {
		this.mongo = mongo;
		this.clock = clock;
		this.limit = properties.dailyRecipientLimit();
		this.leaseChunk = Math.max(16, Math.min(1000, this.limit / 200));
		this.opens = new Coalescer<>("recipient-window-opens", 500, meters, this::openAll);
		Gauge.builder("notification.daily_recipients.used", this, (budget) -> budget.used)
			.description("Unique customers messaged in the moving 24 hours, as last counted")
			.register(meters);
		Gauge.builder("notification.daily_recipients.limit", this, (budget) -> budget.limit)
			.description("The messaging tier: unique customers allowed per moving 24 hours, 0 for unlimited")
			.register(meters);
	}

	@Override
	public void afterPropertiesSet() {
		// A window older than the budget's buckets is never asked about again.
		this.mongo.indexOps(WINDOWS_COLLECTION)
			.createIndex(new Index().named("expiry").on("openedAt", Sort.Direction.ASC).expire(WINDOW));
	}

	/**
	 * Admits a message to a customer under the daily limit.
	 * @param phone the customer's number
	 * @return whether it may be sent now; if not, it must wait for the window
	 */
	boolean admit(String phone) {
		if (this.limit == 0) {
			return true;
		}
		if (!this.opens.call(phone)) {
			// The customer's window is open already: no new conversation.
			return true;
		}
		if (takeSlot(this.clock.instant())) {
			return true;
		}
		// No slot: the window this call opened must not count.
		this.mongo.getCollection(WINDOWS_COLLECTION).deleteOne(Filters.eq("_id", phone));
		return false;
	}

	private synchronized boolean takeSlot(Instant now) {
		if (this.leased == 0) {
			this.leased = lease(now);
		}
		if (this.leased == 0) {
			return false;
		}
		this.leased--;
		return true;
	}

	/** Takes up to a chunk of slots from the shared budget, by compare-and-set. */
	private int lease(Instant now) {
		MongoCollection<Document> limits = this.mongo.getCollection(LIMITS_COLLECTION);
		long hour = now.getEpochSecond() / TimeUnit.HOURS.toSeconds(1);
		for (int tries = 0; tries < 20; tries++) {
			Document budget = limits.find(Filters.eq("_id", BUDGET_ID)).first();
			Map<String, Integer> buckets = new HashMap<>();
			long version = 0;
			if (budget != null) {
				version = budget.get("version", Number.class).longValue();
				Document stored = budget.get("buckets", Document.class);
				stored.forEach((bucket, count) -> {
					if (hour - Long.parseLong(bucket) < BUCKETS_KEPT) {
						buckets.put(bucket, ((Number) count).intValue());
					}
				});
			}
			long counted = buckets.values().stream().mapToLong(Integer::longValue).sum();
			this.used = counted;
			long available = this.limit - counted;
			if (available <= 0) {
				return 0;
			}
			int take = (int) Math.min(this.leaseChunk, available);
			buckets.merge(Long.toString(hour), take, Integer::sum);
			Document next = new Document("buckets", new Document(new HashMap<>(buckets))).append("version",
					version + 1);
			try {
				if (budget == null) {
					limits.insertOne(new Document("_id", BUDGET_ID).append("buckets", next.get("buckets"))
						.append("version", 1L));
				}
				else if (limits
					.updateOne(Filters.and(Filters.eq("_id", BUDGET_ID), Filters.eq("version", version)),
							new Document("$set", next))
					.getModifiedCount() == 0) {
					continue;
				}
			}
			catch (MongoWriteException ex) {
				if (ex.getError().getCode() == DUPLICATE_KEY) {
					continue;
				}
				throw ex;
			}
			this.used = counted + take;
			return take;
		}
		throw new IllegalStateException("Could not lease from the daily recipient budget: too much contention");
	}

	/**
	 * Returns the unique customers counted in the moving 24 hours, as last read.
	 * @return the count
	 */
	long used() {
		return this.used;
	}

	/** Opens the windows of many customers; {@code true} for each that was not open. */
	private List<Boolean> openAll(List<String> phones) {
		Instant now = this.clock.instant();
		List<UpdateOneModel<Document>> upserts = new ArrayList<>(phones.size());
		for (String phone : phones) {
			upserts.add(new UpdateOneModel<>(Filters.eq("_id", phone),
					new Document("$setOnInsert", new Document("openedAt", now)), new UpdateOptions().upsert(true)));
		}
		BulkWriteResult result = this.mongo.getCollection(WINDOWS_COLLECTION)
			.bulkWrite(upserts, new BulkWriteOptions().ordered(false));
		List<Boolean> opened = new ArrayList<>(Collections.nCopies(phones.size(), Boolean.FALSE));
		for (BulkWriteUpsert upsert : result.getUpserts()) {
			opened.set(upsert.getIndex(), Boolean.TRUE);
		}
		return opened;
	}

	@Override
	public void destroy() {
		this.opens.close();
	}

}
