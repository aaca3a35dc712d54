package in.earlybird.notification.delivery.myoperator;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.sun.net.httpserver.HttpServer;
import in.earlybird.events.PhoneNumber;
import in.earlybird.notification.delivery.myoperator.SendResult.Accepted;
import in.earlybird.notification.delivery.myoperator.SendResult.Rejected;
import in.earlybird.notification.sandbox.MyOperatorSandbox;
import in.earlybird.notification.sandbox.ReceivedMessage;
import in.earlybird.notification.sandbox.SandboxMode;
import in.earlybird.notification.sandbox.SandboxSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.web.client.RestClient;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Tests for {@link MyOperatorClient} over real HTTP against the strict
 * {@link MyOperatorSandbox}.
 */
class MyOperatorClientTests {

	static final String API_KEY = "mo-live-8d3b1f6e2a";

	static final String COMPANY_ID = "company-42";

	static final String PHONE_NUMBER_ID = "pn-1001";

	static final PhoneNumber CUSTOMER = PhoneNumber.parse("+919876543210");

	static final JsonMapper JSON = JsonMapper.builder().build();

	static MyOperatorSandbox sandbox;

	static MyOperatorClient client;

	@BeforeAll
	static void start() {
		sandbox = MyOperatorSandbox.start(SandboxSettings.of(0, API_KEY, COMPANY_ID, PHONE_NUMBER_ID)
			.withTemplate("delivery_reminder", "en", 3)
			.withTemplate("payment_received", "hi", 2));
		client = new MyOperatorClient(properties(sandbox.baseUrl(), API_KEY, Duration.ofSeconds(5)));
	}

	@AfterAll
	static void stop() {
		client.close();
		sandbox.close();
	}

	@AfterEach
	void noRequestBrokeTheRules() {
		assertThat(sandbox.rejections()).as("requests the sandbox refused as malformed").isEmpty();
		sandbox.reset();
	}

	@Test
	void sendsATemplateMessageExactlyAsDocumented() {
		SendResult result = client.send(deliveryReminder("notification-1"));

		assertThat(result).isInstanceOf(Accepted.class);
		ReceivedMessage received = sandbox.receivedFor("notification-1").getFirst();
		assertThat(received.authorizationScheme()).isEqualTo("Bearer");
		assertThat(received.header("X-MYOP-COMPANY-ID")).isEqualTo(COMPANY_ID);
		assertThat(received.header("Content-Type")).isEqualTo("application/json");
		assertThat(received.header("Accept")).isEqualTo("application/json");
		assertThat(received.countryCode()).isEqualTo("91");
		assertThat(received.number()).isEqualTo("9876543210");
		assertThat(received.templateName()).isEqualTo("delivery_reminder");
		assertThat(received.language()).isEqualTo("en");
		assertThat(received.parameters()).containsExactly("John", "28 Jan", "Bandra");

		JsonNode body = JSON.readTree(received.body());
		assertThat(body.propertyNames()).containsExactly("phone_number_id", "customer_country_code", "customer_number",
				"data", "reply_to", "myop_ref_id");
		assertThat(body.get("phone_number_id").asString()).isEqualTo(PHONE_NUMBER_ID);
		assertThat(body.get("customer_country_code").asString()).isEqualTo("91");
		assertThat(body.get("customer_number").asString()).isEqualTo("9876543210");
		assertThat(body.get("reply_to").isNull()).isTrue();
		assertThat(body.get("myop_ref_id").asString()).isEqualTo("notification-1");
		JsonNode data = body.get("data");
		assertThat(data.propertyNames()).containsExactly("type", "context");
		assertThat(data.get("type").asString()).isEqualTo("template");
		JsonNode context = data.get("context");
		assertThat(context.propertyNames()).containsExactly("template_name", "language", "body");
		assertThat(context.get("body").isObject()).isTrue();
		assertThat(context.get("body").propertyNames()).containsExactly("1", "2", "3");
		assertThat(context.at("/body/1").asString()).isEqualTo("John");
		assertThat(context.at("/body/2").asString()).isEqualTo("28 Jan");
		assertThat(context.at("/body/3").asString()).isEqualTo("Bandra");
	}

	@ParameterizedTest(name = "misspelt: {0}")
	@ValueSource(booleans = { false, true })
	void readsTheMessageAndConversationIdsInEitherSpelling(boolean misspelt) {
		sandbox.misspellConversationId(misspelt);

		SendResult result = client.send(deliveryReminder("notification-2"));

		ReceivedMessage received = sandbox.receivedFor("notification-2").getFirst();
		assertThat(result).isEqualTo(new Accepted(received.messageId(), received.conversationId()));
	}

