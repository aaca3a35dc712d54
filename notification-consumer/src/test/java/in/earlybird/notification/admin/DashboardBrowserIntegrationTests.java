package in.earlybird.notification.admin;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import in.earlybird.events.CloudEvent;
import in.earlybird.events.CloudEvents;
import in.earlybird.events.Customer;
import in.earlybird.events.EventType;
import in.earlybird.events.NotificationEvent;
import in.earlybird.events.OrderCreated;
import in.earlybird.notification.IntegrationTestConfiguration;
import in.earlybird.notification.TestEvents;
import in.earlybird.notification.TestTokens;
import in.earlybird.notification.TestTopics;
import in.earlybird.notification.history.NotificationHistory;
import in.earlybird.notification.history.NotificationRecord;
import in.earlybird.notification.history.NotificationStatus;
import in.earlybird.notification.preferences.CustomerPreferenceStore;
import in.earlybird.notification.preferences.QuietHours;
import in.earlybird.notification.retry.DeadLetterReplayer;
import in.earlybird.notification.retry.ReplayFilter;
import in.earlybird.notification.sandbox.MyOperatorSandbox;
import in.earlybird.notification.sandbox.SandboxMode;
import in.earlybird.notification.shared.India;
import in.earlybird.notification.templates.TemplateCatalog;
import in.earlybird.notification.templates.TemplateType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dashboard in a real browser (Debian's headless Chromium) against the service on a
 * real port, with events sent through the embedded Kafka broker to the strict MyOperator
 * sandbox. Every page is saved as a screenshot under
 * {@code target/dashboard-screenshots}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
@Import(IntegrationTestConfiguration.class)
class DashboardBrowserIntegrationTests {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static DashboardBrowser browser;

	@LocalServerPort
	int port;

	@Autowired
	KafkaTemplate<String, byte[]> kafka;

	@Autowired
	TestTopics topics;

	@Autowired
	MyOperatorSandbox sandbox;

	@Autowired
	NotificationHistory history;

	@Autowired
	TemplateCatalog catalog;

	@Autowired
	DeadLetterReplayer replayer;

	@Autowired
	CustomerPreferenceStore preferences;

	@BeforeEach
	void browser() {
		// Started with the first test, once the port is known; a missing browser fails
		// it.
		if (browser == null) {
			browser = DashboardBrowser.start("http://localhost:" + this.port);
		}
		this.sandbox.reset();
	}

	@AfterEach
	void noScriptErrorsOrPolicyRefusals() {
		assertThat(browser.scriptErrors()).as("script errors and Content-Security-Policy refusals").isEmpty();
	}

	@AfterAll
	static void stopBrowser() {
		if (browser != null) {
			browser.close();
		}
	}

	@Test
	void showsViewersMaskedNumbersAndNoActions() {
		Customer customer = TestEvents.customer();
		this.sandbox.failFor(customer.phone(), SandboxMode.permanent("131026"));
		NotificationRecord failed = publishAndAwait(TestEvents.deliveryScheduled(customer), NotificationStatus.FAILED);

		browser.signInWithLink(TestTokens.viewer(), "#/history?phone=" + customer.phone().replace("+", "%2B"));
		WebElement row = browser.waitFor("tr[data-id='" + failed.id() + "']");
		String shownPhone = row.findElement(By.cssSelector("[data-field='phone']")).getText();
		assertThat(shownPhone).contains("•").doesNotContain(customer.phone().substring(3));
		row.findElement(By.cssSelector("button[data-open]")).click();
		browser.waitFor("[data-region='detail'] [data-status='failed']");
		assertThat(browser.text("[data-region='detail'] [data-field='phone']")).isEqualTo(shownPhone);
		assertThat(browser.present("[data-action='resend']")).isFalse();
		assertThat(browser.text("#who-role")).isEqualTo("viewer");
		browser.screenshot("history-viewer");

		browser.go("#/templates/churn_risk");
		browser.waitFor("[data-section='editor']");
		assertThat(browser.present("[data-action='save']")).isFalse();
		assertThat(browser.waitFor("textarea[data-field='translations.en.body']").getDomAttribute("readonly"))
			.isNotNull();
		browser.go("#/customers?phone=" + customer.phone().replace("+", "%2B"));
		browser.waitFor("[data-section='preferences']");
		assertThat(browser.text("[data-section='preferences'] [data-field='phone']")).isEqualTo(shownPhone);
		assertThat(browser.present("[data-action='save-preferences']")).isFalse();
		browser.go("#/dead-letters");
		assertThat(browser.text(".page .message")).contains("needs the admin role");
		assertThat(browser.present("[data-action='replay']")).isFalse();
	}

	@Test
	void letsAnAdminResendAFailedMessageAndShowsItSent() {
		Customer customer = TestEvents.customer();
		this.sandbox.failFor(customer.phone(), 1, SandboxMode.permanent("131026"));
		NotificationRecord failed = publishAndAwait(TestEvents.deliveryScheduled(customer), NotificationStatus.FAILED);

		browser.signInWithLink(TestTokens.admin(), "#/history?phone=" + customer.phone().replace("+", "%2B"));
		WebElement row = browser.waitFor("tr[data-id='" + failed.id() + "']");
		assertThat(row.findElement(By.cssSelector("[data-field='phone']")).getText()).isEqualTo(customer.phone());
		row.findElement(By.cssSelector("button[data-open]")).click();
		assertThat(browser.text("[data-region='detail'] [data-table='attempts']")).contains("131026");
		browser.waitFor("[data-action='resend']").click();

		WebElement result = browser.waitFor("[data-result='resend'] .message.ok");
		assertThat(result.findElement(By.cssSelector("[data-status]")).getText()).isEqualTo("sent");
		List<NotificationRecord> resends = this.history.findByEventId("resend:" + failed.id() + ":1");
		assertThat(resends).singleElement()
			.satisfies((resend) -> assertThat(resend.status()).isEqualTo(NotificationStatus.SENT));
		assertThat(this.sandbox.receivedFor(resends.get(0).id())).hasSize(1);
		assertThat(browser.waitFor("tr[data-id='" + resends.get(0).id() + "']").getText()).contains("sent");
		browser.screenshot("history-resent");
	}

	@Test
	void showsABrokenTemplateEditsErrorNextToTheFieldAndSavesNothing() {
		int before = this.catalog.find(TemplateType.CHURN_RISK).orElseThrow().version();
		browser.signInWithLink(TestTokens.admin(), "#/templates/churn_risk");
		WebElement body = browser.waitFor("textarea[data-field='translations.en.body']");
		body.clear();
		body.sendKeys("We miss you, ${customer.nam");
		browser.waitFor("[data-action='save']").click();

		WebElement error = browser.waitFor("[data-error-for='translations.en.body']");
		assertThat(error.getText()).isNotBlank();
		assertThat(body.getDomAttribute("aria-invalid")).isEqualTo("true");
		assertThat(browser.text("[data-region='form-message'] .message.error")).contains("churn_risk");
		assertThat(this.catalog.find(TemplateType.CHURN_RISK).orElseThrow().version()).isEqualTo(before);
		assertThat(this.catalog.versions(TemplateType.CHURN_RISK)).hasSize(before);
		browser.screenshot("templates-broken-edit");
	}

	@Test
	void previewsAValidTemplateEditAndTheNextEventUsesIt() {
		browser.signInWithLink(TestTokens.admin(), "#/templates/order_confirmation");
		WebElement body = browser.waitFor("textarea[data-field='translations.en.body']");
		body.click();
		body.sendKeys(Keys.chord(Keys.CONTROL, Keys.END), "\nSee you at breakfast, ${customer.name}.");
		await().atMost(10, TimeUnit.SECONDS)
			.untilAsserted(() -> assertThat(browser.text("[data-preview-text='en']"))
				.endsWith("See you at breakfast, Priya."));
		assertThat(browser.text("[data-region='preview-status']")).contains("unsaved edit");
		browser.waitFor("[data-action='save']").click();
		assertThat(browser.waitFor("[data-region='form-message'] .message.ok").getText())
			.isEqualTo("Saved order_confirmation as version 2.");
		assertThat(browser.waitFor("table[data-table='versions'] tr[data-version='2']").getText())
			.contains("asha@earlybird.in");
		browser.screenshot("templates");

		Customer customer = TestEvents.customer();
		NotificationRecord sent = publishAndAwait(
				new OrderCreated(customer, "ord-7711", new BigDecimal("349.00"), LocalDate.now(India.ZONE).plusDays(1)),
				NotificationStatus.SENT);
		assertThat(sent.templateVersion()).isEqualTo(2);
		assertThat(sent.message()).endsWith("See you at breakfast, Priya Sharma.");
	}

	@Test
	void showsTheNumbersOfGetStatisticsOnTheOverview() {
		Customer customer = TestEvents.customer();
		publishAndAwait(TestEvents.deliveryScheduled(customer), NotificationStatus.SENT);
		this.sandbox.failFor(customer.phone(), SandboxMode.permanent("131026"));
		publishAndAwait(
				new OrderCreated(customer, "ord-8812", new BigDecimal("120.00"), LocalDate.now(India.ZONE).plusDays(2)),
				NotificationStatus.FAILED);

		browser.signInWithLink(TestTokens.viewer(), "#/overview");
		await().atMost(20, TimeUnit.SECONDS).untilAsserted(() -> {
			browser.go("#/overview?reload=" + System.nanoTime());
			browser.waitFor("[data-scope='window'] [data-stat='sent']");
			String from = (String) browser.script("return document.querySelector('input[name=from]').value");
			String to = (String) browser.script("return document.querySelector('input[name=to]').value");
			assertThat(from).isEqualTo(LocalDate.now(India.ZONE).minusDays(6).toString());
			JsonNode statistics = statistics(from, to);
			JsonNode totals = statistics.get("totals");
			assertThat(totals.get("sent").asLong()).isPositive();
			assertThat(totals.get("failed").asLong()).isPositive();
			for (String key : List.of("sent", "delivered", "read", "failed", "expired", "deadLettered", "total")) {
				assertThat(browser.text("[data-scope='window'] [data-stat='" + key + "']")).as(key)
					.isEqualTo(totals.get(key).asString());
			}
			assertThat(browser.text("[data-scope='window'] [data-stat='deliveryRate']"))
				.isEqualTo(percent(totals.get("deliveryRate")));
			assertThat(browser.text("[data-scope='window'] [data-stat='readRate']"))
				.isEqualTo(percent(totals.get("readRate")));
			for (Map.Entry<String, JsonNode> type : statistics.get("byType").properties()) {
				String row = "table[data-table='by-type'] tr[data-type='" + type.getKey() + "'] ";
				for (String key : List.of("sent", "delivered", "read", "failed", "expired")) {
					assertThat(browser.text(row + "[data-stat='" + key + "']")).as(type.getKey() + " " + key)
						.isEqualTo(type.getValue().get(key).asString());
				}
			}
			assertThat(browser.all("table[data-table='by-type'] tbody tr")).hasSize(statistics.get("byType").size());
			for (Map.Entry<String, JsonNode> day : statistics.get("byDay").properties()) {
				assertThat(browser
					.text("table[data-table='by-day'] tr[data-day='" + day.getKey() + "'] [data-stat='sent']"))
					.isEqualTo(day.getValue().get("sent").asString());
			}
			JsonNode today = statistics(LocalDate.now(India.ZONE).toString(), LocalDate.now(India.ZONE).toString())
				.get("totals");
			assertThat(browser.text("[data-scope='today'] [data-stat='sent']")).isEqualTo(today.get("sent").asString());
		});
		assertThat(browser.text("[data-provider='last-success']")).doesNotContain("none");
		assertThat(browser.text("[data-provider='last-failure']")).contains("131026");
		assertThat(browser.text("[data-provider='throttled']")).isEqualTo("Not throttled");
		assertThat(browser.all("svg.chart")).hasSize(2);
		browser.screenshot("overview");
		browser.screenshot("overview-phone", new Dimension(390, 844));
	}

	@Test
	void showsWhatADryRunWouldReplayAndReplaysAfterConfirmation() {
		String topic = this.topics.of(EventType.DELIVERY_SCHEDULED);
		for (int i = 0; i < 3; i++) {
			this.kafka.send(TestEvents.raw(topic, "cust-poison-" + i, "{oops", CloudEvents.SPEC_VERSION_HEADER, "1.0"));
		}
		ReplayFilter poison = new ReplayFilter(null, null, null, "PoisonEvent", null);
		await().atMost(30, TimeUnit.SECONDS).until(() -> this.replayer.inspect(poison).matched() == 3);

		browser.signInWithLink(TestTokens.admin(), "#/dead-letters");
		new Select(browser.waitFor("select[name='errorClass']")).selectByValue("PoisonEvent");
		browser.waitFor("[data-action='dry-run']").click();
		assertThat(browser.waitFor("[data-report='dry-run'] [data-count='matched']").getText()).isEqualTo("3");
		assertThat(browser.text("[data-report='dry-run'] [data-count='replayed']")).isEqualTo("0");
		assertThat(browser.text("[data-report='dry-run'] table[data-table='reasons']")).contains("PoisonEvent/");
		assertThat(browser.all("[data-report='dry-run'] table[data-table='records'] tbody tr")).hasSize(3);
		assertThat(this.replayer.inspect(poison).matched()).isEqualTo(3);
		browser.screenshot("dead-letters-dry-run");

		browser.waitFor("[data-action='replay']").click();
		assertThat(browser.waitFor("dialog[open]").getText()).contains("errorClass = PoisonEvent");
		browser.waitFor("[data-action='confirm-replay']").click();
		assertThat(browser.waitFor("[data-report='replay'] [data-count='replayed']", Duration.ofSeconds(30)).getText())
			.isEqualTo("3");
		assertThat(browser.text("[data-region='audit'] [data-audit='target']")).isNotBlank();
		browser.screenshot("dead-letters-replayed");
	}

	@Test
	void rendersAHindiMessageWithItsEmoji() {
		Customer customer = TestEvents.customer("hi");
		NotificationRecord sent = publishAndAwait(TestEvents.deliveryScheduled(customer), NotificationStatus.SENT);
		assertThat(sent.message()).contains("नमस्ते").contains("👋");

		browser.signInWithLink(TestTokens.admin(), "#/history?phone=" + customer.phone().replace("+", "%2B"));
		browser.waitFor("tr[data-id='" + sent.id() + "'] button[data-open]").click();
		WebElement text = browser.waitFor("[data-message='text']");
		assertThat(text.getText()).isEqualTo(sent.message().strip());
		assertThat(text.getDomAttribute("lang")).isEqualTo("hi");
		assertThat(browser.text("[data-field='provider-template']")).isEqualTo("delivery_reminder");
		assertThat(browser.all("[data-list='parameters'] li")).hasSize(5);
		assertThat(browser.text("[data-timeline='delivery']")).contains("Accepted by MyOperator");
		browser.screenshot("history-hindi");
	}

	@Test
	void letsAnAdminChangeACustomersPreferences() {
		Customer customer = TestEvents.customer();
		publishAndAwait(TestEvents.deliveryScheduled(customer), NotificationStatus.SENT);

		browser.signInWithLink(TestTokens.admin(), "#/customers?phone=" + customer.phone().replace("+", "%2B"));
		browser.waitFor("table[data-table='customer-messages'] [data-status='sent']");
		browser.waitFor("input[data-category='promotional']").click();
		browser.script("arguments[0].value = '22:00'; arguments[1].value = '07:00'",
				browser.waitFor("input[name='start']"), browser.waitFor("input[name='end']"));
		browser.waitFor("[data-action='save-preferences']").click();

		assertThat(browser.waitFor("[data-region='preferences-message'] .message.ok").getText())
			.contains("opted out of promotional");
		assertThat(this.preferences.find(customer.phone())).hasValueSatisfying((saved) -> {
			assertThat(saved.optedOut()).containsExactly("promotional");
			assertThat(saved.quietHours()).isEqualTo(new QuietHours("22:00", "07:00"));
		});
		browser.screenshot("customers");
	}

	@Test
	void sendsAnExpiredTokenBackToSignInWithTheReason() {
		browser.signInWithLink(TestTokens.admin(), null);
		assertThat(browser.currentUrl()).endsWith("#/overview").doesNotContain("token=");
		assertThat(browser.script("return sessionStorage.length")).isEqualTo(1L);

		String expired = TestTokens.token(TestTokens.IT_SECRET, "asha@earlybird.in", List.of("admin"),
				Duration.ofMinutes(-5));
		browser.replaceStoredToken(expired);
		browser.script("window.location.hash = '#/history'");

		// The page shows the API's own problem detail for the refused token.
		String detail = RestClient.create("http://localhost:" + this.port)
			.get()
			.uri("/api/notifications/me")
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + expired)
			.exchange((request, response) -> {
				assertThat(response.getStatusCode().value()).isEqualTo(401);
				return JSON.readTree(response.getBody()).get("detail").asString();
			});
		assertThat(detail).isNotBlank();
		assertThat(browser.waitFor("#sign-in-message").getText())
			.isEqualTo(detail.replaceAll("\\.$", "") + ". Sign in again.");
		assertThat(browser.present("#nav:not([hidden])")).isFalse();
		assertThat(browser.script("return sessionStorage.length")).isEqualTo(0L);
		browser.screenshot("sign-in-expired");

		String shortLived = TestTokens.token(TestTokens.IT_SECRET, "asha@earlybird.in", List.of("admin"),
				Duration.ofSeconds(3));
		WebElement token = browser.waitFor("#token");
		token.sendKeys(shortLived);
		browser.waitFor("#sign-in-form button[type='submit']").click();
		browser.waitFor("#nav:not([hidden])");
		assertThat(browser.waitFor("#sign-in-message", Duration.ofSeconds(15)).getText())
			.startsWith("Your token expired");
	}

	private NotificationRecord publishAndAwait(NotificationEvent event, NotificationStatus status) {
		CloudEvent<NotificationEvent> envelope = TestEvents.envelope(event);
		this.kafka.send(TestEvents.binary(this.topics.of(event.eventType()), envelope));
		return await().atMost(30, TimeUnit.SECONDS)
			.until(() -> this.history.findByEventId(envelope.id())
				.stream()
				.filter((record) -> record.status() == status)
				.findFirst()
				.orElse(null), (record) -> record != null);
	}

	private JsonNode statistics(String from, String to) {
		String body = RestClient.create("http://localhost:" + this.port)
			.get()
			.uri("/api/notifications/statistics?from={from}&to={to}", from, to)
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.viewer())
			.retrieve()
			.body(String.class);
		return JSON.readTree(body);
	}

	private static String percent(JsonNode rate) {
		if (rate == null || rate.isNull()) {
			return "—";
		}
		return new BigDecimal(rate.asString()).movePointRight(2).setScale(1, RoundingMode.HALF_UP).toPlainString()
				+ "%";
	}

}
