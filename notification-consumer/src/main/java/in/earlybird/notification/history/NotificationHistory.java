package in.earlybird.notification.history;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.UpdateOneModel;
import in.earlybird.notification.history.NotificationRecord.Fields;
import in.earlybird.notification.shared.Coalescer;
import io.micrometer.core.instrument.MeterRegistry;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * Reads and writes {@code notifications_log}.
 *
 * <p>
 * The sending path touches a notification only by its {@code _id}, which is derived from
 * the idempotency key ({@link NotificationIds}): a claim is an insert (the unique
 * {@code _id}, and the unique {@code (eventId, type, phone)} index behind it, let only
 * one claimant win), an outcome is an update by {@code _id}. Both stay as cheap with a
 * million notifications as with ten, on MongoDB and on the embedded server alike, and the
 * writes of concurrent attempts go to the server together, one round trip per batch.
 *
 * <p>
 * Taking over a notification that already exists (a retry, a replay, a redelivery) is
 * rarer and needs a guard: the claimant inserts a claim marker numbered after the
 * notification's claim count, and only the one whose insert succeeds moves it on.
 */
@Component
public class NotificationHistory implements DisposableBean {

	/** Where claim markers go: one per take-over of an existing notification. */
	public static final String CLAIMS_COLLECTION = "notification_claims";

	/** Attempts kept per notification; older ones are dropped. */
	private static final int MAX_ATTEMPTS_KEPT = 50;

	private static final int DUPLICATE_KEY = 11000;

	private static final int MAX_BATCH = 500;

	/** Under load, a write waits this long at most for others to share its round trip. */
	private static final Duration LINGER = Duration.ofMillis(1);

	private final MongoTemplate mongo;

	private final Clock clock;

	private final Coalescer<Document, Inserted> inserts;

	private final Coalescer<UpdateOneModel<Document>, Boolean> updates;

	private final Coalescer<String, Optional<Document>> lookups;

	NotificationHistory(MongoTemplate mongo, Clock clock, MeterRegistry meters) {
		this.mongo = mongo;
		this.clock = clock;
		this.inserts = new Coalescer<>("history-inserts", MAX_BATCH, LINGER, meters, this::insertAll);
		this.updates = new Coalescer<>("history-updates", MAX_BATCH, LINGER, meters, this::updateAll);
		this.lookups = new Coalescer<>("history-lookups", MAX_BATCH, meters, this::lookUpAll);
	}

	/**
	 * Takes a notification over for sending: creates it as {@code sending}, or moves it
	 * there from a state the mode allows. Only one caller can win. A caller that repeats
	 * a claim whose answer it lost (same token) wins again.
	 * @param draft the notification
	 * @param mode which existing states may be taken over
	 * @param claimToken identifies this attempt
	 * @param owner the instance that makes the attempt
	 * @return whether the caller may send it
	 */
	public ClaimResult claim(NotificationDraft draft, ClaimMode mode, String claimToken, String owner) {
		Instant now = this.clock.instant();
		Document created = newDocument(draft, now).append(Fields.STATUS, NotificationStatus.SENDING.value())
			.append(Fields.CLAIM_TOKEN, claimToken)
			.append(Fields.OWNER, owner);
		Document takeOver = rendering(draft).append(Fields.STATUS, NotificationStatus.SENDING.value())
			.append(Fields.CLAIM_TOKEN, claimToken)
			.append(Fields.OWNER, owner)
			.append(Fields.UPDATED_AT, now);
		if (mode == ClaimMode.REPLAY) {
			takeOver.append(Fields.RETRY_COUNT, 0).append(Fields.DEAD_LETTERED, false);
		}
		return createOrTakeOver(draft, mode, claimToken, created, new Document("$set", takeOver));
	}

