package in.earlybird.notification.history;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.bson.Document;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

import in.earlybird.notification.history.NotificationRecord.Fields;

/**
 * Reads and writes {@code notifications_log}. Every state change is a single-document
 * atomic update guarded by the current state, so two consumers that see the same event (a
 * redelivery, a rebalance, a replay) can never both send it: the unique
 * {@code (eventId, type, phone)} index decides, with no multi-document transaction.
 */
@Component
public class NotificationHistory {

	private static final Logger logger = LoggerFactory.getLogger(NotificationHistory.class);

	/** Attempts kept per notification; older ones are dropped. */
	private static final int MAX_ATTEMPTS_KEPT = 50;

	private final MongoTemplate mongo;

	private final Clock clock;

	NotificationHistory(MongoTemplate mongo, Clock clock) {
		this.mongo = mongo;
		this.clock = clock;
	}

	/**
	 * Looks up the current status of many notifications at once, so that a batch of
	 * redelivered events costs one query.
	 * @param keys the notifications
	 * @return the status of each one that exists
	 */
	public Map<IdempotencyKey, NotificationStatus> statuses(Collection<IdempotencyKey> keys) {
		if (keys.isEmpty()) {
			return Map.of();
		}
		List<String> eventIds = keys.stream().map(IdempotencyKey::eventId).distinct().toList();
		Query query = Query.query(Criteria.where(Fields.EVENT_ID).in(eventIds));
		query.fields().include(Fields.EVENT_ID, Fields.TYPE, Fields.PHONE, Fields.STATUS);
		Map<IdempotencyKey, NotificationStatus> statuses = new HashMap<>();
		for (Document document : this.mongo.find(query, Document.class, NotificationRecord.COLLECTION)) {
			IdempotencyKey key = new IdempotencyKey(document.getString(Fields.EVENT_ID),
					document.getString(Fields.TYPE), document.getString(Fields.PHONE));
			statuses.put(key, NotificationStatus.fromValue(document.getString(Fields.STATUS)));
		}
		return statuses;
	}

	/**
	 * Takes a notification over for sending: creates it, or moves it from a state the
	 * mode allows, to {@code sending}. Only one caller can win.
	 * @param draft the notification
	 * @param mode which existing states may be taken over
	 * @param claimToken identifies this attempt, so that it can recognise its own claim
	 * if the database applied it but the answer was lost
	 * @return whether the caller may send it
	 */
	public ClaimResult claimForSending(NotificationDraft draft, ClaimMode mode, String claimToken) {
		Update update = new Update().set(Fields.STATUS, NotificationStatus.SENDING.value())
			.set(Fields.CLAIM_TOKEN, claimToken);
		if (mode == ClaimMode.REPLAY) {
			update.set(Fields.RETRY_COUNT, 0).set(Fields.DEAD_LETTERED, false);
		}
		return transition(draft, mode, update);
	}

	/**
	 * Records a notification that will not be sent (expired, opted out, unrenderable,
	 * invalid), unless it was already handled.
	 * @param draft the notification
	 * @param mode which existing states may be taken over
	 * @param status {@code failed} or {@code expired}
	 * @param code the reason's code
	 * @param error the reason, without secrets or full phone numbers
	 * @param deadLettered whether the event was also put on the dead-letter topic
	 * @param attempt the attempt that decided it
	 * @return whether this call recorded it
	 */
	public ClaimResult recordUnsent(NotificationDraft draft, ClaimMode mode, NotificationStatus status, String code,
			String error, boolean deadLettered, Attempt attempt) {
		if (status != NotificationStatus.FAILED && status != NotificationStatus.EXPIRED) {
			throw new IllegalArgumentException("Not a final unsent status: " + status);
		}
		Instant now = this.clock.instant();
		Update update = new Update().set(Fields.STATUS, status.value())
			.set(status == NotificationStatus.FAILED ? Fields.FAILED_AT : Fields.EXPIRED_AT, now)
			.set(Fields.ERROR_CODE, code)
			.set(Fields.ERROR_MESSAGE, error)
			.set(Fields.DEAD_LETTERED, deadLettered)
			.unset(Fields.NEXT_ATTEMPT_AT)
			.push(Fields.ATTEMPTS)
			.slice(-MAX_ATTEMPTS_KEPT)
			.each(attempt);
		return transition(draft, mode, update);
	}

