package in.earlybird.notification.templates;

import java.time.Duration;

import org.springframework.data.mongodb.core.MongoOperations;

/**
 * The template feature wired by hand, the way Spring wires it, on a given MongoDB: one
 * fixture is one replica of the service.
 *
 * @param store the store
 * @param seeder the seeder
 * @param cache the cache (not started)
 * @param templates the renderer
 * @param catalog the admin catalog
 */
record TemplateFixture(TemplateStore store, TemplateSeeder seeder, TemplateCache cache, NotificationTemplates templates,
		TemplateCatalog catalog) {

	static TemplateFixture on(MongoOperations mongo) {
		return on(mongo, TemplateProperties.DEFAULTS);
	}

	static TemplateFixture on(MongoOperations mongo, Duration refreshInterval) {
		return on(mongo, new TemplateProperties(refreshInterval, true));
	}

	static TemplateFixture on(MongoOperations mongo, TemplateProperties properties) {
		TemplateEngine engine = new TemplateEngine();
		ShippedTemplates shipped = new ShippedTemplates();
		TemplateStore store = new TemplateStore(mongo);
		TemplateSeeder seeder = new TemplateSeeder(store, shipped);
		TemplateCache cache = new TemplateCache(store, engine, shipped, seeder, properties);
		return new TemplateFixture(store, seeder, cache, new NotificationTemplates(cache, engine),
				new TemplateCatalog(store, cache, new TemplateValidator(engine), seeder, engine));
	}

	/**
	 * Seeds MongoDB and loads the cache, as start-up does, without the periodic refresh.
	 */
	TemplateFixture seeded() {
		this.cache.seedAndRefresh();
		return this;
	}

}
