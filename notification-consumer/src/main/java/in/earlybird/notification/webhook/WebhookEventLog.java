package in.earlybird.notification.webhook;

import java.time.Clock;

import org.bson.Document;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The webhook deliveries already handled, keyed by MyOperator's {@code event_id} (the
 * collection's unique {@code _id}), so a re-delivered webhook is handled once. Entries
 * expire after {@code notification.webhook.dedupe-ttl}.
 */
@Component
class WebhookEventLog implements InitializingBean {

	static final String COLLECTION = "webhook_events";

	private final MongoTemplate mongo;

	private final Clock clock;

	private final WebhookProperties properties;

	WebhookEventLog(MongoTemplate mongo, Clock clock, WebhookProperties properties) {
		this.mongo = mongo;
		this.clock = clock;
		this.properties = properties;
	}

	@Override
	public void afterPropertiesSet() {
		this.mongo.indexOps(COLLECTION)
			.createIndex(new Index().named("expiry")
				.on("receivedAt", Sort.Direction.ASC)
				.expire(this.properties.dedupeTtl()));
	}

	/**
	 * Records a delivery unless it was recorded before.
	 * @param eventId the webhook's {@code event_id}
	 * @param eventType the webhook's {@code event_type}
	 * @return {@code true} the first time, {@code false} for a duplicate
	 */
	boolean firstDelivery(String eventId, String eventType) {
		try {
			this.mongo.insert(new Document("_id", eventId).append("eventType", eventType)
				.append("receivedAt", java.util.Date.from(this.clock.instant())), COLLECTION);
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	/**
	 * Forgets a delivery whose handling failed, so that MyOperator's retry is handled.
	 * @param eventId the webhook's {@code event_id}
	 */
	void forget(String eventId) {
		this.mongo.remove(Query.query(Criteria.where("_id").is(eventId)), COLLECTION);
	}

}
