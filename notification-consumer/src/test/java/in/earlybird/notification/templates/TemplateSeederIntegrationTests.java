package in.earlybird.notification.templates;

import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.mongodb.core.query.Update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

class TemplateSeederIntegrationTests {

	private static InMemoryMongo mongo;

	@BeforeAll
	static void startMongo() {
		mongo = new InMemoryMongo();
	}

	@AfterAll
	static void stopMongo() {
		mongo.close();
	}

	@BeforeEach
	void clear() {
		mongo.clear();
	}

	@Test
	void insertsAllTenTemplatesAsVersionOne() {
		List<TemplateType> inserted = seeder().seed();

		assertThat(inserted).containsExactly(TemplateType.values());
		List<TemplateDefinition> stored = TemplateFixture.on(mongo.template()).catalog().all();
		assertThat(stored).extracting(TemplateDefinition::type).containsExactly(TemplateType.values());
		assertThat(stored).allSatisfy((definition) -> {
			assertThat(definition.version()).isEqualTo(1);
			assertThat(definition.updatedBy()).isEqualTo("classpath");
			assertThat(definition.translations()).containsOnlyKeys("en", "hi");
			assertThat(definition.translations().get("en").providerTemplateName()).isEqualTo(definition.type().key());
			assertThat(definition.translations().get("hi").providerLanguage()).isEqualTo("hi");
		});
	}

	@Test
	void storesDocumentsKeyedByTemplate() {
		seeder().seed();

		Document document = mongo.template()
			.findOne(query(where("_id").is("payment_reminder")), Document.class, TemplateStore.TEMPLATES);

		assertThat(document).isNotNull();
		assertThat(document.getInteger("version")).isEqualTo(1);
		assertThat(document.get("updatedAt")).isInstanceOf(Date.class);
		assertThat(document.getString("updatedBy")).isEqualTo("classpath");
		Document hindi = document.get("translations", Document.class).get("hi", Document.class);
		assertThat(hindi.getString("providerTemplateName")).isEqualTo("payment_reminder");
		assertThat(hindi.getString("providerLanguage")).isEqualTo("hi");
		assertThat(hindi.getList("parameters", String.class)).hasSize(5).first().isEqualTo("${customer.name}");
		assertThat(hindi.getString("body")).contains("https://earlybird.in/pay/${billId}");
	}

	@Test
	void seedingTwiceChangesNothing() {
		seeder().seed();
		Document before = mongo.template()
			.findOne(query(where("_id").is("churn_risk")), Document.class, TemplateStore.TEMPLATES);

		List<TemplateType> inserted = seeder().seed();

		assertThat(inserted).isEmpty();
		assertThat(mongo.template().getCollection(TemplateStore.TEMPLATES).countDocuments()).isEqualTo(10);
		assertThat(
				mongo.template().findOne(query(where("_id").is("churn_risk")), Document.class, TemplateStore.TEMPLATES))
			.isEqualTo(before);
	}

	@Test
	void neverOverwritesAnEditedTemplate() {
		seeder().seed();
		mongo.template()
			.updateFirst(query(where("_id").is("delivery_reminder")),
					new Update().set("version", 7).set("translations.en.body", "Edited by an admin"),
					TemplateStore.TEMPLATES);
		mongo.template().remove(query(where("_id").is("new_product")), TemplateStore.TEMPLATES);

		List<TemplateType> inserted = seeder().seed();

		assertThat(inserted).containsExactly(TemplateType.NEW_PRODUCT);
		TemplateDefinition edited = TemplateFixture.on(mongo.template())
			.catalog()
			.find(TemplateType.DELIVERY_REMINDER)
			.orElseThrow();
		assertThat(edited.version()).isEqualTo(7);
		assertThat(edited.translations().get("en").body()).isEqualTo("Edited by an admin");
	}

	@Test
	void replicasSeedingAtOnceInsertEachTemplateOnce() throws Exception {
		int replicas = 4;
		List<Callable<List<TemplateType>>> seeders = new ArrayList<>();
		for (int i = 0; i < replicas; i++) {
			TemplateSeeder seeder = seeder();
			seeders.add(seeder::seed);
		}
		ExecutorService executor = Executors.newFixedThreadPool(replicas);
		List<TemplateType> inserted = new ArrayList<>();
		try {
			for (Future<List<TemplateType>> result : executor.invokeAll(seeders)) {
				inserted.addAll(result.get());
			}
		}
		finally {
			executor.shutdownNow();
		}

		assertThat(inserted).containsExactlyInAnyOrder(TemplateType.values());
		assertThat(mongo.template().getCollection(TemplateStore.TEMPLATES).countDocuments()).isEqualTo(10);
	}

	private static TemplateSeeder seeder() {
		return TemplateFixture.on(mongo.template()).seeder();
	}

}
