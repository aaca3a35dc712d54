package in.earlybird.notification.history;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import in.earlybird.notification.history.NotificationRecord.Fields;
import in.earlybird.notification.shared.Redaction;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Applies MyOperator's delivery reports to history. Each report is one atomic update
 * guarded by the current status, so a status only ever moves forward (sent → delivered →
 * read, or sent → failed) however late, duplicated or out of order reports arrive.
 *
 * <p>
 * A report whose provider message id is in no notification yet (it can overtake our own
 * record of the send) is kept in {@value #UNMATCHED_COLLECTION} and tried again every
 * {@code notification.history.reconcile-interval} until it applies or expires.
 */
@Component
public class ProviderStatusReports implements InitializingBean {

	private static final Logger logger = LoggerFactory.getLogger(ProviderStatusReports.class);

	/** Where reports for unknown message ids wait. */
	public static final String UNMATCHED_COLLECTION = "webhook_unmatched";

	static final String RECEIVED_AT = "receivedAt";

	static final String REFERENCE = "reference";

	private static final List<String> BEFORE_DELIVERED = List.of(NotificationStatus.SENDING.value(),
			NotificationStatus.SENT.value());

	private static final List<String> BEFORE_READ = List.of(NotificationStatus.SENDING.value(),
			NotificationStatus.SENT.value(), NotificationStatus.DELIVERED.value());

	private final MongoTemplate mongo;

	private final Clock clock;

	private final HistoryProperties properties;

	ProviderStatusReports(MongoTemplate mongo, Clock clock, HistoryProperties properties) {
		this.mongo = mongo;
		this.clock = clock;
		this.properties = properties;
	}

	@Override
	public void afterPropertiesSet() {
		this.mongo.indexOps(UNMATCHED_COLLECTION)
			.createIndex(new Index().named("provider_message_id").on(Fields.PROVIDER_MESSAGE_ID, Sort.Direction.ASC));
		this.mongo.indexOps(UNMATCHED_COLLECTION)
			.createIndex(new Index().named("expiry")
				.on(RECEIVED_AT, Sort.Direction.ASC)
				.expire(this.properties.unmatchedReportTtl()));
	}

	/**
	 * Applies a report, or keeps it for later if no notification has its message id.
	 * @param report the report
	 * @return what the report did
	 */
	public ProviderStatusResult apply(ProviderStatusReport report) {
		ProviderStatusResult result = update(report);
		if (result == ProviderStatusResult.UNMATCHED) {
			keep(report);
		}
		return result;
	}

	/**
	 * Tries the kept reports again, oldest first, and forgets those that now match a
	 * notification.
	 * @return how many kept reports matched
	 */
	@Scheduled(fixedDelayString = "${notification.history.reconcile-interval:30s}",
			initialDelayString = "${notification.history.reconcile-interval:30s}")
	public int reconcile() {
		Query oldestFirst = new Query().with(Sort.by(RECEIVED_AT)).limit(this.properties.reconcileBatch());
		int matched = 0;
		for (Document kept : this.mongo.find(oldestFirst, Document.class, UNMATCHED_COLLECTION)) {
			ProviderStatusReport report = new ProviderStatusReport(kept.getString(Fields.PROVIDER_MESSAGE_ID),
					NotificationStatus.fromValue(kept.getString(Fields.STATUS)), kept.getDate("occurredAt").toInstant(),
					kept.getString(Fields.ERROR_CODE), kept.getString(Fields.ERROR_MESSAGE), kept.getString("_id"),
					kept.getString(REFERENCE));
			if (update(report) != ProviderStatusResult.UNMATCHED) {
				this.mongo.remove(Query.query(Criteria.where("_id").is(report.reportId())), UNMATCHED_COLLECTION);
				matched++;
			}
		}
		if (matched > 0) {
			logger.info("Applied {} delivery reports that had arrived before their messages were recorded", matched);
		}
		return matched;
	}

	/**
	 * Counts the reports waiting for their message.
	 * @return how many are kept
	 */
	public long unmatchedCount() {
		return this.mongo.count(new Query(), UNMATCHED_COLLECTION);
	}

	private ProviderStatusResult update(ProviderStatusReport report) {
		Instant now = this.clock.instant();
		Update update = new Update().set(Fields.STATUS, report.status().value()).set(Fields.UPDATED_AT, now);
		List<String> movableFrom;
		switch (report.status()) {
			case DELIVERED -> {
				movableFrom = BEFORE_DELIVERED;
				update.set(Fields.DELIVERED_AT, report.occurredAt());
			}
			case READ -> {
				movableFrom = BEFORE_READ;
				update.set(Fields.READ_AT, report.occurredAt());
			}
			case FAILED -> {
				movableFrom = BEFORE_DELIVERED;
				update.set(Fields.FAILED_AT, report.occurredAt())
					.set(Fields.ERROR_CODE, (report.errorCode() != null) ? report.errorCode() : "DELIVERY_FAILED")
					.set(Fields.ERROR_MESSAGE, Redaction.safe((report.errorMessage() != null) ? report.errorMessage()
							: "WhatsApp reported the message as failed"));
			}
			// We record sent ourselves when MyOperator accepts a message, so a sent
			// report never moves anything.
			default -> movableFrom = List.of();
		}
		Criteria byMessage = Criteria.where(Fields.PROVIDER_MESSAGE_ID).is(report.providerMessageId());
		if (!movableFrom.isEmpty() && this.mongo.updateFirst(Query.query(Criteria.where(Fields.PROVIDER_MESSAGE_ID)
			.is(report.providerMessageId())
			.and(Fields.STATUS)
			.in(movableFrom)), update, NotificationRecord.class).getMatchedCount() > 0) {
			return ProviderStatusResult.UPDATED;
		}
		if (report.status() == NotificationStatus.DELIVERED) {
			// Read overtook delivered: keep the status, but record when it was delivered.
			this.mongo.updateFirst(
					Query.query(Criteria.where(Fields.PROVIDER_MESSAGE_ID)
						.is(report.providerMessageId())
						.and(Fields.STATUS)
						.is(NotificationStatus.READ.value())
						.and(Fields.DELIVERED_AT)
						.isNull()),
					new Update().set(Fields.DELIVERED_AT, report.occurredAt()), NotificationRecord.class);
		}
		if (this.mongo.exists(Query.query(byMessage), NotificationRecord.class)) {
			return ProviderStatusResult.STALE;
		}
		return settleInDoubt(report) ? ProviderStatusResult.UPDATED : ProviderStatusResult.UNMATCHED;
	}

	/**
	 * Settles a notification whose send answer never reached us (in doubt) by the
	 * reference the report gives back: the report says what the customer saw, and from
	 * now on the notification is known by the provider's message id too.
	 */
	private boolean settleInDoubt(ProviderStatusReport report) {
		if (report.reference() == null) {
			return false;
		}
		Update settled = new Update().set(Fields.STATUS, report.status().value())
			.set(Fields.PROVIDER_MESSAGE_ID, report.providerMessageId())
			.set(Fields.UPDATED_AT, this.clock.instant())
			.set(switch (report.status()) {
				case SENT -> Fields.SENT_AT;
				case DELIVERED -> Fields.DELIVERED_AT;
				case READ -> Fields.READ_AT;
				default -> Fields.FAILED_AT;
			}, report.occurredAt());
		if (report.status() == NotificationStatus.FAILED) {
			settled.set(Fields.ERROR_CODE, (report.errorCode() != null) ? report.errorCode() : "DELIVERY_FAILED")
				.set(Fields.ERROR_MESSAGE, Redaction.safe((report.errorMessage() != null) ? report.errorMessage()
						: "WhatsApp reported the message as failed"));
		}
		else {
			settled.unset(Fields.ERROR_CODE).unset(Fields.ERROR_MESSAGE);
		}
		boolean updated = this.mongo.updateFirst(Query.query(Criteria.where(Fields.ID)
			.is(report.reference())
			.and(Fields.STATUS)
			.is(NotificationStatus.IN_DOUBT.value())), settled, NotificationRecord.class).getModifiedCount() > 0;
		if (updated) {
			logger.info("Notification {} was in doubt; MyOperator reports it {}", report.reference(),
					report.status().value());
		}
		return updated;
	}

	private void keep(ProviderStatusReport report) {
		Update kept = new Update().set(Fields.PROVIDER_MESSAGE_ID, report.providerMessageId())
			.set(Fields.STATUS, report.status().value())
			.set("occurredAt", report.occurredAt())
			.set(RECEIVED_AT, this.clock.instant());
		if (report.errorCode() != null) {
			kept.set(Fields.ERROR_CODE, report.errorCode());
		}
		if (report.errorMessage() != null) {
			kept.set(Fields.ERROR_MESSAGE, Redaction.safe(report.errorMessage()));
		}
		if (report.reference() != null) {
			kept.set(REFERENCE, report.reference());
		}
		this.mongo.upsert(Query.query(Criteria.where("_id").is(report.reportId())), kept, UNMATCHED_COLLECTION);
	}

}