	/**
	 * Records a notification that will not be sent (expired, opted out, unrenderable,
	 * invalid), unless it was already handled.
	 * @param draft the notification
	 * @param mode which existing states may be taken over
	 * @param status {@code failed} or {@code expired}
	 * @param code the reason's code
	 * @param error the reason, without secrets or full phone numbers
	 * @param attempt the attempt that decided it
	 * @return whether this call recorded it
	 */
	public ClaimResult recordUnsent(NotificationDraft draft, ClaimMode mode, NotificationStatus status, String code,
			String error, Attempt attempt) {
		if (status != NotificationStatus.FAILED && status != NotificationStatus.EXPIRED) {
			throw new IllegalArgumentException("Not a final unsent status: " + status);
		}
		Instant now = this.clock.instant();
		String at = (status == NotificationStatus.FAILED) ? Fields.FAILED_AT : Fields.EXPIRED_AT;
		Document created = newDocument(draft, now).append(Fields.STATUS, status.value())
			.append(at, now)
			.append(Fields.ERROR_CODE, code)
			.append(Fields.ERROR_MESSAGE, error)
			.append(Fields.ATTEMPTS, List.of(attemptDocument(attempt)));
		Document set = rendering(draft).append(Fields.STATUS, status.value())
			.append(at, now)
			.append(Fields.UPDATED_AT, now)
			.append(Fields.ERROR_CODE, code)
			.append(Fields.ERROR_MESSAGE, error)
			.append(Fields.DEAD_LETTERED, false);
		Document update = new Document("$set", set).append("$unset", new Document(Fields.NEXT_ATTEMPT_AT, ""))
			.append("$push", pushAttempt(attempt));
		return createOrTakeOver(draft, mode, null, created, update);
	}

	private ClaimResult createOrTakeOver(NotificationDraft draft, ClaimMode mode, @Nullable String claimToken,
			Document created, Document takeOver) {
		String id = created.getString(Fields.ID);
		if (this.inserts.call(created) == Inserted.CREATED) {
			return new ClaimResult.Claimed(id, 0);
		}
		Document existing = lookUp(id).or(() -> findDocument(draft.key()))
			.orElseThrow(() -> new IllegalStateException("Notification " + id + " exists but cannot be read"));
		return takeOver(existing, mode, claimToken, takeOver);
	}

	private ClaimResult takeOver(Document existing, ClaimMode mode, @Nullable String claimToken, Document update) {
		String id = existing.getString(Fields.ID);
		NotificationStatus status = NotificationStatus.fromValue(existing.getString(Fields.STATUS));
		String holder = existing.getString(Fields.CLAIM_TOKEN);
		int retryCount = existing.getInteger(Fields.RETRY_COUNT, 0);
		if (claimToken != null && status == NotificationStatus.SENDING && claimToken.equals(holder)) {
			// This attempt's own claim, written before its answer was lost.
			return new ClaimResult.Claimed(id, retryCount);
		}
		if (!isClaimable(status, existing.getBoolean(Fields.DEAD_LETTERED, false), mode)) {
			return new ClaimResult.AlreadyHandled(id, status, holder);
		}
		int next = existing.getInteger(Fields.CLAIM_SEQ, 1) + 1;
		String marker = id + "#" + next;
		String token = (claimToken != null) ? claimToken : java.util.UUID.randomUUID().toString();
		if (!insertMarker(marker, token)) {
			Document won = this.mongo.getCollection(CLAIMS_COLLECTION).find(Filters.eq(Fields.ID, marker)).first();
			if (won == null || !token.equals(won.getString(Fields.CLAIM_TOKEN))) {
				Document now = lookUp(id).orElse(existing);
				return new ClaimResult.AlreadyHandled(id, NotificationStatus.fromValue(now.getString(Fields.STATUS)),
						now.getString(Fields.CLAIM_TOKEN));
			}
			// Our own marker, written before its answer was lost: finish the take-over.
		}
		Document set = update.get("$set", Document.class);
		set.append(Fields.CLAIM_SEQ, next);
		update(id, update);
		return new ClaimResult.Claimed(id, set.getInteger(Fields.RETRY_COUNT, retryCount));
	}

