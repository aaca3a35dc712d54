package in.earlybird.notification.history;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import in.earlybird.notification.history.NotificationRecord.Fields;
import in.earlybird.notification.shared.India;
import org.bson.Document;
import org.jspecify.annotations.Nullable;

import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

/**
 * The admin side's reads of {@code notifications_log}: filtered listings in the order of
 * the history indexes, and statistics computed by MongoDB's aggregation in one pass over
 * the window (the creation-time index narrows it), never by loading documents into the
 * service.
 */
@Component
public class NotificationQueries {

	private static final Sort NEWEST_FIRST = Sort.by(Sort.Order.desc(Fields.CREATED_AT), Sort.Order.desc(Fields.ID));

	private final MongoTemplate mongo;

	NotificationQueries(MongoTemplate mongo) {
		this.mongo = mongo;
	}

	/**
	 * Lists notifications newest first, continuing after a cursor.
	 * @param filter what to list
	 * @param after where the previous page ended, or {@code null} for the first page
	 * @param limit the page size
	 * @return the page and where the next one starts
	 */
	public HistorySlice list(HistoryFilter filter, @Nullable HistoryCursor after, int limit) {
		Criteria criteria = criteria(filter);
		if (after != null) {
			criteria = new Criteria().andOperator(criteria,
					new Criteria().orOperator(Criteria.where(Fields.CREATED_AT).lt(after.createdAt()),
							Criteria.where(Fields.CREATED_AT).is(after.createdAt()).and(Fields.ID).lt(after.id())));
		}
		List<NotificationRecord> found = this.mongo.find(Query.query(criteria).with(NEWEST_FIRST).limit(limit + 1),
				NotificationRecord.class);
		if (found.size() <= limit) {
			return new HistorySlice(found, null);
		}
		List<NotificationRecord> page = found.subList(0, limit);
		return new HistorySlice(page, HistoryCursor.after(page.get(limit - 1)));
	}

	/**
	 * Lists one numbered page of notifications, newest first. Cursor paging
	 * ({@link #list}) is cheaper for deep pages.
	 * @param filter what to list
	 * @param page the page, from 0
	 * @param size the page size
	 * @return the page's notifications
	 */
	public List<NotificationRecord> page(HistoryFilter filter, int page, int size) {
		Query query = Query.query(criteria(filter)).with(NEWEST_FIRST).skip((long) page * size).limit(size);
		return this.mongo.find(query, NotificationRecord.class);
	}

	/**
	 * Counts the notifications a filter matches.
	 * @param filter what to count
	 * @return how many match
	 */
	public long count(HistoryFilter filter) {
		return this.mongo.count(Query.query(criteria(filter)), NotificationRecord.class);
	}

	/**
	 * Counts the resends of a notification.
	 * @param notificationId the original notification
	 * @return how many notifications re-send it
	 */
	public long countResendsOf(String notificationId) {
		return this.mongo.count(Query.query(Criteria.where(Fields.RESEND_OF).is(notificationId)),
				NotificationRecord.class);
	}

	/**
	 * Counts the notifications created in a window by state, per template and per day,
	 * with one aggregation.
	 * @param from the window's start, inclusive
	 * @param to the window's end, exclusive
	 * @return the statistics
	 */
	public NotificationStatistics statistics(Instant from, Instant to) {
		Document match = new Document("$match",
				new Document(Fields.CREATED_AT, new Document("$gte", from).append("$lt", to)));
		Document day = new Document("$dateToString",
				new Document("format", "%Y-%m-%d").append("date", field(Fields.CREATED_AT))
					.append("timezone", India.ZONE.getId()));
		Document facet = new Document("$facet",
				new Document("totals", List.of(new Document("$group", counts(null))))
					.append("byType", List.of(new Document("$group", counts(field(Fields.TYPE)))))
					.append("byDay", List.of(new Document("$group", counts(day)))));
		Document result = this.mongo.getCollection(NotificationRecord.COLLECTION)
			.aggregate(List.of(match, facet))
			.first();
		StatusCounts totals = StatusCounts.NONE;
		Map<String, StatusCounts> byType = new HashMap<>();
		Map<LocalDate, StatusCounts> byDay = new HashMap<>();
		if (result != null) {
			for (Document group : result.getList("totals", Document.class, List.of())) {
				totals = statusCounts(group);
			}
			for (Document group : result.getList("byType", Document.class, List.of())) {
				byType.put(group.getString("_id"), statusCounts(group));
			}
			for (Document group : result.getList("byDay", Document.class, List.of())) {
				byDay.put(LocalDate.parse(group.getString("_id")), statusCounts(group));
			}
		}
		return new NotificationStatistics(from, to, totals, byType, byDay);
	}

	private static Document counts(@Nullable Object groupKey) {
		String status = field(Fields.STATUS);
		return new Document("_id", groupKey).append("total", new Document("$sum", 1))
			.append("queued", countIf(eq(status, NotificationStatus.QUEUED)))
			.append("sending", countIf(eq(status, NotificationStatus.SENDING)))
			// Accepted by MyOperator, whatever a delivery report said afterwards.
			.append("sent", countIf(new Document("$gt", Arrays.asList(field(Fields.SENT_AT), null))))
			.append("delivered",
					countIf(new Document("$or",
							List.of(eq(status, NotificationStatus.DELIVERED), eq(status, NotificationStatus.READ)))))
			.append("read", countIf(eq(status, NotificationStatus.READ)))
			.append("failed", countIf(eq(status, NotificationStatus.FAILED)))
			.append("expired", countIf(eq(status, NotificationStatus.EXPIRED)))
			.append("inDoubt", countIf(eq(status, NotificationStatus.IN_DOUBT)))
			.append("retried", countIf(new Document("$gt", List.of(field(Fields.RETRY_COUNT), 0))))
			.append("deadLettered", countIf(new Document("$eq", List.of(field(Fields.DEAD_LETTERED), true))));
	}

	private static String field(String name) {
		return "$" + name;
	}

	private static Document eq(String status, NotificationStatus value) {
		return new Document("$eq", List.of(status, value.value()));
	}

	private static Document countIf(Document condition) {
		return new Document("$sum", new Document("$cond", List.of(condition, 1, 0)));
	}

	private static StatusCounts statusCounts(Document group) {
		return new StatusCounts(number(group, "total"), number(group, "queued"), number(group, "sending"),
				number(group, "sent"), number(group, "delivered"), number(group, "read"), number(group, "failed"),
				number(group, "expired"), number(group, "inDoubt"), number(group, "retried"),
				number(group, "deadLettered"));
	}

	private static long number(Document group, String name) {
		Object value = group.get(name);
		return (value instanceof Number number) ? number.longValue() : 0;
	}

	private static Criteria criteria(HistoryFilter filter) {
		Criteria criteria = new Criteria();
		if (filter.phone() != null) {
			criteria.and(Fields.PHONE).is(filter.phone());
		}
		if (filter.status() != null) {
			criteria.and(Fields.STATUS).is(filter.status().value());
		}
		if (filter.type() != null) {
			criteria.and(Fields.TYPE).is(filter.type());
		}
		if (filter.eventId() != null) {
			criteria.and(Fields.EVENT_ID).is(filter.eventId());
		}
		if (filter.from() != null || filter.to() != null) {
			Criteria time = criteria.and(Fields.CREATED_AT);
			if (filter.from() != null) {
				time.gte(filter.from());
			}
			if (filter.to() != null) {
				time.lt(filter.to());
			}
		}
		return criteria;
	}

}
