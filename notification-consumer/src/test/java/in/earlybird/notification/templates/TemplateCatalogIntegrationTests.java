package in.earlybird.notification.templates;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import in.earlybird.events.NotificationEvent;
import in.earlybird.notification.templates.InvalidTemplateException.Problem;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.dao.OptimisticLockingFailureException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

class TemplateCatalogIntegrationTests {

	private static InMemoryMongo mongo;

	private TemplateFixture replica;

	@BeforeAll
	static void startMongo() {
		mongo = new InMemoryMongo();
	}

	@AfterAll
	static void stopMongo() {
		mongo.close();
	}

	@BeforeEach
	void seed() {
		mongo.clear();
		this.replica = TemplateFixture.on(mongo.template()).seeded();
	}

	@Test
	void savesAValidChangeAsTheNextVersionAndKeepsThePreviousOne() {
		TemplateDefinition original = current(TemplateType.DELIVERY_REMINDER);

		TemplateDefinition saved = this.replica.catalog()
			.update(TemplateType.DELIVERY_REMINDER,
					change(TemplateType.DELIVERY_REMINDER, "en",
							(translation) -> withBody(translation, "Good morning ${customer.name}! ${product} on "
									+ "${fmt.date(deliveryDate)}, ${slot}, ${area}.")),
					"asha@earlybird.in");

		assertThat(saved.version()).isEqualTo(2);
		assertThat(saved.updatedBy()).isEqualTo("asha@earlybird.in");
		assertThat(current(TemplateType.DELIVERY_REMINDER)).isEqualTo(saved);
		assertThat(this.replica.catalog().versions(TemplateType.DELIVERY_REMINDER)).containsExactly(saved, original);
		Document archived = mongo.template()
			.findOne(query(where("_id").is("delivery_reminder@1")), Document.class, TemplateStore.VERSIONS);
		assertThat(archived).isNotNull();
		assertThat(archived.getString("type")).isEqualTo("delivery_reminder");
		assertThat(archived.getInteger("version")).isEqualTo(1);
		assertThat(archived.getString("replacedBy")).isEqualTo("asha@earlybird.in");
	}

	@Test
	void rendersTheNewVersionAtOnce() {
		this.replica.catalog()
			.update(TemplateType.DELIVERY_REMINDER,
					change(TemplateType.DELIVERY_REMINDER, "hi",
							(translation) -> withBody(translation, "सुप्रभात ${customer.name} जी!")),
					"asha@earlybird.in");

		RenderedNotification rendered = this.replica.templates().render(TestEvents.deliveryScheduled("hi"));

		assertThat(rendered.templateVersion()).isEqualTo(2);
		assertThat(rendered.body()).isEqualTo("सुप्रभात Ananya जी!");
	}

	@Test
	void previewsAnEditInEveryLanguageWithoutSavingIt() {
		TemplateDefinition original = current(TemplateType.DELIVERY_REMINDER);
		TemplateChange edit = change(TemplateType.DELIVERY_REMINDER, "hi",
				(translation) -> withBody(translation, "सुप्रभात ${customer.name} जी! ${product} 🥛"));

		Map<String, RenderedNotification> previews = this.replica.catalog()
			.previewChange(TemplateType.DELIVERY_REMINDER, edit);

		assertThat(previews).containsOnlyKeys("en", "hi");
		assertThat(previews.get("hi").body()).isEqualTo("सुप्रभात Priya जी! Toned Milk 500 ml 🥛");
		assertThat(previews.get("hi").templateVersion()).isEqualTo(original.version() + 1);
		assertThat(previews.get("en").body()).startsWith("Hi Priya!");
		assertThat(previews.get("en").parameters()).containsExactly("Priya", "Toned Milk 500 ml", "28 Jan", "6-8 AM",
				"Bandra West");
		assertThat(current(TemplateType.DELIVERY_REMINDER)).isEqualTo(original);
		assertThat(this.replica.catalog().versions(TemplateType.DELIVERY_REMINDER)).containsExactly(original);
	}

	@Test
	void previewsABrokenEditAsTheProblemsAnUpdateWouldHave() {
		TemplateChange broken = change(TemplateType.CHURN_RISK, "en",
				(translation) -> withBody(translation, "Come back ${customer.nam"));

		assertThatExceptionOfType(InvalidTemplateException.class)
			.isThrownBy(() -> this.replica.catalog().previewChange(TemplateType.CHURN_RISK, broken))
			.satisfies((ex) -> assertThat(ex.problems()).extracting(Problem::field)
				.containsExactly("translations.en.body"));
		assertThat(current(TemplateType.CHURN_RISK).version()).isEqualTo(1);
	}

	@Test
	void rejectsATemplateThatDoesNotParse() {
		assertThat(problemsOf(TemplateType.DELIVERY_REMINDER,
				change(TemplateType.DELIVERY_REMINDER, "en",
						(translation) -> withBody(translation, "Hi ${customer.name, your milk is coming"))))
			.singleElement()
			.satisfies((problem) -> {
				assertThat(problem.field()).isEqualTo("translations.en.body");
				assertThat(problem.message()).startsWith("syntax error at line 1");
			});
		assertThat(current(TemplateType.DELIVERY_REMINDER).version()).isEqualTo(1);
		assertThat(mongo.template().getCollection(TemplateStore.VERSIONS).countDocuments()).isZero();
	}

