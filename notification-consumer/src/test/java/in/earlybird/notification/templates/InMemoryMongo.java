package in.earlybird.notification.templates;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;

import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;

/**
 * An in-process MongoDB wire-protocol server with a real driver and a
 * {@link MongoTemplate} on it; one per test class.
 */
final class InMemoryMongo implements AutoCloseable {

	private final MongoServer server;

	private final MongoClient client;

	private final MongoTemplate template;

	InMemoryMongo() {
		this.server = new MongoServer(new MemoryBackend());
		this.client = MongoClients.create(this.server.bindAndGetConnectionString());
		this.template = new MongoTemplate(this.client, "earlybird-notifications-test");
	}

	MongoTemplate template() {
		return this.template;
	}

	/** Empties the template collections between tests. */
	void clear() {
		this.template.remove(new Query(), TemplateStore.TEMPLATES);
		this.template.remove(new Query(), TemplateStore.VERSIONS);
	}

	@Override
	public void close() {
		this.client.close();
		this.server.shutdownNow();
	}

}