	@Test
	void doesNotFollowARedirectButReportsAWrongBaseUrl() throws IOException {
		// A base URL that answers 301 towards the real API: following it would send
		// the message (and the API key) somewhere nobody configured.
		HttpServer moved = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		moved.createContext("/", (exchange) -> {
			exchange.getResponseHeaders()
				.add("Location", sandbox.baseUrl().resolve(exchange.getRequestURI()).toString());
			exchange.sendResponseHeaders(301, -1);
			exchange.close();
		});
		moved.start();
		try (MyOperatorClient redirected = new MyOperatorClient(properties(
				URI.create("http://127.0.0.1:" + moved.getAddress().getPort()), API_KEY, Duration.ofSeconds(5)))) {
			assertRejected(redirected.send(deliveryReminder("n-301")), FailureKind.CONFIGURATION, "HTTP_301", 301);
		}
		finally {
			moved.stop(0);
		}
		assertThat(sandbox.receivedFor("n-301")).isEmpty();
	}

	@Test
	void treatsA500WithANullMessageAsTransient() {
		sandbox.setMode(SandboxMode.HTTP_500);

		assertRejected(client.send(deliveryReminder("n-500")), FailureKind.TRANSIENT, "HTTP_500", 500);
	}

	@Test
	void treatsA503PageAsTransient() {
		sandbox.setMode(SandboxMode.HTTP_503);

		assertRejected(client.send(deliveryReminder("n-503")), FailureKind.TRANSIENT, "HTTP_503", 503);
	}

	@Test
	void reportsRateLimitingWithRetryAfter() {
		sandbox.setMode(SandboxMode.rateLimited(Duration.ofSeconds(7)));

		Rejected rejected = assertRejected(client.send(deliveryReminder("n-429")), FailureKind.RATE_LIMITED, "429",
				429);

		assertThat(rejected.retryAfter()).isEqualTo(Duration.ofSeconds(7));
	}

	@Test
	void keepsTheProviderStateOfWhatItSentAndNotOfWhatItRefusedItself() {
		try (MyOperatorClient watched = new MyOperatorClient(
				properties(sandbox.baseUrl(), API_KEY, Duration.ofSeconds(5)))) {
			watched.send(new TemplateMessage("n-blank", CUSTOMER, "delivery_reminder", "en", List.of("John", " ")));
			assertThat(watched.state().snapshot().lastFailure()).as("a blank parameter never reaches MyOperator")
				.isNull();

			watched.send(deliveryReminder("n-ok"));
			assertThat(watched.state().snapshot().lastSuccessAt()).isNotNull();

			sandbox.setMode(SandboxMode.rateLimited(Duration.ofSeconds(7)));
			watched.send(deliveryReminder("n-throttled"));
			ProviderState.Snapshot snapshot = watched.state().snapshot();
			assertThat(snapshot.throttled()).isTrue();
			assertThat(snapshot.throttledUntil()).isAfter(snapshot.at().plusSeconds(5));
			assertThat(snapshot.lastFailure().kind()).isEqualTo(FailureKind.RATE_LIMITED);
			assertThat(snapshot.lastFailure().httpStatus()).isEqualTo(429);
		}
	}