	@Test
	void rejectsAReferenceToAFieldTheEventDoesNotHave() {
		assertThat(problemsOf(TemplateType.PAYMENT_REMINDER,
				change(TemplateType.PAYMENT_REMINDER, "hi",
						(translation) -> withParameter(translation, 0, "${customer.nickname}"))))
			.singleElement()
			.satisfies((problem) -> {
				assertThat(problem.field()).isEqualTo("translations.hi.parameters[0]");
				assertThat(problem.message()).startsWith("fails on the sample event")
					.contains("customer.nickname")
					.endsWith("(the event has: customer.id, customer.name, customer.language, billId, amount, "
							+ "period, dueDate, and fmt)");
			});
	}

	@Test
	void rejectsAChangedParameterCount() {
		assertThat(problemsOf(TemplateType.DELIVERY_REMINDER,
				change(TemplateType.DELIVERY_REMINDER, "en",
						(translation) -> withParameters(translation, translation.parameters().subList(0, 4)))))
			.singleElement()
			.satisfies((problem) -> {
				assertThat(problem.field()).isEqualTo("translations.en.parameters");
				assertThat(problem.message())
					.startsWith("expected 5 parameters (the approved template's count), got 4");
			});
	}

	@Test
	void acceptsAChangedParameterCountWhenTheChangeSaysSo() {
		TemplateChange fewer = change(TemplateType.DELIVERY_REMINDER, "en",
				(translation) -> withParameters(translation, translation.parameters().subList(0, 4)));

		TemplateDefinition saved = this.replica.catalog()
			.update(TemplateType.DELIVERY_REMINDER, new TemplateChange(fewer.translations(), true, 1),
					"asha@earlybird.in");

		assertThat(saved.translations().get("en").parameters()).hasSize(4);
		assertThat(this.replica.templates().render(TestEvents.deliveryScheduled("en")).parameters()).hasSize(4);
	}

	@Test
	void rejectsTheNewBuiltIn() {
		assertThat(problemsOf(TemplateType.CHURN_RISK,
				change(TemplateType.CHURN_RISK, "en",
						(translation) -> withBody(translation,
								"<#assign run = \"freemarker.template.utility.Execute\"?new()>${run(\"id\")}"))))
			.singleElement()
			.satisfies((problem) -> {
				assertThat(problem.field()).isEqualTo("translations.en.body");
				assertThat(problem.message()).isEqualTo("uses ?new, which templates may not use");
			});
	}

	@Test
	void rejectsTheApiBuiltIn() {
		assertThat(problemsOf(TemplateType.CHURN_RISK,
				change(TemplateType.CHURN_RISK, "en",
						(translation) -> withParameter(translation, 0, "${customer?api.get(\"name\")}"))))
			.singleElement()
			.isEqualTo(new Problem("translations.en.parameters[0]", "uses ?api, which templates may not use"));
	}

	@Test
	void acceptsAUrlWhoseQueryLooksLikeABuiltIn() {
		TemplateDefinition saved = this.replica.catalog()
			.update(TemplateType.NEW_PRODUCT,
					change(TemplateType.NEW_PRODUCT, "en",
							(translation) -> withBody(translation,
									"${customer.name}: ${product} in ${area} from ${fmt.date(launchDate)}. "
											+ "https://earlybird.in/shop?new=1&api=2")),
					"asha@earlybird.in");

		assertThat(saved.version()).isEqualTo(2);
	}

	@Test
	void rejectsAParameterThatRendersBlankOrOnSeveralLines() {
		TemplateChange change = change(TemplateType.DELIVERY_DELAYED, "en", (translation) -> withParameters(translation,
				List.of("${customer.name}", "<#if false>${reason}</#if>", "${fmt.time(newEta)}\n${reason}")));

		assertThat(problemsOf(TemplateType.DELIVERY_DELAYED, change)).extracting(Problem::field)
			.containsExactly("translations.en.parameters[1]", "translations.en.parameters[2]");
	}

	@Test
	void rejectsWhatsAppPlaceholdersInTheBody() {
		assertThat(problemsOf(TemplateType.PAUSE_CONFIRMATION,
				change(TemplateType.PAUSE_CONFIRMATION, "en",
						(translation) -> withBody(translation, "Hi {{1}}, paused until {{2}}."))))
			.extracting(Problem::field)
			.containsExactly("translations.en.body");
	}

	@Test
	void listsEveryProblemOfAChange() {
		Map<String, TemplateTranslation> translations = new HashMap<>(
				current(TemplateType.ORDER_CONFIRMATION).translations());
		TemplateTranslation english = translations.get("en");
		translations.put("en",
				new TemplateTranslation("Order Confirmation", "english", english.parameters(), english.body()));
		translations.put("hi", withBody(translations.get("hi"), "<#if>"));
		translations.put("Hindi", translations.get("hi"));

		assertThat(problemsOf(TemplateType.ORDER_CONFIRMATION, new TemplateChange(translations)))
			.extracting(Problem::field)
			.containsExactly("translations.Hindi", "translations.en.providerTemplateName",
					"translations.en.providerLanguage", "translations.hi.body");
	}

