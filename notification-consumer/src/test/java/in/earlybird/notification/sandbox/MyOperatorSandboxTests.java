package in.earlybird.notification.sandbox;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link MyOperatorSandbox}: it accepts exactly what MYOPERATOR.md documents
 * and refuses, and records, everything else.
 */
class MyOperatorSandboxTests {

	static final String API_KEY = "test-api-key-6f1c";

	static final String COMPANY_ID = "company-42";

	static final String PHONE_NUMBER_ID = "pn-1001";

	/**
	 * The template example of MYOPERATOR.md, with a real phone_number_id and reference.
	 */
	static final String CANONICAL = """
			{
			  "phone_number_id": "pn-1001",
			  "customer_country_code": "91",
			  "customer_number": "9876543210",
			  "data": {
			    "type": "template",
			    "context": {
			      "template_name": "delivery_reminder",
			      "language": "en",
			      "body": { "1": "John", "2": "28 Jan", "3": "Bandra" }
			    }
			  },
			  "reply_to": null,
			  "myop_ref_id": "notification-1"
			}
			""";

	static final JsonMapper JSON = JsonMapper.builder().build();

	static MyOperatorSandbox sandbox;

	static HttpClient http;

	@BeforeAll
	static void startSandbox() {
		sandbox = MyOperatorSandbox.start(SandboxSettings.of(0, API_KEY, COMPANY_ID, PHONE_NUMBER_ID)
			.withTemplate("delivery_reminder", "en", 3)
			.withTemplate("payment_received", "hi", 2));
		http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
	}

	@AfterAll
	static void stopSandbox() {
		http.close();
		sandbox.close();
	}

	@AfterEach
	void resetSandbox() {
		sandbox.reset();
	}

	@Test
	void acceptsTheCanonicalTemplateExample() throws Exception {
		HttpResponse<String> response = send(CANONICAL);

		assertThat(response.statusCode()).isEqualTo(200);
		JsonNode body = JSON.readTree(response.body());
		assertThat(body.get("status").asString()).isEqualTo("success");
		assertThat(body.get("code").isString()).isTrue();
		assertThat(body.get("code").asString()).isEqualTo("200");
		assertThat(body.get("message").asString()).isEqualTo("Accepted");
		assertThat(body.at("/data/message_id").asString()).hasSize(36);
		assertThat(body.at("/data/conversation_id").asString()).isNotBlank();
		assertThat(sandbox.rejections()).isEmpty();
		assertThat(sandbox.received()).singleElement().satisfies((message) -> {
			assertThat(message.refId()).isEqualTo("notification-1");
			assertThat(message.countryCode()).isEqualTo("91");
			assertThat(message.number()).isEqualTo("9876543210");
			assertThat(message.type()).isEqualTo("template");
			assertThat(message.templateName()).isEqualTo("delivery_reminder");
			assertThat(message.language()).isEqualTo("en");
			assertThat(message.parameters()).containsExactly("John", "28 Jan", "Bandra");
			assertThat(message.messageId()).isEqualTo(body.at("/data/message_id").asString());
			assertThat(message.authorizationScheme()).isEqualTo("Bearer");
			assertThat(message.headers()).doesNotContainKey("Authorization");
			assertThat(message.header("x-myop-company-id")).isEqualTo(COMPANY_ID);
		});
		assertThat(sandbox.countByRefId()).containsEntry("notification-1", 1);
	}

	@Test
	void acceptsAFreeTextMessage() throws Exception {
		String text = """
				{"phone_number_id":"pn-1001","customer_country_code":"91","customer_number":"9876543210",
				 "data":{"type":"text","context":{"body":"Your order is on its way","preview_url":false}},
				 "reply_to":null,"myop_ref_id":"text-1"}
				""";

		assertThat(send(text).statusCode()).isEqualTo(200);
		assertThat(sandbox.receivedFor("text-1")).singleElement()
			.satisfies((message) -> assertThat(message.text()).isEqualTo("Your order is on its way"));
	}