	@Test
	void treatsAReadTimeoutAsInDoubt() {
		sandbox.setMode(SandboxMode.timeout(Duration.ofSeconds(5)));
		try (MyOperatorClient impatient = new MyOperatorClient(
				properties(sandbox.baseUrl(), API_KEY, Duration.ofMillis(200)))) {
			long started = System.nanoTime();

			SendResult result = impatient.send(deliveryReminder("n-timeout"));

			assertRejected(result, FailureKind.IN_DOUBT, "READ_TIMEOUT", Rejected.NO_RESPONSE);
			assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(3));
		}
	}

	@Test
	void treatsARefusedConnectionAsTransient() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		try (MyOperatorClient nowhere = new MyOperatorClient(
				properties(URI.create("http://127.0.0.1:" + closedPort), API_KEY, Duration.ofSeconds(1)))) {

			assertRejected(nowhere.send(deliveryReminder("n-refused")), FailureKind.TRANSIENT, "CONNECTION_REFUSED",
					Rejected.NO_RESPONSE);
		}
	}

	@Test
	void waitsRightBeforeWritingEachRequestOnceItsConnectionIsReady() {
		List<Long> receivedBefore = new ArrayList<>();
		MyOperatorClient.BeforeWrite beforeWrite = () -> receivedBefore.add(sandbox.receivedCount());

		assertThat(client.send(deliveryReminder("n-before-1"), beforeWrite)).isInstanceOf(Accepted.class);
		assertThat(client.send(deliveryReminder("n-before-2"), beforeWrite)).isInstanceOf(Accepted.class);

		// Once per request, each time before the provider had it.
		assertThat(receivedBefore).containsExactly(0L, 1L);
	}

	@Test
	void sendsNothingWhenTheWaitBeforeWritingIsInterrupted() {
		SendResult result = client.send(deliveryReminder("n-interrupted"), () -> {
			throw new InterruptedException("shutting down");
		});

		assertThat(Thread.interrupted()).as("the interrupt is kept").isTrue();
		assertRejected(result, FailureKind.TRANSIENT, "INTERRUPTED", Rejected.NO_RESPONSE);
		assertThat(sandbox.receivedCount()).isZero();
		// The pool is still good for the next request.
		assertThat(client.send(deliveryReminder("n-after-interrupt"))).isInstanceOf(Accepted.class);
	}

	@Test
	void doesNotWaitBeforeWritingARequestWhoseConnectionFailed() throws IOException {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		List<String> waits = new ArrayList<>();
		try (MyOperatorClient nowhere = new MyOperatorClient(
				properties(URI.create("http://127.0.0.1:" + closedPort), API_KEY, Duration.ofSeconds(1)))) {

			assertRejected(nowhere.send(deliveryReminder("n-nowhere"), () -> waits.add("waited")),
					FailureKind.TRANSIENT, "CONNECTION_REFUSED", Rejected.NO_RESPONSE);
		}
		// A request that cannot leave takes no turn under the rate limit.
		assertThat(waits).isEmpty();
	}

	@Test
	void treatsAConnectionClosedWithoutAnswerAsTransient() {
		sandbox.setMode(SandboxMode.CONNECTION_RESET);

		assertRejected(client.send(deliveryReminder("n-reset")), FailureKind.TRANSIENT, "IO_ERROR",
				Rejected.NO_RESPONSE);
	}

	@Test
	void treatsAWrongKeyAsConfiguration() {
		try (MyOperatorClient wrongKey = new MyOperatorClient(
				properties(sandbox.baseUrl(), "not-the-key", Duration.ofSeconds(5)))) {

			assertRejected(wrongKey.send(deliveryReminder("n-401")), FailureKind.CONFIGURATION, "HTTP_401", 401);
		}
		assertThat(sandbox.rejections()).singleElement()
			.satisfies((rejection) -> assertThat(rejection.httpStatus()).isEqualTo(401));
		sandbox.reset();
	}

	@Test
	void treatsA401FromMyOperatorAsConfiguration() {
		sandbox.setMode(SandboxMode.permanent("401"));

		assertRejected(client.send(deliveryReminder("n-401")), FailureKind.CONFIGURATION, "HTTP_401", 401);
	}

	@Test
	void treatsADisabledWabaAsConfiguration() {
		sandbox.setMode(SandboxMode.permanent("CHAT_0302"));

		assertRejected(client.send(deliveryReminder("n-0302")), FailureKind.CONFIGURATION, "CHAT_0302", 400);
	}

	@Test
	void reportsAnEmptyWallet() {
		sandbox.setMode(SandboxMode.permanent("CHAT_4001"));

		assertRejected(client.send(deliveryReminder("n-4001")), FailureKind.INSUFFICIENT_BALANCE, "CHAT_4001", 400);
	}

	@Test
	void treatsAMalformedRequestAsAnInvalidMessage() {
		// bypasses PhoneNumber.parse: not an Indian mobile number
		TemplateMessage message = new TemplateMessage("n-bad-number", new PhoneNumber("91", "5876543210"),
				"delivery_reminder", "en", List.of("John", "28 Jan", "Bandra"));

		Rejected rejected = assertRejected(client.send(message), FailureKind.INVALID_MESSAGE, "400", 400);

		assertThat(rejected.reason()).contains("customer_number").doesNotContain("5876543210");
		assertThat(sandbox.rejections()).hasSize(1);
		sandbox.reset();
	}

	@Test
	void treatsATemplateParameterMismatchAsAnInvalidMessage() {
		TemplateMessage message = new TemplateMessage("n-132000", CUSTOMER, "delivery_reminder", "en",
				List.of("John", "28 Jan"));

		assertRejected(client.send(message), FailureKind.INVALID_MESSAGE, "132000", 400);
		sandbox.reset();
	}

	@Test
	void refusesABlankParameterWithoutCallingMyOperator() {
		TemplateMessage message = new TemplateMessage("n-blank", CUSTOMER, "delivery_reminder", "en",
				List.of("John", " ", "Bandra"));

		assertRejected(client.send(message), FailureKind.INVALID_MESSAGE, "INVALID_TEMPLATE_MESSAGE",
				Rejected.NO_RESPONSE);
		assertThat(sandbox.receivedCount()).isZero();
	}

	@Test
	void neverPutsTheKeyOrTheFullNumberInAReason() {
		List<SandboxMode> modes = List.of(SandboxMode.HTTP_500, SandboxMode.HTTP_503,
				SandboxMode.rateLimited(Duration.ofSeconds(1)), SandboxMode.CONNECTION_RESET,
				SandboxMode.permanent("401"), SandboxMode.permanent("403"), SandboxMode.permanent("CHAT_0302"),
				SandboxMode.permanent("CHAT_4001"), SandboxMode.permanent("131026"));
		List<String> reasons = new ArrayList<>();
		for (SandboxMode mode : modes) {
			sandbox.setMode(mode);
			reasons.add(((Rejected) client.send(deliveryReminder("n-" + mode.kind()))).reason());
		}

		assertThat(reasons).allSatisfy((reason) -> assertThat(reason).doesNotContain(API_KEY)
			.doesNotContain(CUSTOMER.nationalNumber())
			.doesNotContain("Bearer " + API_KEY)
			.hasSizeLessThanOrEqualTo(ProviderResponseClassifier.MAX_REASON_LENGTH));
	}

	@Test
	void sendsFromManyVirtualThreadsAtOnce() throws Exception {
		int sends = 500;
		List<Future<SendResult>> results = new ArrayList<>();
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < sends; i++) {
				String refId = "parallel-" + i;
				results.add(threads.submit(() -> client.send(deliveryReminder(refId))));
			}
		}

		for (Future<SendResult> result : results) {
			assertThat(result.get()).isInstanceOf(Accepted.class);
		}
		assertThat(sandbox.receivedCount()).isEqualTo(sends);
		assertThat(sandbox.duplicateRefIds()).isEmpty();
		assertThat(Set.copyOf(results.stream().map(MyOperatorClientTests::messageId).toList())).hasSize(sends);
	}

	@Test
	void listsTheApprovedTemplates() {
		List<ApprovedTemplate> templates = client.approvedTemplates(SandboxSettings.DEFAULT_WABA_ID);

		assertThat(templates).extracting(ApprovedTemplate::name, ApprovedTemplate::language)
			.containsExactly(tuple("delivery_reminder", "en"), tuple("payment_received", "hi"));
		assertThat(templates.getFirst().bodyParameterCount()).hasValue(3);
	}

	@Test
	void failsToListTemplatesWithAClassifiedException() {
		try (MyOperatorClient wrongKey = new MyOperatorClient(
				properties(sandbox.baseUrl(), "not-the-key", Duration.ofSeconds(5)))) {

			assertThatExceptionOfType(MyOperatorException.class)
				.isThrownBy(() -> wrongKey.approvedTemplates(SandboxSettings.DEFAULT_WABA_ID))
				.satisfies((ex) -> assertThat(ex.rejection().kind()).isEqualTo(FailureKind.CONFIGURATION))
				.withMessageNotContaining("not-the-key");
		}
		sandbox.reset();
	}

	@Test
	void buildsOnAGivenRestClientBuilderWithoutChangingIt() {
		RestClient.Builder builder = RestClient.builder();
		try (MyOperatorClient built = new MyOperatorClient(
				properties(sandbox.baseUrl(), API_KEY, Duration.ofSeconds(5)), builder)) {

			assertThat(built.send(deliveryReminder("n-builder"))).isInstanceOf(Accepted.class);
		}
		Integer status = builder.build()
			.get()
			.uri(sandbox.baseUrl().resolve("/chat/phonenumbers"))
			.exchange((request, response) -> response.getStatusCode().value());
		assertThat(status).as("the original builder has no auth headers").isEqualTo(401);
		sandbox.reset();
	}

	static MyOperatorProperties properties(URI baseUrl, String apiKey, Duration readTimeout) {
		// A generous connect timeout: hundreds of connections open at once on a busy
		// machine.
		return new MyOperatorProperties(baseUrl, apiKey, COMPANY_ID, PHONE_NUMBER_ID, Duration.ofSeconds(5),
				readTimeout);
	}

	static TemplateMessage deliveryReminder(String refId) {
		return new TemplateMessage(refId, CUSTOMER, "delivery_reminder", "en", List.of("John", "28 Jan", "Bandra"));
	}

	private static Rejected assertRejected(SendResult result, FailureKind kind, String code, int httpStatus) {
		assertThat(result).isInstanceOf(Rejected.class);
		Rejected rejected = (Rejected) result;
		assertThat(rejected.kind()).as(rejected.toString()).isEqualTo(kind);
		assertThat(rejected.code()).as(rejected.toString()).isEqualTo(code);
		assertThat(rejected.httpStatus()).isEqualTo(httpStatus);
		assertThat(rejected.reason()).isNotBlank().doesNotContain(API_KEY).doesNotContain(CUSTOMER.nationalNumber());
		return rejected;
	}

	private static String messageId(Future<SendResult> result) {
		return ((Accepted) result.resultNow()).messageId();
	}

}
