package in.earlybird.notification.templates;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Inserts the shipped definition of every template that MongoDB does not hold yet. Never
 * overwrites a stored (possibly edited) definition, and is safe when several replicas
 * seed at once: the template key is the document id, so a second insert fails on the
 * unique id and is ignored.
 */
@Component
class TemplateSeeder {

	private static final Logger logger = LoggerFactory.getLogger(TemplateSeeder.class);

	private final TemplateStore store;

	private final ShippedTemplates shipped;

	TemplateSeeder(TemplateStore store, ShippedTemplates shipped) {
		this.store = store;
		this.shipped = shipped;
	}

	/**
	 * Seeds every missing template.
	 * @return the templates this call inserted; empty when all were present
	 */
	List<TemplateType> seed() {
		Set<TemplateType> present = this.store.currentVersions().keySet();
		Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		List<TemplateType> inserted = new ArrayList<>();
		for (TemplateType type : TemplateType.values()) {
			if (!present.contains(type) && this.store.insertIfAbsent(this.shipped.definition(type, now))) {
				inserted.add(type);
			}
		}
		if (!inserted.isEmpty()) {
			logger.info("Seeded {} notification templates from the classpath: {}", inserted.size(),
					inserted.stream().map(TemplateType::key).toList());
		}
		return inserted;
	}

	/**
	 * Seeds one template if it is missing.
	 * @param type the template
	 * @return whether this call inserted it
	 */
	boolean seed(TemplateType type) {
		return this.store.insertIfAbsent(this.shipped.definition(type, Instant.now().truncatedTo(ChronoUnit.MILLIS)));
	}

}