	private boolean insertMarker(String marker, String token) {
		try {
			this.mongo.getCollection(CLAIMS_COLLECTION)
				.insertOne(new Document(Fields.ID, marker).append(Fields.CLAIM_TOKEN, token)
					.append(Fields.CREATED_AT, this.clock.instant()));
			return true;
		}
		catch (MongoWriteException ex) {
			if (ex.getError().getCode() == DUPLICATE_KEY) {
				return false;
			}
			throw ex;
		}
	}

	private static boolean isClaimable(NotificationStatus status, boolean deadLettered, ClaimMode mode) {
		return status == NotificationStatus.QUEUED
				|| (mode == ClaimMode.REPLAY && status == NotificationStatus.FAILED && deadLettered);
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
		Document set = new Document(Fields.STATUS, NotificationStatus.SENT.value()).append(Fields.SENT_AT, now)
			.append(Fields.UPDATED_AT, now)
			.append(Fields.PROVIDER_MESSAGE_ID, providerMessageId);
		if (conversationId != null) {
			set.append(Fields.CONVERSATION_ID, conversationId);
		}
		// Only this attempt writes while the notification is sending, and delivery
		// reports find it by the provider's message id, which only this write sets: an
		// update by _id cannot move a status backwards.
		update(notificationId,
				new Document("$set", set)
					.append("$unset",
							new Document(Fields.NEXT_ATTEMPT_AT, "").append(Fields.ERROR_CODE, "")
								.append(Fields.ERROR_MESSAGE, ""))
					.append("$push", pushAttempt(attempt)));
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
		Document set = new Document(Fields.STATUS, NotificationStatus.QUEUED.value())
			.append(Fields.UPDATED_AT, this.clock.instant())
			.append(Fields.NEXT_ATTEMPT_AT, dueAt)
			.append(Fields.ERROR_CODE, code)
			.append(Fields.ERROR_MESSAGE, error);
		update(notificationId, new Document("$set", set).append("$inc", new Document(Fields.RETRY_COUNT, 1))
			.append("$push", pushAttempt(attempt)));
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
		Document set = new Document(Fields.STATUS, NotificationStatus.FAILED.value()).append(Fields.UPDATED_AT, now)
			.append(Fields.FAILED_AT, now)
			.append(Fields.ERROR_CODE, code)
			.append(Fields.ERROR_MESSAGE, error)
			.append(Fields.DEAD_LETTERED, deadLettered);
		update(notificationId, new Document("$set", set).append("$unset", new Document(Fields.NEXT_ATTEMPT_AT, ""))
			.append("$push", pushAttempt(attempt)));
	}

	/**
	 * Records that the provider may or may not have taken a notification (its request
	 * timed out after it was sent). It is not resent; a delivery report or support
	 * settles it.
	 * @param notificationId the notification
	 * @param code what happened, e.g. {@code READ_TIMEOUT}
	 * @param error the details, without secrets or full phone numbers
	 * @param attempt the attempt
	 */
	public void markInDoubt(String notificationId, String code, String error, Attempt attempt) {
		Document set = new Document(Fields.STATUS, NotificationStatus.IN_DOUBT.value())
			.append(Fields.UPDATED_AT, this.clock.instant())
			.append(Fields.ERROR_CODE, code)
			.append(Fields.ERROR_MESSAGE, error);
		update(notificationId, new Document("$set", set).append("$unset", new Document(Fields.NEXT_ATTEMPT_AT, ""))
			.append("$push", pushAttempt(attempt)));
	}