	private ClaimResult transition(NotificationDraft draft, ClaimMode mode, Update update) {
		Instant now = this.clock.instant();
		update.set(Fields.UPDATED_AT, now)
			.setOnInsert(Fields.ID, UUID.randomUUID().toString())
			.setOnInsert(Fields.EVENT_TYPE, draft.eventType())
			.setOnInsert(Fields.CATEGORY, draft.category())
			.setOnInsert(Fields.CUSTOMER_ID, draft.customerId())
			.setOnInsert(Fields.CUSTOMER_NAME, draft.customerName())
			.setOnInsert(Fields.CREATED_AT, now)
			.setOnInsert(Fields.SOURCE, draft.source())
			.setOnInsert(Fields.RESEND_OF, draft.resendOf());
		if (!update.modifies(Fields.RETRY_COUNT)) {
			update.setOnInsert(Fields.RETRY_COUNT, 0);
		}
		if (!update.modifies(Fields.DEAD_LETTERED)) {
			update.setOnInsert(Fields.DEAD_LETTERED, false);
		}
		// The rendering may differ between attempts (an edited template), so the latest
		// attempt's text is what history shows.
		setIfPresent(update, Fields.LANGUAGE, draft.language());
		setIfPresent(update, Fields.MESSAGE, draft.message());
		setIfPresent(update, Fields.PROVIDER_TEMPLATE, draft.providerTemplate());
		setIfPresent(update, Fields.PARAMETERS, draft.parameters());
		setIfPresent(update, Fields.TEMPLATE_VERSION, draft.templateVersion());
		setIfPresent(update, Fields.REFERENCE_ID, draft.referenceId());
		setIfPresent(update, Fields.CONTEXT, draft.context());
		Query query = Query.query(keyCriteria(draft.key()).andOperator(claimableCriteria(mode)));
		try {
			NotificationRecord claimed = this.mongo.findAndModify(query, update,
					FindAndModifyOptions.options().upsert(true).returnNew(true), NotificationRecord.class);
			if (claimed == null) {
				throw new IllegalStateException("An upsert returned no document");
			}
			return new ClaimResult.Claimed(claimed.id(), claimed.retryCount());
		}
		catch (DuplicateKeyException ex) {
			// The notification exists in a state this attempt may not take over.
			NotificationRecord existing = find(draft.key())
				.orElseThrow(() -> new IllegalStateException("Duplicate key but no document", ex));
			return new ClaimResult.AlreadyHandled(existing.id(), existing.status(), existing.claimToken());
		}
	}

	private static void setIfPresent(Update update, String field, @Nullable Object value) {
		if (value != null) {
			update.set(field, value);
		}
	}

	private static Criteria keyCriteria(IdempotencyKey key) {
		return Criteria.where(Fields.EVENT_ID)
			.is(key.eventId())
			.and(Fields.TYPE)
			.is(key.type())
			.and(Fields.PHONE)
			.is(key.phone());
	}

	private static Criteria claimableCriteria(ClaimMode mode) {
		Criteria queued = Criteria.where(Fields.STATUS).is(NotificationStatus.QUEUED.value());
		if (mode == ClaimMode.REPLAY) {
			Criteria deadLettered = Criteria.where(Fields.STATUS)
				.is(NotificationStatus.FAILED.value())
				.and(Fields.DEAD_LETTERED)
				.is(true);
			return new Criteria().orOperator(queued, deadLettered);
		}
		return queued;
	}

	/**
	 * Takes over a notification that an earlier attempt of this process claimed but never
	 * sent (its claim reached the database, the answer did not).
	 * @param notificationId the notification
	 * @param previousToken the earlier attempt's token
	 * @param claimToken this attempt's token
	 * @return whether the notification was still {@code sending} under the earlier token
	 */
	public boolean reclaim(String notificationId, String previousToken, String claimToken) {
		Query query = Query.query(Criteria.where(Fields.ID)
			.is(notificationId)
			.and(Fields.STATUS)
			.is(NotificationStatus.SENDING.value())
			.and(Fields.CLAIM_TOKEN)
			.is(previousToken));
		Update update = new Update().set(Fields.CLAIM_TOKEN, claimToken).set(Fields.UPDATED_AT, this.clock.instant());
		return this.mongo.updateFirst(query, update, NotificationRecord.class).getModifiedCount() == 1;
	}

	/**
	 * Records that MyOperator accepted a notification.
	 * @param notificationId the notification
	 * @param providerMessageId MyOperator's message id
	 * @param conversationId MyOperator's conversation id, if given
	 * @param attempt the attempt
	 */
	public void markSent(String notificationId, String providerMessageId, @Nullable String conversationId,
			Attempt attempt) {
		Instant now = this.clock.instant();
		Update update = new Update().set(Fields.STATUS, NotificationStatus.SENT.value())
			.set(Fields.SENT_AT, now)
			.set(Fields.UPDATED_AT, now)
			.set(Fields.PROVIDER_MESSAGE_ID, providerMessageId)
			.unset(Fields.NEXT_ATTEMPT_AT)
			.unset(Fields.ERROR_CODE)
			.unset(Fields.ERROR_MESSAGE)
			.push(Fields.ATTEMPTS)
			.slice(-MAX_ATTEMPTS_KEPT)
			.each(attempt);
		setIfPresent(update, Fields.CONVERSATION_ID, conversationId);
		// A status webhook may already have moved it past sent; never move it back.
		updateWhileSending(notificationId, update);
	}

