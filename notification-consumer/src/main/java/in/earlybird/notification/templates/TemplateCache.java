package in.earlybird.notification.templates;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * The compiled templates every render uses, so that nothing is parsed per message. Filled
 * from MongoDB at start-up (after seeding), updated at once when this instance saves an
 * edit, and re-checked periodically so that edits saved through another replica arrive
 * too. A template that MongoDB does not hold (or cannot be reached for) renders from its
 * shipped definition.
 */
@Component
class TemplateCache implements SmartLifecycle {

	/**
	 * Starts before the Kafka listener containers (phase {@code DEFAULT_PHASE - 100}) and
	 * the web server, so that the first event already renders the stored templates.
	 */
	static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

	private static final Logger logger = LoggerFactory.getLogger(TemplateCache.class);

	private final TemplateStore store;

	private final TemplateEngine engine;

	private final TemplateSeeder seeder;

	private final TemplateProperties properties;

	private final Map<TemplateType, CompiledTemplate> shipped;

	/** Replaced as a whole, never changed in place, so readers need no lock. */
	private volatile Map<TemplateType, CompiledTemplate> stored = Collections.emptyMap();

	private volatile boolean seeded;

	private final Object lifecycleMonitor = new Object();

	private @Nullable ScheduledExecutorService scheduler;

	TemplateCache(TemplateStore store, TemplateEngine engine, ShippedTemplates shippedTemplates, TemplateSeeder seeder,
			TemplateProperties properties) {
		this.store = store;
		this.engine = engine;
		this.seeder = seeder;
		this.properties = properties;
		Map<TemplateType, CompiledTemplate> compiled = new EnumMap<>(TemplateType.class);
		for (TemplateType type : TemplateType.values()) {
			compiled.put(type, CompiledTemplate.compile(shippedTemplates.definition(type, Instant.EPOCH), engine));
		}
		this.shipped = Collections.unmodifiableMap(compiled);
	}

	/**
	 * Returns the compiled current definition of a template.
	 * @param type the template
	 * @return the stored definition, or the shipped one if none is stored
	 */
	CompiledTemplate get(TemplateType type) {
		CompiledTemplate template = this.stored.get(type);
		return (template != null) ? template : this.shipped.get(type);
	}

	/**
	 * Makes a definition this instance just saved current, unless a newer one is cached.
	 * @param template the compiled definition
	 */
	synchronized void put(CompiledTemplate template) {
		CompiledTemplate cached = this.stored.get(template.type());
		if (cached == null || cached.version() <= template.version()) {
			Map<TemplateType, CompiledTemplate> next = copy();
			next.put(template.type(), template);
			this.stored = Collections.unmodifiableMap(next);
		}
	}

	/**
	 * Reads the stored versions and recompiles every template whose version differs from
	 * the cached one. A stored definition that does not compile (edited in MongoDB by
	 * hand) is logged and skipped, keeping the previous one.
	 */
	synchronized void refresh() {
		Map<TemplateType, Integer> versions = this.store.currentVersions();
		Map<TemplateType, CompiledTemplate> current = this.stored;
		Set<TemplateType> changed = EnumSet.noneOf(TemplateType.class);
		versions.forEach((type, version) -> {
			CompiledTemplate cached = current.get(type);
			if (cached == null || cached.version() != version) {
				changed.add(type);
			}
		});
		Set<TemplateType> removed = EnumSet.noneOf(TemplateType.class);
		current.keySet().stream().filter((type) -> !versions.containsKey(type)).forEach(removed::add);
		if (changed.isEmpty() && removed.isEmpty()) {
			return;
		}
		Map<TemplateType, CompiledTemplate> next = copy();
		removed.forEach(next::remove);
		for (TemplateDefinition definition : this.store.findAll(changed)) {
			try {
				next.put(definition.type(), CompiledTemplate.compile(definition, this.engine));
			}
			catch (TemplateEngine.TemplateSyntaxException ex) {
				logger.error("Stored template {} version {} does not parse, keeping the previous one: {}",
						definition.type().key(), definition.version(), ex.getMessage());
			}
		}
		this.stored = Collections.unmodifiableMap(next);
		logger.info("Loaded notification templates {}",
				changed.stream()
					.filter(next::containsKey)
					.map((type) -> type.key() + " v" + next.get(type).version())
					.toList());
	}

	private Map<TemplateType, CompiledTemplate> copy() {
		Map<TemplateType, CompiledTemplate> copy = new EnumMap<>(TemplateType.class);
		copy.putAll(this.stored);
		return copy;
	}

	/**
	 * Seeds (until that succeeds once) and refreshes; MongoDB being away is not fatal.
	 */
	void seedAndRefresh() {
		try {
			if (this.properties.seed() && !this.seeded) {
				this.seeder.seed();
				this.seeded = true;
			}
			refresh();
		}
		catch (DataAccessException ex) {
			logger.warn("Could not load notification templates from MongoDB, using the last loaded or shipped ones: {}",
					ex.getMessage());
		}
	}

	@Override
	public void start() {
		synchronized (this.lifecycleMonitor) {
			if (this.scheduler != null) {
				return;
			}
			seedAndRefresh();
			ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(
					Thread.ofPlatform().name("notification-templates-refresh").daemon().factory());
			long interval = this.properties.refreshInterval().toMillis();
			if (interval > 0) {
				executor.scheduleWithFixedDelay(this::refreshQuietly, interval, interval, TimeUnit.MILLISECONDS);
			}
			this.scheduler = executor;
		}
	}

	/**
	 * Keeps the periodic refresh alive whatever one run meets; every failure is logged.
	 */
	private void refreshQuietly() {
		try {
			seedAndRefresh();
		}
		catch (RuntimeException ex) {
			logger.error("Refreshing notification templates failed", ex);
		}
	}

	@Override
	public void stop() {
		synchronized (this.lifecycleMonitor) {
			ScheduledExecutorService executor = this.scheduler;
			if (executor != null) {
				executor.shutdownNow();
				this.scheduler = null;
			}
		}
	}

	@Override
	public boolean isRunning() {
		synchronized (this.lifecycleMonitor) {
			return this.scheduler != null;
		}
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
