package in.earlybird.notification.templates;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.mongodb.core.query.Update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

class TemplateCacheIntegrationTests {

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
	void rendersWithoutErrorsWhileTheTemplateIsBeingEdited() throws InterruptedException {
		TemplateFixture replica = TemplateFixture.on(mongo.template()).seeded();
		int renderers = 4;
		int edits = 20;
		AtomicBoolean editing = new AtomicBoolean(true);
		AtomicInteger renders = new AtomicInteger();
		ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
		ConcurrentLinkedQueue<RenderedNotification> seen = new ConcurrentLinkedQueue<>();
		CountDownLatch started = new CountDownLatch(renderers);
		ExecutorService executor = Executors.newFixedThreadPool(renderers);
		for (int i = 0; i < renderers; i++) {
			String language = (i % 2 == 0) ? "en" : "hi";
			executor.execute(() -> {
				started.countDown();
				while (editing.get()) {
					try {
						RenderedNotification rendered = replica.templates()
							.render(TestEvents.sample(TemplateType.ORDER_CONFIRMATION, language));
						renders.incrementAndGet();
						if (rendered.templateVersion() > 1) {
							seen.add(rendered);
						}
					}
					catch (RuntimeException | Error ex) {
						failures.add(ex);
					}
				}
			});
		}
		started.await();

		for (int edit = 1; edit <= edits; edit++) {
			int version = edit + 1;
			replica.catalog().update(TemplateType.ORDER_CONFIRMATION, edition(version), "asha@earlybird.in");
		}
		editing.set(false);
		executor.shutdown();
		assertThat(executor.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

		assertThat(failures).isEmpty();
		assertThat(renders.get()).isPositive();
		assertThat(seen).allSatisfy(
				(rendered) -> assertThat(rendered.body()).endsWith("(edition " + rendered.templateVersion() + ")"));
		assertThat(
				replica.templates().render(TestEvents.sample(TemplateType.ORDER_CONFIRMATION, "hi")).templateVersion())
			.isEqualTo(edits + 1);
	}

	@Test
	void rendersTheShippedTemplatesWhenMongoHoldsNone() {
		TemplateFixture replica = TemplateFixture.on(mongo.template());
		replica.cache().refresh();

		RenderedNotification rendered = replica.templates().render(TestEvents.sample(TemplateType.CHURN_RISK, "hi"));

		assertThat(rendered.templateVersion()).isEqualTo(1);
		assertThat(rendered.body()).contains("COMEBACK25");
	}

	@Test
	void startingSeedsMongoAndPeriodicallyPicksUpEditsFromOtherReplicas() {
		TemplateFixture replica = TemplateFixture.on(mongo.template(), Duration.ofMillis(50));
		replica.cache().start();
		try {
			assertThat(replica.catalog().all()).hasSize(TemplateType.values().length);

			TemplateFixture.on(mongo.template())
				.catalog()
				.update(TemplateType.CHURN_RISK, edition(TemplateType.CHURN_RISK, 2), "ravi@earlybird.in");

			await().atMost(Duration.ofSeconds(5))
				.untilAsserted(() -> assertThat(
						replica.templates().render(TestEvents.sample(TemplateType.CHURN_RISK, "en")).body())
					.endsWith("(edition 2)"));
		}
		finally {
			replica.cache().stop();
		}
		assertThat(replica.cache().isRunning()).isFalse();
	}

	@Test
	void keepsThePreviousTemplateWhenTheStoredOneWasBrokenByHand() {
		TemplateFixture replica = TemplateFixture.on(mongo.template()).seeded();
		mongo.template()
			.updateFirst(query(where("_id").is("delivery_delayed")),
					new Update().set("version", 9).set("translations.en.body", "Hi ${customer.name"),
					TemplateStore.TEMPLATES);

		replica.cache().refresh();

		RenderedNotification rendered = replica.templates().render(TestEvents.deliveryDelayed("heavy rain"));
		assertThat(rendered.templateVersion()).isEqualTo(1);
		assertThat(rendered.body()).startsWith("⏰ Delivery slightly delayed");
	}

	@Test
	void fallsBackToTheShippedTemplateWhenTheStoredOneIsDeleted() {
		TemplateFixture replica = TemplateFixture.on(mongo.template()).seeded();
		replica.catalog().update(TemplateType.CHURN_RISK, edition(TemplateType.CHURN_RISK, 2), "asha@earlybird.in");
		mongo.template().remove(query(where("_id").is("churn_risk")), TemplateStore.TEMPLATES);

		replica.cache().refresh();

		assertThat(replica.templates().render(TestEvents.sample(TemplateType.CHURN_RISK, "en")).body())
			.doesNotContain("(edition");
	}

	private static TemplateChange edition(int version) {
		return edition(TemplateType.ORDER_CONFIRMATION, version);
	}

	/** The stored translations with a body that names the version it is saved as. */
	private static TemplateChange edition(TemplateType type, int version) {
		TemplateDefinition current = TemplateFixture.on(mongo.template()).catalog().find(type).orElseThrow();
		Map<String, TemplateTranslation> translations = new HashMap<>();
		current.translations().forEach((language, translation) -> {
			List<String> parameters = new ArrayList<>(translation.parameters());
			translations.put(language, new TemplateTranslation(translation.providerTemplateName(),
					translation.providerLanguage(), parameters, "${customer.name} (edition " + version + ")"));
		});
		return new TemplateChange(translations, false, version - 1);
	}

}
