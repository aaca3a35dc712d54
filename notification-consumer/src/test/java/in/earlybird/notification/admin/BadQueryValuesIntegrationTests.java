package in.earlybird.notification.admin;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import in.earlybird.notification.IntegrationTestConfiguration;
import in.earlybird.notification.TestTokens;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Query values a person or a script can get wrong, sent over real HTTP to the embedded
 * server (which decodes the query string itself): each is a 400 problem naming the
 * parameter, never a 500 with a stack trace in the log.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
@Import(IntegrationTestConfiguration.class)
@ExtendWith(OutputCaptureExtension.class)
class BadQueryValuesIntegrationTests {

	private static final HttpClient http = HttpClient.newHttpClient();

	@LocalServerPort
	int port;

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|',
			textBlock = """
					/api/notifications/history?from=-999999999-01-01T00:00:00Z | from | between the years 1 and 9999
					/api/notifications/history?to=%2B999999999-12-31T23:59:59Z | to | between the years 1 and 9999
					/api/notifications/history/%2B919876543210?from=-999999999-01-01 | from | a date (2026-01-27)
					/api/notifications/statistics?from=%2B999999999-12-30T00:00:00Z&to=%2B999999999-12-31T00:00:00Z | to | between the years 1 and 9999
					/api/notifications/statistics?from=-999999999-12-30T00:00:00Z&to=2026-12-01 | from | between the years 1 and 9999
					/api/notifications/history?eventId=%E0%A4 | eventId | percent-encoded UTF-8
					/api/notifications/history?status=sent&eventId=abc%FF | eventId | percent-encoded UTF-8
					/api/notifications/dead-letters?eventId=%E0%A4 | eventId | percent-encoded UTF-8
					/api/notifications/dead-letters?from=yesterday | from | an ISO-8601 instant
					/api/notifications/history?page=2147483647&size=200 | page | page by cursor
					/api/notifications/history?page=10737419&size=200 | page | page by cursor
					/api/notifications/history?page=99999999999 | page | a whole number
					""")
	void answersABadValueWithAProblemNamingTheParameter(String path, String field, String message,
			CapturedOutput output) throws Exception {
		HttpResponse<String> response = http
			.send(HttpRequest.newBuilder(URI.create("http://localhost:" + this.port + path))
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.admin())
				.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
		assertThat(response.headers().firstValue(HttpHeaders.CONTENT_TYPE))
			.hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
		JsonNode problem = JsonMapper.shared().readTree(response.body());
		assertThat(problem.get("code").asString()).isEqualTo("INVALID_REQUEST");
		assertThat(problem.get("errors").valueStream().map((error) -> error.get("field").asString()).toList())
			.isEqualTo(List.of(field));
		assertThat(problem.get("errors").get(0).get("message").asString()).contains(message);
		assertThat(response.body()).doesNotContain("Exception").doesNotContain("9876543210");
		assertThat(output.getAll()).doesNotContain(" ERROR ").doesNotContain("\tat ");
	}

	@Test
	void stillAnswersADeepButPossiblePageWithAnEmptyPage() throws Exception {
		HttpResponse<String> response = http.send(HttpRequest
			.newBuilder(
					URI.create("http://localhost:" + this.port + "/api/notifications/history?page=1000000&size=200"))
			.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.viewer())
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		JsonNode page = JsonMapper.shared().readTree(response.body());
		assertThat(page.get("page").asInt()).isEqualTo(1_000_000);
		assertThat(page.get("items")).isEmpty();
	}

}
