package in.earlybird.notification.preferences;

import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import in.earlybird.notification.shared.Coalescer;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/** Reads and changes customers' opt-outs and quiet hours. */
@Component
public class CustomerPreferenceStore implements DisposableBean {

	private final MongoTemplate mongo;

	private final Clock clock;

	/** Lookups of concurrent sends go to MongoDB together, by {@code _id}. */
	private final Coalescer<String, Optional<CustomerPreferences>> lookups;

	CustomerPreferenceStore(MongoTemplate mongo, Clock clock, MeterRegistry meters) {
		this.mongo = mongo;
		this.clock = clock;
		this.lookups = new Coalescer<>("preference-lookups", 500, meters, this::findEach);
	}

	/**
	 * Loads the preferences of many customers with one query, for a batch of events.
	 * @param phones the numbers in E.164 form
	 * @return the preferences of those who have any
	 */
	public Map<String, CustomerPreferences> findAll(Collection<String> phones) {
		if (phones.isEmpty()) {
			return Map.of();
		}
		return this.mongo.find(Query.query(Criteria.where("_id").in(phones)), CustomerPreferences.class)
			.stream()
			.collect(Collectors.toMap(CustomerPreferences::phone, Function.identity()));
	}

	/**
	 * Loads one customer's preferences.
	 * @param phone the number in E.164 form
	 * @return the preferences, if any were ever set
	 */
	public Optional<CustomerPreferences> find(String phone) {
		return this.lookups.call(phone);
	}

	private List<Optional<CustomerPreferences>> findEach(List<String> phones) {
		Map<String, CustomerPreferences> found = findAll(phones);
		return phones.stream().map((phone) -> Optional.ofNullable(found.get(phone))).toList();
	}

	/**
	 * Opts a number out of a category.
	 * @param phone the number in E.164 form
	 * @param customerId the customer id, if known
	 * @param category {@code transactional} or {@code promotional}
	 * @param by who made the change
	 * @return the preferences after the change
	 */
	public CustomerPreferences optOut(String phone, @Nullable String customerId, String category, String by) {
		return change(phone, customerId, new Update().addToSet("optedOut", category), by);
	}

	/**
	 * Opts a number back in to a category.
	 * @param phone the number in E.164 form
	 * @param customerId the customer id, if known
	 * @param category {@code transactional} or {@code promotional}
	 * @param by who made the change
	 * @return the preferences after the change
	 */
	public CustomerPreferences optIn(String phone, @Nullable String customerId, String category, String by) {
		return change(phone, customerId, new Update().pull("optedOut", category), by);
	}

	/**
	 * Replaces a number's opt-outs and quiet hours.
	 * @param phone the number in E.164 form
	 * @param customerId the customer id, if known
	 * @param optedOut the categories the customer does not want
	 * @param quietHours when promotional messages must wait, or {@code null} for never
	 * @param by who made the change
	 * @return the preferences after the change
	 */
	public CustomerPreferences replace(String phone, @Nullable String customerId, Set<String> optedOut,
			@Nullable QuietHours quietHours, String by) {
		Update update = new Update().set("optedOut", Set.copyOf(optedOut));
		if (quietHours != null) {
			update.set("quietHours", quietHours);
		}
		else {
			update.unset("quietHours");
		}
		return change(phone, customerId, update, by);
	}

	private CustomerPreferences change(String phone, @Nullable String customerId, Update update, String by) {
		update.set("updatedAt", this.clock.instant()).set("updatedBy", by);
		if (customerId != null) {
			update.set("customerId", customerId);
		}
		CustomerPreferences changed = this.mongo.findAndModify(Query.query(Criteria.where("_id").is(phone)), update,
				FindAndModifyOptions.options().upsert(true).returnNew(true), CustomerPreferences.class);
		if (changed == null) {
			throw new IllegalStateException("An upsert returned no document");
		}
		return changed;
	}

	@Override
	public void destroy() {
		this.lookups.close();
	}

}
