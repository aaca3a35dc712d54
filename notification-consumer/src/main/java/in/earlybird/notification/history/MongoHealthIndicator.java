package in.earlybird.notification.history;

import org.bson.Document;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * MongoDB health by {@code ping}, which every MongoDB-compatible server answers; it
 * replaces Spring Boot's indicator (same bean name), whose {@code hello} command the
 * in-process server of the local stack does not know.
 */
@Component("mongoHealthIndicator")
class MongoHealthIndicator extends AbstractHealthIndicator {

	private final MongoTemplate mongo;

	MongoHealthIndicator(MongoTemplate mongo) {
		super("MongoDB health check failed");
		this.mongo = mongo;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		Document result = this.mongo.executeCommand(new Document("ping", 1));
		builder.up().withDetail("database", this.mongo.getDb().getName()).withDetail("ping", result.get("ok"));
	}

}
