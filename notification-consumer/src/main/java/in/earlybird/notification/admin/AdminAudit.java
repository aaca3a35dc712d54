package in.earlybird.notification.admin;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import in.earlybird.events.PhoneNumber;
import in.earlybird.notification.shared.Redaction;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Admits sensitive actions under the per-caller rate limit and keeps the audit trail of
 * every action admitted ({@code admin_audit}).
 */
@Component
class AdminAudit implements InitializingBean {

	private static final Logger logger = LoggerFactory.getLogger(AdminAudit.class);

	private final MongoTemplate mongo;

	private final Clock clock;

	private final CallerRateLimiter rateLimiter;

	AdminAudit(MongoTemplate mongo, Clock clock, AdminSecurityProperties properties) {
		this.mongo = mongo;
		this.clock = clock;
		this.rateLimiter = new CallerRateLimiter(properties.rateLimit().capacity(), properties.rateLimit().period());
	}

	@Override
	public void afterPropertiesSet() {
		this.mongo.indexOps(AuditEntry.COLLECTION)
			.createIndex(new Index().named("actor_time").on("actor", Sort.Direction.ASC).on("at", Sort.Direction.DESC));
		this.mongo.indexOps(AuditEntry.COLLECTION).createIndex(new Index().named("time").on("at", Sort.Direction.DESC));
	}

	/**
	 * Lets a sensitive action go ahead, or refuses it when the caller has used up its
	 * rate.
	 * @param caller who asks
	 * @param action what they want to do
	 * @throws AdminProblem with status 429 and a {@code Retry-After} when over the rate
	 */
	void admit(Caller caller, String action) {
		rateLimiter().tryAcquire(caller.subject()).ifPresent((wait) -> {
			logger.warn("Refused {} by {}: over the rate limit for sensitive actions", action,
					Redaction.safe(caller.subject()));
			throw AdminProblem.tooManyRequests(wait);
		});
	}

	CallerRateLimiter rateLimiter() {
		return this.rateLimiter;
	}

	/**
	 * Records an action.
	 * @param caller who did it
	 * @param action what
	 * @param target on what
	 * @param outcome how it ended
	 * @param details more facts, if any
	 */
	void record(Caller caller, String action, String target, String outcome, @Nullable Map<String, Object> details) {
		AuditEntry entry = new AuditEntry(UUID.randomUUID().toString(), this.clock.instant(), caller.subject(), action,
				target, outcome, details);
		this.mongo.insert(entry);
		logger.info("Audit: {} {} {} -> {}", Redaction.safe(caller.subject()), action, safeTarget(target), outcome);
	}

	/**
	 * Lists the latest entries, newest first.
	 * @param actor only this caller's, if set
	 * @param action only this action, if set
	 * @param limit how many at most
	 * @return the entries
	 */
	List<AuditEntry> latest(@Nullable String actor, @Nullable String action, int limit) {
		Criteria criteria = new Criteria();
		if (actor != null) {
			criteria.and("actor").is(actor);
		}
		if (action != null) {
			criteria.and("action").is(action);
		}
		return this.mongo.find(Query.query(criteria).with(Sort.by(Sort.Direction.DESC, "at")).limit(limit),
				AuditEntry.class);
	}

	private static String safeTarget(String target) {
		return PhoneNumber.isValid(target) ? PhoneNumber.mask(target) : Redaction.safe(target);
	}

}
