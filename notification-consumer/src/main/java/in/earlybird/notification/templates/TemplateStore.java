package in.earlybird.notification.templates;

import java.time.Instant;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.annotation.Id;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoOperations;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

/**
 * Template definitions in MongoDB: the current version of each template in
 * {@value #TEMPLATES} (its key as {@code _id}), and every replaced version in
 * {@value #VERSIONS}.
 */
@Component
class TemplateStore {

	/** The collection of current definitions, one document per template. */
	static final String TEMPLATES = "notification_templates";

	/** The collection of replaced definitions, one document per template and version. */
	static final String VERSIONS = "notification_template_versions";

	private static final Logger logger = LoggerFactory.getLogger(TemplateStore.class);

	private final MongoOperations mongo;

	TemplateStore(MongoOperations mongo) {
		this.mongo = mongo;
	}

	Optional<TemplateDefinition> find(TemplateType type) {
		return Optional.ofNullable(this.mongo.findById(type.key(), TemplateDocument.class, TEMPLATES))
			.flatMap(TemplateDocument::toDefinition);
	}

	List<TemplateDefinition> findAll() {
		return this.mongo.findAll(TemplateDocument.class, TEMPLATES)
			.stream()
			.flatMap((document) -> document.toDefinition().stream())
			.sorted((left, right) -> left.type().compareTo(right.type()))
			.toList();
	}

	List<TemplateDefinition> findAll(Collection<TemplateType> types) {
		List<String> keys = types.stream().map(TemplateType::key).toList();
		return this.mongo.find(query(where("_id").in(keys)), TemplateDocument.class, TEMPLATES)
			.stream()
			.flatMap((document) -> document.toDefinition().stream())
			.toList();
	}

	/**
	 * Returns the current version of every stored template, reading nothing else.
	 * @return the versions by template
	 */
	Map<TemplateType, Integer> currentVersions() {
		Query versionsOnly = new Query();
		versionsOnly.fields().include("version");
		Map<TemplateType, Integer> versions = new EnumMap<>(TemplateType.class);
		for (Document document : this.mongo.find(versionsOnly, Document.class, TEMPLATES)) {
			TemplateType.fromKey(document.getString("_id"))
				.ifPresent((type) -> versions.put(type, document.getInteger("version", 0)));
		}
		return versions;
	}

	/**
	 * Stores a definition unless one for its template exists.
	 * @param definition the definition
	 * @return whether it was stored; {@code false} when another writer got there first
	 */
	boolean insertIfAbsent(TemplateDefinition definition) {
		try {
			this.mongo.insert(TemplateDocument.of(definition), TEMPLATES);
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	/**
	 * Replaces a template's definition if it is still at the expected version.
	 * @param next the new definition
	 * @param expectedVersion the version being replaced
	 * @return whether it was replaced; {@code false} when someone else changed it first
	 */
	boolean replace(TemplateDefinition next, int expectedVersion) {
		Query current = query(where("_id").is(next.type().key()).and("version").is(expectedVersion));
		return this.mongo.replace(current, TemplateDocument.of(next), TEMPLATES).getMatchedCount() == 1;
	}

	/**
	 * Keeps a definition that is about to be replaced. Archiving the same version twice
	 * (a retried edit) keeps the first copy.
	 * @param previous the definition being replaced
	 * @param replacedAt when it is replaced
	 * @param replacedBy who replaces it
	 */
	void archive(TemplateDefinition previous, Instant replacedAt, String replacedBy) {
		try {
			this.mongo.insert(VersionDocument.of(previous, replacedAt, replacedBy), VERSIONS);
		}
		catch (DuplicateKeyException ex) {
			logger.debug("Version {} of template {} was already archived", previous.version(), previous.type().key());
		}
	}

	/**
	 * Returns a template's replaced versions, newest first.
	 * @param type the template
	 * @return the replaced versions
	 */
	List<TemplateDefinition> archivedVersions(TemplateType type) {
		// An anchored prefix of _id ("delivery_reminder@"), which MongoDB answers from
		// the _id index: no further index to create.
		Query byType = query(where("_id").regex("^" + type.key() + "@")).with(Sort.by(Sort.Direction.DESC, "version"));
		return this.mongo.find(byType, VersionDocument.class, VERSIONS)
			.stream()
			.map((document) -> document.toDefinition(type))
			.toList();
	}

	/**
	 * The current definition of a template as stored.
	 *
	 * @param id the template's key
	 * @param version the version
	 * @param updatedAt when it was saved
	 * @param updatedBy who saved it
	 * @param translations the translations by language
	 */
	record TemplateDocument(@Id String id, int version, Instant updatedAt, String updatedBy,
			Map<String, TemplateTranslation> translations) {

		static TemplateDocument of(TemplateDefinition definition) {
			return new TemplateDocument(definition.type().key(), definition.version(), definition.updatedAt(),
					definition.updatedBy(), definition.translations());
		}

		Optional<TemplateDefinition> toDefinition() {
			Optional<TemplateType> type = TemplateType.fromKey(this.id);
			if (type.isEmpty()) {
				logger.warn("Ignoring stored template {}: no such template type", this.id);
			}
			return type.map((known) -> new TemplateDefinition(known, this.version, this.updatedAt, this.updatedBy,
					this.translations));
		}

	}

	/**
	 * A replaced definition, kept for the record.
	 *
	 * @param id the template's key and version, e.g. {@code delivery_reminder@3}
	 * @param type the template's key
	 * @param version the version
	 * @param updatedAt when this version was saved
	 * @param updatedBy who saved it
	 * @param translations the translations by language
	 * @param replacedAt when the next version replaced it
	 * @param replacedBy who saved the next version
	 */
	record VersionDocument(@Id String id, String type, int version, Instant updatedAt, String updatedBy,
			Map<String, TemplateTranslation> translations, Instant replacedAt, String replacedBy) {

		static VersionDocument of(TemplateDefinition definition, Instant replacedAt, String replacedBy) {
			return new VersionDocument(definition.type().key() + "@" + definition.version(), definition.type().key(),
					definition.version(), definition.updatedAt(), definition.updatedBy(), definition.translations(),
					replacedAt, replacedBy);
		}

		TemplateDefinition toDefinition(TemplateType type) {
			return new TemplateDefinition(type, this.version, this.updatedAt, this.updatedBy, this.translations);
		}

	}

}