	@Test
	void requiresAnEnglishTranslation() {
		Map<String, TemplateTranslation> hindiOnly = Map.of("hi",
				current(TemplateType.PAUSE_CONFIRMATION).translations().get("hi"));

		assertThat(problemsOf(TemplateType.PAUSE_CONFIRMATION, new TemplateChange(hindiOnly))).containsExactly(
				new Problem("translations", "must include the en translation, the fallback for every customer"));
	}

	@Test
	void refusesAChangeBasedOnAnOutdatedVersion() {
		TemplateChange first = change(TemplateType.CHURN_RISK, "en",
				(translation) -> withBody(translation, "${customer.name}: ${offerPercent}% off, code ${offerCode}"));
		this.replica.catalog().update(TemplateType.CHURN_RISK, first, "asha@earlybird.in");

		assertThatExceptionOfType(OptimisticLockingFailureException.class).isThrownBy(() -> this.replica.catalog()
			.update(TemplateType.CHURN_RISK, new TemplateChange(first.translations(), false, 1), "ravi@earlybird.in"))
			.withMessageContaining("is at version 2, not 1");
		assertThat(current(TemplateType.CHURN_RISK).updatedBy()).isEqualTo("asha@earlybird.in");
	}

	@Test
	void seedsATemplateMissingFromMongoBeforeChangingIt() {
		TemplateChange change = change(TemplateType.PAUSE_CONFIRMATION, "en",
				(translation) -> withBody(translation, "${customer.name}, back on ${fmt.date(resumeDate)}"));
		mongo.clear();

		TemplateDefinition saved = this.replica.catalog()
			.update(TemplateType.PAUSE_CONFIRMATION, change, "asha@earlybird.in");

		assertThat(saved.version()).isEqualTo(2);
		assertThat(this.replica.catalog().versions(TemplateType.PAUSE_CONFIRMATION))
			.extracting(TemplateDefinition::version)
			.containsExactly(2, 1);
	}

	@Test
	void anotherReplicaRendersTheChangeAfterItsRefresh() {
		TemplateFixture otherReplica = TemplateFixture.on(mongo.template()).seeded();
		this.replica.catalog()
			.update(TemplateType.PAUSE_CONFIRMATION, change(TemplateType.PAUSE_CONFIRMATION, "en",
					(translation) -> withBody(translation, "${customer.name}, back on ${fmt.date(resumeDate)}")),
					"asha@earlybird.in");
		NotificationEvent paused = TestEvents.sample(TemplateType.PAUSE_CONFIRMATION, "en");
		assertThat(otherReplica.templates().render(paused).templateVersion()).isEqualTo(1);

		otherReplica.cache().refresh();

		RenderedNotification rendered = otherReplica.templates().render(paused);
		assertThat(rendered.templateVersion()).isEqualTo(2);
		assertThat(rendered.body()).isEqualTo("Ananya, back on 31 Jan");
	}

	@Test
	void previewsATemplateWithItsSampleEvent() {
		RenderedNotification preview = this.replica.catalog().preview(TemplateType.PAYMENT_REMINDER, "hi");

		assertThat(preview.language()).isEqualTo("hi");
		assertThat(preview.parameters()).containsExactly("Priya", "₹2,500", "जनवरी 2026", "5 फ़र॰", "BILL-202601-1042");
	}

	private List<Problem> problemsOf(TemplateType type, TemplateChange change) {
		List<Problem> problems = new ArrayList<>();
		assertThatExceptionOfType(InvalidTemplateException.class)
			.isThrownBy(() -> this.replica.catalog().update(type, change, "asha@earlybird.in"))
			.satisfies((ex) -> {
				assertThat(ex.type()).isEqualTo(type);
				assertThat(ex.getMessage()).startsWith("Template " + type.key() + " was not saved: ");
				problems.addAll(ex.problems());
			});
		return problems;
	}

	private TemplateDefinition current(TemplateType type) {
		return this.replica.catalog().find(type).orElseThrow();
	}

	private TemplateChange change(TemplateType type, String language, UnaryOperator<TemplateTranslation> edit) {
		Map<String, TemplateTranslation> translations = new HashMap<>(current(type).translations());
		translations.put(language, edit.apply(translations.get(language)));
		return new TemplateChange(translations);
	}

	private static TemplateTranslation withBody(TemplateTranslation translation, String body) {
		return new TemplateTranslation(translation.providerTemplateName(), translation.providerLanguage(),
				translation.parameters(), body);
	}

	private static TemplateTranslation withParameter(TemplateTranslation translation, int index, String parameter) {
		List<String> parameters = new ArrayList<>(translation.parameters());
		parameters.set(index, parameter);
		return withParameters(translation, parameters);
	}

	private static TemplateTranslation withParameters(TemplateTranslation translation, List<String> parameters) {
		return new TemplateTranslation(translation.providerTemplateName(), translation.providerLanguage(), parameters,
				translation.body());
	}

}
