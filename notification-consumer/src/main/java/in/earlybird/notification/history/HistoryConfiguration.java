package in.earlybird.notification.history;

import java.util.List;

import in.earlybird.notification.history.NotificationRecord.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.data.convert.ReadingConverter;
import org.springframework.data.convert.WritingConverter;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.convert.MongoCustomConversions;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Creates the history indexes at start-up, before any listener consumes, stores statuses
 * in lower case, and runs the reconciliation of early delivery reports.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class HistoryConfiguration {

	@Bean
	MongoCustomConversions mongoCustomConversions() {
		return new MongoCustomConversions(List.of(new StatusWriter(), new StatusReader()));
	}

	@Bean
	HistoryIndexes historyIndexes(MongoTemplate mongo) {
		return new HistoryIndexes(mongo);
	}

	/** Explicit, idempotent index creation for {@code notifications_log}. */
	static final class HistoryIndexes implements InitializingBean {

		private static final Logger logger = LoggerFactory.getLogger(HistoryIndexes.class);

		/** The unique index that makes a redelivered or replayed event a no-op. */
		static final String IDEMPOTENCY_INDEX = "idempotency_key";

		private final MongoTemplate mongo;

		HistoryIndexes(MongoTemplate mongo) {
			this.mongo = mongo;
		}

		@Override
		public void afterPropertiesSet() {
			IndexOperations indexes = this.mongo.indexOps(NotificationRecord.COLLECTION);
			indexes.createIndex(new Index().named(IDEMPOTENCY_INDEX)
				.on(Fields.EVENT_ID, Sort.Direction.ASC)
				.on(Fields.TYPE, Sort.Direction.ASC)
				.on(Fields.PHONE, Sort.Direction.ASC)
				.unique());
			// History is listed newest first with the id as tie-breaker, so cursor paging
			// can continue exactly where a page ended; each filter has an index whose
			// order is the listing's order.
			indexes.createIndex(new Index().named("phone_time_id")
				.on(Fields.PHONE, Sort.Direction.ASC)
				.on(Fields.CREATED_AT, Sort.Direction.DESC)
				.on(Fields.ID, Sort.Direction.DESC));
			indexes.createIndex(new Index().named("status_time_id")
				.on(Fields.STATUS, Sort.Direction.ASC)
				.on(Fields.CREATED_AT, Sort.Direction.DESC)
				.on(Fields.ID, Sort.Direction.DESC));
			indexes.createIndex(new Index().named("type_time_id")
				.on(Fields.TYPE, Sort.Direction.ASC)
				.on(Fields.CREATED_AT, Sort.Direction.DESC)
				.on(Fields.ID, Sort.Direction.DESC));
			indexes.createIndex(new Index().named("time_id")
				.on(Fields.CREATED_AT, Sort.Direction.DESC)
				.on(Fields.ID, Sort.Direction.DESC));
			indexes.createIndex(new Index().named("resend_of").on(Fields.RESEND_OF, Sort.Direction.ASC).sparse());
			indexes.createIndex(
					new Index().named("provider_message_id").on(Fields.PROVIDER_MESSAGE_ID, Sort.Direction.ASC));
			logger.info("History indexes are in place");
		}

	}

	@WritingConverter
	static final class StatusWriter implements Converter<NotificationStatus, String> {

		@Override
		public String convert(NotificationStatus source) {
			return source.value();
		}

	}

	@ReadingConverter
	static final class StatusReader implements Converter<String, NotificationStatus> {

		@Override
		public NotificationStatus convert(String source) {
			return NotificationStatus.fromValue(source);
		}

	}

}