	@Test
	void acceptsParameterKeysInAnyOrder() throws Exception {
		HttpResponse<String> response = send(
				CANONICAL.replace("{ \"1\": \"John\", \"2\": \"28 Jan\", \"3\": \"Bandra\" }",
						"{ \"3\": \"Bandra\", \"1\": \"John\", \"2\": \"28 Jan\" }"));

		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(sandbox.received().get(0).parameters()).containsExactly("John", "28 Jan", "Bandra");
	}

	static Stream<Arguments> malformedSends() {
		return Stream.of(
				Arguments.of("array body parameters",
						CANONICAL.replace("{ \"1\": \"John\", \"2\": \"28 Jan\", \"3\": \"Bandra\" }",
								"[\"John\", \"28 Jan\", \"Bandra\"]"),
						400, "data.context.body must be an object"),
				Arguments.of("var_1 keys",
						CANONICAL.replace("{ \"1\": \"John\", \"2\": \"28 Jan\", \"3\": \"Bandra\" }",
								"{ \"var_1\": \"John\", \"var_2\": \"28 Jan\", \"var_3\": \"Bandra\" }"),
						400, "var_1"),
				Arguments.of("a gap in the keys", CANONICAL.replace("\"3\": \"Bandra\"", "\"4\": \"Bandra\""), 400,
						"'4'"),
				Arguments.of("a number as a parameter", CANONICAL.replace("\"28 Jan\"", "28"), 400,
						"data.context.body.\"2\" must be a non-empty string"),
				Arguments.of("an empty parameter", CANONICAL.replace("\"28 Jan\"", "\"\""), 400,
						"data.context.body.\"2\""),
				Arguments.of("+91 as country code", CANONICAL.replace("\"91\"", "\"+91\""), 400,
						"customer_country_code must be digits without '+'"),
				Arguments.of("a numeric country code", CANONICAL.replace("\"91\"", "91"), 400,
						"customer_country_code must be a string"),
				Arguments.of("a 9-digit Indian number", CANONICAL.replace("9876543210", "987654321"), 400,
						"customer_number"),
				Arguments.of("an Indian number starting with 5", CANONICAL.replace("9876543210", "5876543210"), 400,
						"customer_number"),
				Arguments.of("the full number in customer_number",
						CANONICAL.replace("\"9876543210\"", "\"919876543210\""), 400, "customer_number"),
				Arguments.of("data.language",
						CANONICAL.replace("\"type\": \"template\",", "\"type\": \"template\", \"language\": \"en\","),
						500, "{\"message\": null}"),
				Arguments.of("no myop_ref_id", CANONICAL.replace(",\n  \"myop_ref_id\": \"notification-1\"", ""), 400,
						"myop_ref_id"),
				Arguments.of("an empty myop_ref_id", CANONICAL.replace("\"notification-1\"", "\"\""), 400,
						"myop_ref_id"),
				Arguments.of("an unknown top-level field",
						CANONICAL.replace("\"reply_to\": null,", "\"reply_to\": null, \"priority\": \"high\","), 400,
						"unknown field 'priority'"),
				Arguments.of("an unknown nested field",
						CANONICAL.replace("\"language\": \"en\",", "\"language\": \"en\", \"namespace\": \"x\","), 400,
						"unknown field 'data.context.namespace'"),
				Arguments.of("another phone_number_id", CANONICAL.replace("pn-1001", "pn-9999"), 400,
						"phone_number_id"),
				Arguments.of("an image type", CANONICAL.replace("\"type\": \"template\"", "\"type\": \"image\""), 400,
						"data.type must be 'template' or 'text'"),
				Arguments.of("no template_name", CANONICAL.replace("\"template_name\": \"delivery_reminder\",", ""),
						400, "data.context.template_name is required"),
				Arguments.of("no language", CANONICAL.replace("\"language\": \"en\",", ""), 400,
						"data.context.language is required"),
				Arguments.of("a language name", CANONICAL.replace("\"language\": \"en\"", "\"language\": \"English\""),
						400, "data.context.language must be a language code"),
				Arguments.of("a duplicate field",
						CANONICAL.replace("\"reply_to\": null,",
								"\"reply_to\": null, \"customer_number\": \"9876543210\","),
						400, "not valid JSON"),
				Arguments.of("a text message whose body is an object",
						CANONICAL.replace("\"type\": \"template\"", "\"type\": \"text\"")
							.replace("\"template_name\": \"delivery_reminder\",\n      \"language\": \"en\",\n      ",
									""),
						400, "data.context.body of a text message must be a non-empty string"),
				Arguments.of("an unknown template", CANONICAL.replace("delivery_reminder", "delivery_remainder"), 400,
						"does not exist"),
				Arguments.of("too few parameters for the template", CANONICAL.replace(", \"3\": \"Bandra\"", ""), 400,
						"takes 3 body parameters, not 2"),
				Arguments.of("not JSON", "phone_number_id=pn-1001", 400, "not valid JSON"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("malformedSends")
	void refusesAndRecordsAMalformedSend(String variant, String body, int status, String reasonFragment)
			throws Exception {
		HttpResponse<String> response = send(body);

		assertThat(response.statusCode()).isEqualTo(status);
		assertThat(sandbox.received()).isEmpty();
		assertThat(sandbox.rejections()).singleElement().satisfies((rejection) -> {
			assertThat(rejection.httpStatus()).isEqualTo(status);
			assertThat(rejection.reason()).contains(reasonFragment);
		});
		JsonNode answer = JSON.readTree(response.body());
		if (status == 500) {
			assertThat(answer.has("message")).isTrue();
			assertThat(answer.get("message").isNull()).isTrue();
		}
		else {
			assertThat(answer.get("status").asString()).isEqualTo("error");
			assertThat(answer.get("message").asString()).contains(reasonFragment);
		}
	}

	@Test
	void answersMetaTemplateCodesForTemplateMistakes() throws Exception {
		assertThat(JSON.readTree(send(CANONICAL.replace("delivery_reminder", "nope")).body()).get("code").asString())
			.isEqualTo("132001");
		assertThat(JSON.readTree(send(CANONICAL.replace(", \"3\": \"Bandra\"", "")).body()).get("code").asString())
			.isEqualTo("132000");
	}

	@Test
	void refusesALowercaseBearerWith403() throws Exception {
		HttpResponse<String> response = send(CANONICAL, "bearer " + API_KEY, COMPANY_ID, "application/json");

		assertThat(response.statusCode()).isEqualTo(403);
		assertThat(sandbox.rejections()).singleElement()
			.satisfies((rejection) -> assertThat(rejection.reason()).contains("'bearer'"));
		assertThat(sandbox.received()).isEmpty();
	}

	@Test
	void refusesAMissingOrWrongKeyWith401() throws Exception {
		HttpResponse<String> missing = send(CANONICAL, null, COMPANY_ID, "application/json");
		HttpResponse<String> wrong = send(CANONICAL, "Bearer not-the-key", COMPANY_ID, "application/json");
		HttpResponse<String> basic = send(CANONICAL, "Basic dXNlcjpwYXNz", COMPANY_ID, "application/json");

		assertThat(List.of(missing, wrong, basic)).allSatisfy((response) -> {
			assertThat(response.statusCode()).isEqualTo(401);
			assertThat(response.body()).isEqualTo("{\"message\":\"Unauthorized\"}");
		});
		assertThat(sandbox.rejections()).hasSize(3);
	}

	@Test
	void refusesAMissingCompanyIdWith401AndAnotherCompanysWith403() throws Exception {
		assertThat(send(CANONICAL, "Bearer " + API_KEY, null, "application/json").statusCode()).isEqualTo(401);
		assertThat(send(CANONICAL, "Bearer " + API_KEY, "company-7", "application/json").statusCode()).isEqualTo(403);
		assertThat(sandbox.rejections()).hasSize(2);
	}

	@Test
	void refusesAnythingButJsonWith415() throws Exception {
		HttpResponse<String> response = send(CANONICAL, "Bearer " + API_KEY, COMPANY_ID, "text/plain");

		assertThat(response.statusCode()).isEqualTo(415);
		assertThat(sandbox.rejections()).singleElement()
			.satisfies((rejection) -> assertThat(rejection.reason()).contains("Content-Type"));
	}

	@Test
	void refusesABodyOverOneMebibyteWith413() throws Exception {
		String oversized = CANONICAL.replace("\"Bandra\"", "\"" + "B".repeat(1024 * 1024) + "\"");

		assertThat(send(oversized).statusCode()).isEqualTo(413);
		assertThat(sendChunked(oversized).statusCode()).isEqualTo(413);
		assertThat(sandbox.received()).isEmpty();
	}

	@Test
	void readsABodyThatAnnouncesNoLength() throws Exception {
		assertThat(sendChunked(CANONICAL).statusCode()).isEqualTo(200);
		assertThat(sandbox.countByRefId()).containsEntry("notification-1", 1);
	}

	@Test
	void acceptsJsonWithACharset() throws Exception {
		assertThat(send(CANONICAL, "Bearer " + API_KEY, COMPANY_ID, "application/json; charset=UTF-8").statusCode())
			.isEqualTo(200);
	}

	@Test
	void spellsConversationIdTheOtherWayWhenAsked() throws Exception {
		sandbox.misspellConversationId(true);

		JsonNode body = JSON.readTree(send(CANONICAL).body());

		assertThat(body.get("data").has("conversaton_id")).isTrue();
		assertThat(body.get("data").has("conversation_id")).isFalse();
	}

	@Test
	void failsTheNextSendsThenSucceeds() throws Exception {
		sandbox.failNext(2, SandboxMode.HTTP_503);

		assertThat(send(CANONICAL).statusCode()).isEqualTo(503);
		assertThat(send(CANONICAL).statusCode()).isEqualTo(503);
		assertThat(send(CANONICAL).statusCode()).isEqualTo(200);
		assertThat(sandbox.faultsServed()).isEqualTo(2);
		assertThat(sandbox.receivedCount()).isEqualTo(1);
		assertThat(sandbox.rejections()).isEmpty();
	}

	@Test
	void failsOnlyTheChosenNumber() throws Exception {
		sandbox.failFor("+919876543210", SandboxMode.permanent("CHAT_0302"));

		HttpResponse<String> chosen = send(CANONICAL);
		HttpResponse<String> other = send(CANONICAL.replace("9876543210", "9123456789"));

		assertThat(chosen.statusCode()).isEqualTo(400);
		assertThat(JSON.readTree(chosen.body()).get("code").asString()).isEqualTo("CHAT_0302");
		assertThat(other.statusCode()).isEqualTo(200);
	}

	@Test
	void failsTheChosenNumberAFewTimesThenSucceeds() throws Exception {
		sandbox.failFor("9876543210", 1, SandboxMode.HTTP_500);

		HttpResponse<String> first = send(CANONICAL);

		assertThat(first.statusCode()).isEqualTo(500);
		assertThat(first.body()).isEqualTo("{\"message\":null}");
		assertThat(send(CANONICAL).statusCode()).isEqualTo(200);
	}

	@Test
	void announcesRetryAfterWhenRateLimited() throws Exception {
		sandbox.setMode(SandboxMode.rateLimited(Duration.ofSeconds(7)));

		HttpResponse<String> response = send(CANONICAL);

		assertThat(response.statusCode()).isEqualTo(429);
		assertThat(response.headers().firstValue("Retry-After")).hasValue("7");
	}

	@Test
	void rateLimitsWithoutRetryAfterWhenAskedTo() throws Exception {
		sandbox.setMode(SandboxMode.rateLimitedWithoutRetryAfter());

		HttpResponse<String> response = send(CANONICAL);

		assertThat(response.statusCode()).isEqualTo(429);
		assertThat(response.headers().firstValue("Retry-After")).isEmpty();
	}

	@Test
	void answersAPermanentHttpStatusLikeMyOperator() throws Exception {
		sandbox.setMode(SandboxMode.permanent("401"));

		HttpResponse<String> response = send(CANONICAL);

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(response.body()).isEqualTo("{\"message\":\"Unauthorized\"}");
		assertThat(sandbox.rejections()).as("a simulated failure is not the client's fault").isEmpty();
	}

	@Test
	void closesTheConnectionWithoutAnswerWhenAskedToReset() {
		sandbox.setMode(SandboxMode.CONNECTION_RESET);

		assertThatExceptionOfType(IOException.class).isThrownBy(() -> send(CANONICAL));
		assertThat(sandbox.received()).isEmpty();
	}

	@Test
	void holdsTheRequestPastTheClientsTimeout() {
		sandbox.setMode(SandboxMode.timeout(Duration.ofSeconds(5)));
		HttpRequest request = request(CANONICAL, "Bearer " + API_KEY, COMPANY_ID, "application/json")
			.timeout(Duration.ofMillis(200))
			.build();

		assertThatExceptionOfType(java.net.http.HttpTimeoutException.class)
			.isThrownBy(() -> http.send(request, HttpResponse.BodyHandlers.ofString()));
		assertThat(sandbox.received()).isEmpty();
	}

	@Test
	void addsTheGlobalLatencyToEveryRequest() throws Exception {
		sandbox.setLatency(Duration.ofMillis(150));
		long started = System.nanoTime();

		assertThat(send(CANONICAL).statusCode()).isEqualTo(200);

		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
	}

	@Test
	void switchesModesAndShowsRecordsOverHttp() throws Exception {
		HttpResponse<String> switched = control("POST", "/_sandbox/mode",
				"{\"mode\":\"PERMANENT\",\"code\":\"CHAT_4001\",\"next\":1}");
		assertThat(switched.statusCode()).isEqualTo(200);

		HttpResponse<String> failed = send(CANONICAL);
		HttpResponse<String> succeeded = send(CANONICAL);

		assertThat(JSON.readTree(failed.body()).get("code").asString()).isEqualTo("CHAT_4001");
		assertThat(succeeded.statusCode()).isEqualTo(200);
		JsonNode messages = JSON.readTree(control("GET", "/_sandbox/messages?refId=notification-1", null).body());
		assertThat(messages.get("messages").size()).isEqualTo(1);
		assertThat(messages.at("/messages/0/parameters/2").asString()).isEqualTo("Bandra");
		send(CANONICAL.replace("\"91\"", "\"+91\""));
		JsonNode rejections = JSON.readTree(control("GET", "/_sandbox/rejections", null).body());
		assertThat(rejections.get("rejections").size()).isEqualTo(1);

		assertThat(control("POST", "/_sandbox/reset", null).statusCode()).isEqualTo(200);
		assertThat(sandbox.received()).isEmpty();
		assertThat(sandbox.rejections()).isEmpty();
	}

	@Test
	void refusesAControlRequestWithATypo() throws Exception {
		HttpResponse<String> response = control("POST", "/_sandbox/mode", "{\"mode\":\"HTTP_500\",\"nxt\":2}");

		assertThat(response.statusCode()).isEqualTo(400);
		assertThat(sandbox.mode()).isEqualTo(SandboxMode.NONE);
	}

	@Test
	void listsApprovedTemplatesAndPhoneNumbers() throws Exception {
		HttpResponse<String> templates = get(
				"/chat/templates?waba_id=" + SandboxSettings.DEFAULT_WABA_ID + "&waba_template_status=approved");
		HttpResponse<String> numbers = get("/chat/phonenumbers");

		assertThat(templates.statusCode()).isEqualTo(200);
		JsonNode list = JSON.readTree(templates.body()).at("/data/results");
		assertThat(list.size()).isEqualTo(2);
		assertThat(list.get(0).get("name").asString()).isEqualTo("delivery_reminder");
		assertThat(list.at("/0/components/0/text").asString()).contains("{{3}}");
		assertThat(JSON.readTree(numbers.body()).at("/data/results/0/phone_number_id").asString())
			.isEqualTo(PHONE_NUMBER_ID);
	}

	@Test
	void guardsTheReadEndpointsWithTheSameAuthRules() throws Exception {
		HttpRequest request = HttpRequest.newBuilder(sandbox.baseUrl().resolve("/chat/phonenumbers"))
			.header("Authorization", "bearer " + API_KEY)
			.header("X-MYOP-COMPANY-ID", COMPANY_ID)
			.build();

		assertThat(http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(403);
	}

	@Test
	void failsClearlyWhenThePortIsTaken() throws IOException {
		try (ServerSocket taken = new ServerSocket(0)) {
			int port = taken.getLocalPort();

			assertThatIllegalStateException()
				.isThrownBy(() -> MyOperatorSandbox.start(port, API_KEY, COMPANY_ID, PHONE_NUMBER_ID))
				.withMessageContaining(Integer.toString(port))
				.withMessageContaining("already in use");
		}
	}

	@Test
	void sustainsAThousandConcurrentSlowRequests() throws Exception {
		sandbox.setMode(SandboxMode.slow(Duration.ofMillis(250)));
		int requests = 1000;
		long started = System.nanoTime();
		List<Future<HttpResponse<String>>> responses = new ArrayList<>();
		try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < requests; i++) {
				String body = CANONICAL.replace("notification-1", "load-" + i);
				responses.add(threads.submit(() -> send(body)));
			}
		}
		Duration elapsed = Duration.ofNanos(System.nanoTime() - started);

		for (Future<HttpResponse<String>> response : responses) {
			assertThat(response.get().statusCode()).isEqualTo(200);
		}
		assertThat(sandbox.receivedCount()).isEqualTo(requests);
		assertThat(sandbox.duplicateRefIds()).isEmpty();
		// all in flight at once: far less than 1000 × 250 ms
		assertThat(elapsed).isLessThan(Duration.ofSeconds(10));
	}

	private static HttpResponse<String> send(String body) throws IOException, InterruptedException {
		return send(body, "Bearer " + API_KEY, COMPANY_ID, "application/json");
	}

	private static HttpResponse<String> send(String body, String authorization, String companyId, String contentType)
			throws IOException, InterruptedException {
		return http.send(request(body, authorization, companyId, contentType).build(),
				HttpResponse.BodyHandlers.ofString());
	}

	private static HttpResponse<String> sendChunked(String body) throws IOException, InterruptedException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		HttpRequest request = request(body, "Bearer " + API_KEY, COMPANY_ID, "application/json")
			.POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(bytes)))
			.build();
		return http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static HttpRequest.Builder request(String body, String authorization, String companyId,
			String contentType) {
		HttpRequest.Builder request = HttpRequest.newBuilder(sandbox.baseUrl().resolve("/chat/messages"))
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.header("Content-Type", contentType)
			.header("Accept", "application/json");
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		if (companyId != null) {
			request.header("X-MYOP-COMPANY-ID", companyId);
		}
		return request;
	}

	private static HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(URI.create(sandbox.baseUrl() + pathAndQuery))
			.header("Authorization", "Bearer " + API_KEY)
			.header("X-MYOP-COMPANY-ID", COMPANY_ID)
			.header("Accept", "application/json")
			.build();
		return http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	private static HttpResponse<String> control(String method, String path, String body)
			throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(sandbox.baseUrl().resolve(path))
			.method(method,
					(body != null) ? HttpRequest.BodyPublishers.ofString(body) : HttpRequest.BodyPublishers.noBody())
			.header("Content-Type", "application/json")
			.build();
		return http.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