	/**
	 * Records that a notification failed for now and waits on the delay topic.
	 * @param notificationId the notification
	 * @param dueAt when the retry is due
	 * @param code the error's code
	 * @param error the error, without secrets or full phone numbers
	 * @param attempt the attempt
	 */
	public void markRetryScheduled(String notificationId, Instant dueAt, String code, String error, Attempt attempt) {
		Update update = new Update().set(Fields.STATUS, NotificationStatus.QUEUED.value())
			.set(Fields.UPDATED_AT, this.clock.instant())
			.set(Fields.NEXT_ATTEMPT_AT, dueAt)
			.set(Fields.ERROR_CODE, code)
			.set(Fields.ERROR_MESSAGE, error)
			.inc(Fields.RETRY_COUNT, 1)
			.push(Fields.ATTEMPTS)
			.slice(-MAX_ATTEMPTS_KEPT)
			.each(attempt);
		updateWhileSending(notificationId, update);
	}

	/**
	 * Records that a notification was given up on after an attempt.
	 * @param notificationId the notification
	 * @param code the error's code
	 * @param error the error, without secrets or full phone numbers
	 * @param deadLettered whether the event went to the dead-letter topic
	 * @param attempt the attempt
	 */
	public void markFailed(String notificationId, String code, String error, boolean deadLettered, Attempt attempt) {
		Instant now = this.clock.instant();
		Update update = new Update().set(Fields.STATUS, NotificationStatus.FAILED.value())
			.set(Fields.UPDATED_AT, now)
			.set(Fields.FAILED_AT, now)
			.set(Fields.ERROR_CODE, code)
			.set(Fields.ERROR_MESSAGE, error)
			.set(Fields.DEAD_LETTERED, deadLettered)
			.unset(Fields.NEXT_ATTEMPT_AT)
			.push(Fields.ATTEMPTS)
			.slice(-MAX_ATTEMPTS_KEPT)
			.each(attempt);
		updateWhileSending(notificationId, update);
	}

	private void updateWhileSending(String notificationId, Update update) {
		Query query = Query.query(
				Criteria.where(Fields.ID).is(notificationId).and(Fields.STATUS).is(NotificationStatus.SENDING.value()));
		if (this.mongo.updateFirst(query, update, NotificationRecord.class).getMatchedCount() == 0) {
			logger.warn("Notification {} was no longer sending when its attempt ended; left as it is", notificationId);
		}
	}

	/**
	 * Marks notifications that have been {@code sending} for too long as failed with an
	 * unknown outcome: the process that sent them stopped mid-request, so the provider
	 * may or may not have them. They are not resent, because a duplicate is worse than
	 * asking support to resend.
	 * @param olderThan how long a request may take at most, retries included
	 * @return how many were marked
	 */
	public long markInDoubt(Duration olderThan) {
		Instant now = this.clock.instant();
		Query query = Query.query(Criteria.where(Fields.STATUS)
			.is(NotificationStatus.SENDING.value())
			.and(Fields.UPDATED_AT)
			.lt(now.minus(olderThan)));
		Attempt attempt = new Attempt(now, "sweep", 0, "in_doubt", "OUTCOME_UNKNOWN",
				"interrupted while the provider request was in flight; not resent to avoid a duplicate", 0);
		Update update = new Update().set(Fields.STATUS, NotificationStatus.FAILED.value())
			.set(Fields.UPDATED_AT, now)
			.set(Fields.FAILED_AT, now)
			.set(Fields.ERROR_CODE, "OUTCOME_UNKNOWN")
			.set(Fields.ERROR_MESSAGE, attempt.error())
			.push(Fields.ATTEMPTS)
			.slice(-MAX_ATTEMPTS_KEPT)
			.each(attempt);
		return this.mongo.updateMulti(query, update, NotificationRecord.class).getModifiedCount();
	}

	/**
	 * Finds a notification by its idempotency key.
	 * @param key the key
	 * @return the notification, if recorded
	 */
	public Optional<NotificationRecord> find(IdempotencyKey key) {
		return Optional.ofNullable(this.mongo.findOne(Query.query(keyCriteria(key)), NotificationRecord.class));
	}

	/**
	 * Finds a notification by its id.
	 * @param notificationId the id
	 * @return the notification, if recorded
	 */
	public Optional<NotificationRecord> findById(String notificationId) {
		return Optional.ofNullable(this.mongo.findById(notificationId, NotificationRecord.class));
	}

	/**
	 * Finds the notifications of one event, newest first.
	 * @param eventId the event's id
	 * @return its notifications
	 */
	public List<NotificationRecord> findByEventId(String eventId) {
		return this.mongo.find(Query.query(Criteria.where(Fields.EVENT_ID).is(eventId))
			.with(Sort.by(Sort.Direction.DESC, Fields.CREATED_AT)), NotificationRecord.class);
	}

}
