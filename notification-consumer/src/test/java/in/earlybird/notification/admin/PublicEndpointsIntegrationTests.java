package in.earlybird.notification.admin;

import java.time.Duration;
import java.util.List;

import in.earlybird.notification.TestTokens;
import in.earlybird.notification.admin.AdminCalls.Answer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;

/** What answers without a token: the OpenAPI document and the health checks. */
@AdminIntegrationTest
class PublicEndpointsIntegrationTests {

	@Autowired
	MockMvc mvc;

	AdminCalls calls;

	@BeforeEach
	void setUp() {
		this.calls = new AdminCalls(this.mvc);
	}

	@Test
	void servesAnOpenApiDocumentOfEveryEndpoint() throws Exception {
		Answer answer = this.calls.get(null, "/v3/api-docs");

		assertThat(answer.status()).isEqualTo(200);
		JsonNode document = answer.json();
		assertThat(document.get("openapi").asString()).startsWith("3.");
		JsonNode paths = document.get("paths");
		assertThat(paths.propertyNames())
			.contains("/api/notifications/send-message", "/api/notifications/history",
					"/api/notifications/history/{phone}", "/api/notifications/resend/{messageId}",
					"/api/notifications/statistics", "/api/notifications/templates",
					"/api/notifications/templates/{type}", "/api/notifications/preferences/{phone}",
					"/api/notifications/health", "/api/notifications/webhooks/myoperator", "/api/notifications/audit")
			.noneMatch((path) -> path.startsWith("/local"));
		assertThat(paths.get("/api/notifications/templates/{type}").has("put")).isTrue();
		assertThat(paths.get("/api/notifications/preferences/{phone}").has("put")).isTrue();
		assertThat(document.get("components").get("securitySchemes").get("bearer-jwt").get("scheme").asString())
			.isEqualTo("bearer");
		assertThat(paths.get("/api/notifications/webhooks/myoperator").get("post").get("security").toString())
			.contains("webhook-basic")
			.contains("webhook-api-key");
	}

	@Test
	void answersTheHealthCheckWithoutAToken() throws Exception {
		Answer answer = this.calls.get(null, "/api/notifications/health");

		assertThat(answer.status()).isEqualTo(200);
		assertThat(answer.json().get("status").asString()).isEqualTo("UP");
		assertThat(answer.json().get("components").get("mongo").asString()).isEqualTo("UP");
		assertThat(this.calls.get(null, "/actuator/health/liveness").status()).isEqualTo(200);
	}

	@Test
	void answersTheOpenEndpointsWhenAStaleOrBrokenTokenIsSentAlong() throws Exception {
		String expired = TestTokens.token(TestTokens.IT_SECRET, "asha", List.of("admin"), Duration.ofDays(-1));
		String forged = TestTokens.token("another-secret-of-at-least-32-bytes!!", "mallory", List.of("admin"),
				Duration.ofHours(1));
		for (String token : List.of(expired, forged, "not-a-jwt")) {
			for (String path : List.of("/api/notifications/health", "/v3/api-docs", "/livez", "/readyz",
					"/actuator/health")) {
				assertThat(this.calls.get(token, path).status()).as(path).isEqualTo(200);
			}
		}
		// A token is still checked where one is needed.
		assertThat(this.calls.get(expired, "/api/notifications/history").status()).isEqualTo(401);
	}

	@Test
	void servesTheKubernetesProbesWithoutATokenAndReadinessChecksMongoAndKafka() throws Exception {
		assertThat(this.calls.get(null, "/livez").status()).isEqualTo(200);
		Answer readiness = this.calls.get(null, "/readyz");
		assertThat(readiness.status()).isEqualTo(200);
		assertThat(readiness.json().get("status").asString()).isEqualTo("UP");
		Answer details = this.calls.get(TestTokens.viewer(), "/actuator/health/readiness");
		assertThat(details.text()).contains("mongo").contains("kafka");
	}

	@Test
	void keepsActuatorDetailsForTokenHolders() throws Exception {
		assertThat(this.calls.get(null, "/actuator/metrics").status()).isEqualTo(401);
		assertThat(this.calls.get(TestTokens.viewer(), "/actuator/metrics").status()).isEqualTo(200);
		assertThat(this.calls.get(null, "/actuator/prometheus").status()).isEqualTo(401);
		Answer scraped = this.calls.get(TestTokens.viewer(), "/actuator/prometheus");
		assertThat(scraped.status()).isEqualTo(200);
		assertThat(scraped.text()).contains("notification_webhook_last_received");
	}

}