	/**
	 * Marks notifications left {@code sending} by an instance that is gone as in doubt:
	 * that instance stopped mid-attempt, so the provider may or may not have them. They
	 * are not resent, because a duplicate is worse than asking support to resend.
	 * @param olderThan how long an attempt may run at most, retries included
	 * @param ownerAlive tells whether an instance still holds its claims
	 * @return how many were marked
	 */
	public long sweepAbandoned(Duration olderThan, Predicate<String> ownerAlive) {
		Instant now = this.clock.instant();
		Query stale = Query.query(Criteria.where(Fields.STATUS)
			.is(NotificationStatus.SENDING.value())
			.and(Fields.UPDATED_AT)
			.lt(now.minus(olderThan)));
		stale.fields().include(Fields.ID, Fields.OWNER, Fields.CLAIM_TOKEN);
		Map<String, Boolean> alive = new HashMap<>();
		long marked = 0;
		for (Document candidate : this.mongo.find(stale, Document.class, NotificationRecord.COLLECTION)) {
			String owner = candidate.getString(Fields.OWNER);
			if (owner != null && alive.computeIfAbsent(owner, ownerAlive::test)) {
				continue;
			}
			Attempt attempt = new Attempt(now, "sweep", 0, AttemptOutcome.IN_DOUBT.value(), "OUTCOME_UNKNOWN",
					"the instance sending it stopped while the provider request may have been in flight; "
							+ "not resent to avoid a duplicate",
					0);
			Document set = new Document(Fields.STATUS, NotificationStatus.IN_DOUBT.value())
				.append(Fields.UPDATED_AT, now)
				.append(Fields.ERROR_CODE, "OUTCOME_UNKNOWN")
				.append(Fields.ERROR_MESSAGE, attempt.error());
			// Guarded by the claim, so an attempt that finished meanwhile is left alone.
			Bson stillAbandoned = Filters.and(Filters.eq(Fields.ID, candidate.getString(Fields.ID)),
					Filters.eq(Fields.STATUS, NotificationStatus.SENDING.value()),
					Filters.eq(Fields.CLAIM_TOKEN, candidate.getString(Fields.CLAIM_TOKEN)));
			marked += collection()
				.updateOne(stillAbandoned, new Document("$set", set).append("$push", pushAttempt(attempt)))
				.getModifiedCount();
		}
		return marked;
	}

