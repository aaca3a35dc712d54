package in.earlybird.notification.templates;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

import in.earlybird.events.Customer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;

/**
 * The template definitions as admins see and edit them: list, look up, version history,
 * preview, and validated edits that keep every replaced version.
 */
@Component
public class TemplateCatalog {

	private static final Logger logger = LoggerFactory.getLogger(TemplateCatalog.class);

	private final TemplateStore store;

	private final TemplateCache cache;

	private final TemplateValidator validator;

	private final TemplateSeeder seeder;

	private final TemplateEngine engine;

	TemplateCatalog(TemplateStore store, TemplateCache cache, TemplateValidator validator, TemplateSeeder seeder,
			TemplateEngine engine) {
		this.store = store;
		this.cache = cache;
		this.validator = validator;
		this.seeder = seeder;
		this.engine = engine;
	}

	/**
	 * Returns the current definition of every stored template, in {@link TemplateType}
	 * order.
	 * @return the definitions
	 */
	public List<TemplateDefinition> all() {
		return this.store.findAll();
	}

	/**
	 * Returns the current definition of a template.
	 * @param type the template
	 * @return the definition, or empty if it is not stored (not seeded yet)
	 */
	public Optional<TemplateDefinition> find(TemplateType type) {
		return this.store.find(type);
	}

	/**
	 * Returns every version of a template, the current one first, then the replaced ones,
	 * newest first.
	 * @param type the template
	 * @return the versions; empty if the template is not stored
	 */
	public List<TemplateDefinition> versions(TemplateType type) {
		List<TemplateDefinition> versions = new ArrayList<>();
		this.store.find(type).ifPresent(versions::add);
		this.store.archivedVersions(type)
			.stream()
			.filter((archived) -> versions.isEmpty() || archived.version() < versions.get(0).version())
			.forEach(versions::add);
		return versions;
	}

	/**
	 * Renders a template's sample event with the definition in use, as a customer with
	 * the given language would receive it.
	 * @param type the template
	 * @param language the customer's language; templates without it fall back to English
	 * @return the rendered sample
	 */
	public RenderedNotification preview(TemplateType type, String language) {
		Customer customer = new Customer(TemplateSamples.CUSTOMER.id(), TemplateSamples.CUSTOMER.name(),
				TemplateSamples.CUSTOMER.phone(), language);
		CompiledTemplate template = this.cache.get(type);
		CompiledTemplate.Translation translation = template.translationFor(language);
		return translation.render(type, template.version(),
				this.engine.model(TemplateSamples.sampleFor(type, customer), translation.language()));
	}

	/**
	 * Checks a change by the rules {@link #update} applies, without saving anything, and
	 * renders the template's sample event with it in each of its languages: what an admin
	 * sees before saving.
	 * @param type the template
	 * @param change the proposed translations
	 * @return the sample rendered in each language of the change, by language
	 * @throws InvalidTemplateException listing every broken rule
	 */
	public Map<String, RenderedNotification> previewChange(TemplateType type, TemplateChange change) {
		Objects.requireNonNull(type, "type");
		TemplateDefinition current = currentDefinition(type);
		int version = current.version() + 1;
		CompiledTemplate compiled = this.validator.validate(type, change, current, version);
		Map<String, RenderedNotification> previews = new TreeMap<>();
		for (String language : change.translations().keySet()) {
			Customer customer = new Customer(TemplateSamples.CUSTOMER.id(), TemplateSamples.CUSTOMER.name(),
					TemplateSamples.CUSTOMER.phone(), language);
			CompiledTemplate.Translation translation = compiled.translationFor(language);
			previews.put(language, translation.render(type, version,
					this.engine.model(TemplateSamples.sampleFor(type, customer), translation.language())));
		}
		return previews;
	}

	/**
	 * Replaces a template's translations after checking them: every snippet must parse
	 * and render the template's sample event in its language without a blank or
	 * multi-line parameter, and each translation must keep its parameter count unless the
	 * change says it changed. The replaced version is kept, the version number goes up by
	 * one, and this instance renders the new version at once (other replicas within
	 * {@code notification.templates.refresh-interval}).
	 * @param type the template
	 * @param change the new translations
	 * @param updatedBy who makes the change, e.g. the admin's user name
	 * @return the saved definition
	 * @throws InvalidTemplateException listing every broken rule; nothing is saved
	 * @throws OptimisticLockingFailureException if the template changed meanwhile (or is
	 * not at the change's expected version); nothing is saved
	 */
	public TemplateDefinition update(TemplateType type, TemplateChange change, String updatedBy) {
		Objects.requireNonNull(type, "type");
		if (updatedBy == null || updatedBy.isBlank()) {
			throw new IllegalArgumentException("updatedBy must name who makes the change");
		}
		TemplateDefinition current = currentDefinition(type);
		Integer expectedVersion = change.expectedVersion();
		if (expectedVersion != null && expectedVersion != current.version()) {
			throw conflict(type, expectedVersion, current.version());
		}
		int version = current.version() + 1;
		CompiledTemplate compiled = this.validator.validate(type, change, current, version);
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		TemplateDefinition next = new TemplateDefinition(type, version, now, updatedBy, change.translations());
		this.store.archive(current, now, updatedBy);
		if (!this.store.replace(next, current.version())) {
			throw conflict(type, current.version(),
					this.store.find(type).map(TemplateDefinition::version).orElse(current.version()));
		}
		this.cache.put(compiled);
		logger.info("Template {} updated to version {} by {}", type.key(), version, updatedBy);
		return next;
	}

	private TemplateDefinition currentDefinition(TemplateType type) {
		return this.store.find(type).orElseGet(() -> {
			this.seeder.seed(type);
			return this.store.find(type)
				.orElseThrow(() -> new IllegalStateException("Template " + type.key() + " could not be seeded"));
		});
	}

	private static OptimisticLockingFailureException conflict(TemplateType type, int expected, int actual) {
		return new OptimisticLockingFailureException("Template " + type.key() + " is at version " + actual + ", not "
				+ expected + ": someone else changed it; reload and edit again");
	}

}
