package in.earlybird.notification.delivery;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import com.mongodb.MongoException;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.UpdateOptions;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DataAccessException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * This running instance, as the owner of the attempts it claims: it renews a heartbeat in
 * MongoDB, and an attempt is only ever considered abandoned when its owner's heartbeat
 * has stopped, never because the attempt takes long.
 */
@Component
public class SenderInstance implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(SenderInstance.class);

	static final String COLLECTION = "sender_instances";

	private final MongoTemplate mongo;

	private final Clock clock;

	private final Duration timeout;

	private final String id;

	SenderInstance(MongoTemplate mongo, Clock clock, DeliveryProperties properties, InstanceProperties instance) {
		this.mongo = mongo;
		this.clock = clock;
		this.timeout = properties.heartbeatTimeout();
		// A restarted process is a new owner even with the same configured name: what
		// it held before it died is abandoned.
		String configured = instance.instanceId();
		String name = (configured == null || configured.isBlank()) ? hostName() : configured.trim();
		this.id = name + "/" + ManagementFactory.getRuntimeMXBean().getPid() + "/"
				+ UUID.randomUUID().toString().substring(0, 8);
		heartbeat();
	}

	/**
	 * Returns this instance's id, recorded as the owner of its claims.
	 * @return the id
	 */
	public String id() {
		return this.id;
	}

	@Scheduled(fixedDelayString = "${notification.delivery.heartbeat-interval:5s}")
	void heartbeat() {
		try {
			this.mongo.getCollection(COLLECTION)
				.updateOne(Filters.eq("_id", this.id), new Document("$set", new Document("heartbeatAt", now())),
						new UpdateOptions().upsert(true));
		}
		catch (MongoException | DataAccessException ex) {
			logger.warn("Could not renew this instance's heartbeat: {}", ex.toString());
		}
	}

	/**
	 * Tells whether an instance still renews its heartbeat.
	 * @param instanceId the instance
	 * @return whether its heartbeat is recent
	 */
	public boolean isAlive(String instanceId) {
		if (this.id.equals(instanceId)) {
			return true;
		}
		Document instance = this.mongo.getCollection(COLLECTION).find(Filters.eq("_id", instanceId)).first();
		return instance != null && instance.getDate("heartbeatAt").toInstant().isAfter(now().minus(this.timeout));
	}

	private Instant now() {
		return this.clock.instant();
	}

	@Override
	public void destroy() {
		try {
			this.mongo.getCollection(COLLECTION).deleteOne(Filters.eq("_id", this.id));
		}
		catch (MongoException | DataAccessException ex) {
			logger.debug("Could not remove this instance's heartbeat on shutdown: {}", ex.toString());
		}
	}

	private static String hostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			return "instance";
		}
	}

}