	/**
	 * Finds a notification by its idempotency key.
	 * @param key the key
	 * @return the notification, if recorded
	 */
	public Optional<NotificationRecord> find(IdempotencyKey key) {
		return findById(NotificationIds.of(key))
			.or(() -> Optional.ofNullable(this.mongo.findOne(Query.query(keyCriteria(key)), NotificationRecord.class)));
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

	private Optional<Document> findDocument(IdempotencyKey key) {
		// Notifications recorded before ids were derived from the key have random ids.
		return Optional.ofNullable(
				this.mongo.findOne(Query.query(keyCriteria(key)), Document.class, NotificationRecord.COLLECTION));
	}

	private Optional<Document> lookUp(String id) {
		return this.lookups.call(id);
	}

	private void update(String id, Document update) {
		this.updates.call(new UpdateOneModel<>(Filters.eq(Fields.ID, id), update));
	}

	private List<Inserted> insertAll(List<Document> documents) {
		List<Inserted> results = new ArrayList<>(Collections.nCopies(documents.size(), Inserted.CREATED));
		try {
			collection().insertMany(documents, new InsertManyOptions().ordered(false));
		}
		catch (MongoBulkWriteException ex) {
			if (ex.getWriteConcernError() != null) {
				throw ex;
			}
			for (BulkWriteError error : ex.getWriteErrors()) {
				if (error.getCode() != DUPLICATE_KEY) {
					throw ex;
				}
				results.set(error.getIndex(), Inserted.EXISTS);
			}
		}
		return results;
	}

	private List<Boolean> updateAll(List<UpdateOneModel<Document>> models) {
		collection().bulkWrite(models, new BulkWriteOptions().ordered(false));
		return Collections.nCopies(models.size(), Boolean.TRUE);
	}

	private List<Optional<Document>> lookUpAll(List<String> ids) {
		Map<String, Document> found = new HashMap<>();
		for (Document document : collection().find(Filters.in(Fields.ID, ids))) {
			found.put(document.getString(Fields.ID), document);
		}
		List<Optional<Document>> results = new ArrayList<>(ids.size());
		for (String id : ids) {
			results.add(Optional.ofNullable(found.get(id)));
		}
		return results;
	}

	private MongoCollection<Document> collection() {
		return this.mongo.getCollection(NotificationRecord.COLLECTION);
	}

	private Document newDocument(NotificationDraft draft, Instant now) {
		Document document = new Document(Fields.ID, NotificationIds.of(draft.key()))
			.append(Fields.EVENT_ID, draft.eventId())
			.append(Fields.EVENT_TYPE, draft.eventType())
			.append(Fields.TYPE, draft.type())
			.append(Fields.CATEGORY, draft.category())
			.append(Fields.PHONE, draft.phone());
		appendIfPresent(document, Fields.CUSTOMER_ID, draft.customerId());
		appendIfPresent(document, Fields.CUSTOMER_NAME, draft.customerName());
		document.putAll(rendering(draft));
		document.append(Fields.CREATED_AT, now)
			.append(Fields.UPDATED_AT, now)
			.append(Fields.RETRY_COUNT, 0)
			.append(Fields.DEAD_LETTERED, false)
			.append(Fields.CLAIM_SEQ, 1);
		if (draft.source() != null) {
			document.append(Fields.SOURCE,
					new Document("topic", draft.source().topic()).append("partition", draft.source().partition())
						.append("offset", draft.source().offset()));
		}
		appendIfPresent(document, Fields.RESEND_OF, draft.resendOf());
		return document;
	}

	/**
	 * The fields of the latest rendering: it may differ between attempts (an edited
	 * template), so the latest attempt's text is what history shows.
	 */
	private Document rendering(NotificationDraft draft) {
		Document rendering = new Document();
		appendIfPresent(rendering, Fields.LANGUAGE, draft.language());
		appendIfPresent(rendering, Fields.MESSAGE, draft.message());
		appendIfPresent(rendering, Fields.PROVIDER_TEMPLATE, draft.providerTemplate());
		appendIfPresent(rendering, Fields.PARAMETERS, draft.parameters());
		appendIfPresent(rendering, Fields.TEMPLATE_VERSION, draft.templateVersion());
		appendIfPresent(rendering, Fields.REFERENCE_ID, draft.referenceId());
		if (draft.context() != null) {
			// The converter stores the event's values (decimals among them) as the
			// mapped record reads them back.
			rendering.append(Fields.CONTEXT, this.mongo.getConverter().convertToMongoType(draft.context()));
		}
		return rendering;
	}

	private static void appendIfPresent(Document document, String field, @Nullable Object value) {
		if (value != null) {
			document.append(field, value);
		}
	}

	private static Document pushAttempt(Attempt attempt) {
		return new Document(Fields.ATTEMPTS,
				new Document("$each", List.of(attemptDocument(attempt))).append("$slice", -MAX_ATTEMPTS_KEPT));
	}

	private static Document attemptDocument(Attempt attempt) {
		Document document = new Document("at", attempt.at()).append("trigger", attempt.trigger())
			.append("topicAttempt", attempt.topicAttempt())
			.append("outcome", attempt.outcome());
		appendIfPresent(document, "code", attempt.code());
		appendIfPresent(document, "error", attempt.error());
		return document.append("providerCalls", attempt.providerCalls());
	}

	private static Criteria keyCriteria(IdempotencyKey key) {
		return Criteria.where(Fields.EVENT_ID)
			.is(key.eventId())
			.and(Fields.TYPE)
			.is(key.type())
			.and(Fields.PHONE)
			.is(key.phone());
	}

	@Override
	public void destroy() {
		this.inserts.close();
		this.updates.close();
		this.lookups.close();
	}

	/** What became of one insert of a batch. */
	private enum Inserted {

		CREATED, EXISTS

	}

}
