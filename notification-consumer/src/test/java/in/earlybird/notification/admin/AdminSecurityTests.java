package in.earlybird.notification.admin;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import com.nimbusds.jwt.JWTClaimsSet;
import in.earlybird.notification.TestTokens;
import in.earlybird.notification.history.HistorySlice;
import in.earlybird.notification.history.NotificationHistory;
import in.earlybird.notification.history.NotificationQueries;
import in.earlybird.notification.history.NotificationStatistics;
import in.earlybird.notification.history.StatusCounts;
import in.earlybird.notification.preferences.CustomerPreferenceStore;
import in.earlybird.notification.preferences.CustomerPreferences;
import in.earlybird.notification.retry.DeadLetterReplayer;
import in.earlybird.notification.retry.ReplayFilter;
import in.earlybird.notification.retry.ReplayReport;
import in.earlybird.notification.templates.TemplateCatalog;
import in.earlybird.notification.templates.TemplateDefinition;
import in.earlybird.notification.templates.TemplateTranslation;
import in.earlybird.notification.templates.TemplateType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.ComponentScan;
import org.springframework.context.annotation.FilterType;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyBoolean;
import static org.mockito.ArgumentMatchers.anyDouble;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.BDDMockito.given;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.request;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * Who may call what: every admin API endpoint without a token, with a bad token, as a
 * viewer and as an admin, with the collaborators mocked.
 */
@WebMvcTest(excludeFilters = @ComponentScan.Filter(type = FilterType.REGEX,
		pattern = "in\\.earlybird\\.notification\\.webhook\\..*"))
@Import(AdminSliceConfiguration.class)
@TestPropertySource("classpath:admin-slice.properties")
class AdminSecurityTests {

	private static final String API = "/api/notifications";

	@Autowired
	MockMvc mvc;

	@MockitoBean
	NotificationQueries queries;

	@MockitoBean
	NotificationHistory history;

	@MockitoBean
	TemplateCatalog catalog;

	@MockitoBean
	CustomerPreferenceStore preferences;

	@MockitoBean
	AdminAudit audit;

	@MockitoBean
	AdHocEvents events;

	@MockitoBean
	AdminDispatch dispatch;

	@MockitoBean
	DeadLetterReplayer replayer;

	@BeforeEach
	void collaborators() {
		given(this.queries.list(any(), any(), anyInt())).willReturn(new HistorySlice(List.of(), null));
		given(this.queries.statistics(any(), any())).willReturn(new NotificationStatistics(AdminSliceConfiguration.NOW,
				AdminSliceConfiguration.NOW.plusSeconds(1), StatusCounts.NONE, Map.of(), Map.of()));
		given(this.preferences.replace(any(), any(), any(), any(), any())).willReturn(
				new CustomerPreferences("+919876543210", null, Set.of(), null, Instant.now(), "asha@earlybird.in"));
		given(this.history.findById(any())).willReturn(Optional.empty());
		ReplayReport report = new ReplayReport("r-1", "asha@earlybird.in", Instant.now(), true, ReplayFilter.ALL, 0, 0,
				0, 0, Map.of(), List.of());
		given(this.replayer.inspect(any())).willReturn(report);
		given(this.replayer.replay(any(), anyBoolean(), anyDouble(), any())).willReturn(report);
		given(this.catalog.update(any(), any(), any()))
			.willReturn(new TemplateDefinition(TemplateType.CHURN_RISK, 2, Instant.now(), "asha@earlybird.in", Map.of(
					"en",
					new TemplateTranslation("churn_risk", "en", List.of("${customer.name}"), "Hi ${customer.name}"))));
	}

	static Stream<Arguments> readEndpoints() {
		return Stream.of(Arguments.of(HttpMethod.GET, API + "/history"),
				Arguments.of(HttpMethod.GET, API + "/history/+919876543210"),
				Arguments.of(HttpMethod.GET, API + "/statistics"), Arguments.of(HttpMethod.GET, API + "/templates"),
				Arguments.of(HttpMethod.GET, API + "/templates/delivery_reminder"),
				Arguments.of(HttpMethod.GET, API + "/templates/delivery_reminder/versions"),
				Arguments.of(HttpMethod.GET, API + "/preferences/+919876543210"));
	}

	static Stream<Arguments> adminEndpoints() {
		return Stream.of(Arguments.of(HttpMethod.POST, API + "/send-message", "{\"phone\":\"+919876543210\"}"),
				Arguments.of(HttpMethod.POST, API + "/resend/n-1", ""),
				Arguments.of(HttpMethod.PUT, API + "/templates/churn_risk", "{\"translations\":{}}"),
				Arguments.of(HttpMethod.PUT, API + "/preferences/+919876543210", "{\"optedOut\":[]}"),
				Arguments.of(HttpMethod.POST, API + "/process-queue", ""),
				Arguments.of(HttpMethod.GET, API + "/dead-letters", ""),
				Arguments.of(HttpMethod.GET, API + "/audit", ""));
	}

	static Stream<Arguments> allProtected() {
		return Stream.concat(readEndpoints().map((arguments) -> Arguments.of(arguments.get()[0], arguments.get()[1])),
				adminEndpoints().map((arguments) -> Arguments.of(arguments.get()[0], arguments.get()[1])));
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("allProtected")
	void refusesACallWithoutATokenWithAProblem(HttpMethod method, String path) throws Exception {
		this.mvc.perform(request(method, path).contentType(MediaType.APPLICATION_JSON).content("{}"))
			.andExpect(status().isUnauthorized())
			.andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, org.hamcrest.Matchers.startsWith("Bearer")))
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.code").value("UNAUTHENTICATED"))
			.andExpect(jsonPath("$.status").value(401));
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("allProtected")
	void refusesAForgedOrExpiredToken(HttpMethod method, String path) throws Exception {
		String forged = TestTokens.token("another-secret-of-at-least-32-bytes!!", "mallory", List.of("admin"),
				java.time.Duration.ofHours(1));
		String expired = TestTokens.token(TestTokens.IT_SECRET, "asha", List.of("admin"),
				java.time.Duration.ofHours(-1));
		for (String token : List.of(forged, expired, "not-a-jwt")) {
			this.mvc.perform(request(method, path).header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
				.andExpect(status().isUnauthorized())
				.andExpect(jsonPath("$.code").value("INVALID_TOKEN"));
		}
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("readEndpoints")
	void letsViewersAndAdminsRead(HttpMethod method, String path) throws Exception {
		for (String token : List.of(TestTokens.viewer(), TestTokens.admin())) {
			MvcResult result = this.mvc
				.perform(request(method, path).header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
				.andReturn();
			assertThat(result.getResponse().getStatus()).as(method + " " + path).isNotIn(401, 403).isLessThan(500);
		}
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("adminEndpoints")
	void refusesViewersWhatOnlyAdminsMayDo(HttpMethod method, String path, String body) throws Exception {
		this.mvc
			.perform(json(request(method, path), body).header(HttpHeaders.AUTHORIZATION,
					"Bearer " + TestTokens.viewer()))
			.andExpect(status().isForbidden())
			.andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
			.andExpect(jsonPath("$.code").value("FORBIDDEN"));
	}

	@ParameterizedTest(name = "{0} {1}")
	@MethodSource("adminEndpoints")
	void letsAdminsAct(HttpMethod method, String path, String body) throws Exception {
		given(this.events.fromRequest(any())).willThrow(AdminProblem.badRequest("messageType", "is required"));
		MvcResult result = this.mvc
			.perform(
					json(request(method, path), body).header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.admin()))
			.andReturn();
		assertThat(result.getResponse().getStatus()).as(method + " " + path).isNotIn(401, 403).isLessThan(500);
	}

	@Test
	void refusesATokenWithoutAKnownRole() throws Exception {
		String token = TestTokens.token(TestTokens.IT_SECRET, "guest", List.of("customer"),
				java.time.Duration.ofHours(1));
		this.mvc.perform(request(HttpMethod.GET, API + "/history").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
			.andExpect(status().isForbidden());
	}

	@Test
	void readsRolesFromASpaceSeparatedClaimToo() throws Exception {
		String token = TestTokens.token(TestTokens.IT_SECRET, "asha", List.of(), java.time.Duration.ofHours(1));
		assertThat(token).isNotBlank();
		var converter = new AdminSecurityConfiguration.RolesConverter(properties(false));
		var jwt = org.springframework.security.oauth2.jwt.Jwt.withTokenValue("t")
			.header("alg", "HS256")
			.subject("asha")
			.claim("roles", "Admin other")
			.build();
		assertThat(converter.convert(jwt)).extracting(Object::toString)
			.containsExactlyInAnyOrder("ROLE_ADMIN", "ROLE_VIEWER");
	}

	@Test
	void leavesHealthOpen() throws Exception {
		MvcResult result = this.mvc.perform(request(HttpMethod.GET, API + "/health")).andReturn();
		assertThat(result.getResponse().getStatus()).isIn(200, 503);
	}

	@Test
	void leavesHealthOpenWhateverTokenIsSentAlong() throws Exception {
		for (String token : List.of(expired(), "not-a-jwt", TestTokens.viewer())) {
			MvcResult result = this.mvc
				.perform(request(HttpMethod.GET, API + "/health").header(HttpHeaders.AUTHORIZATION, "Bearer " + token))
				.andReturn();
			assertThat(result.getResponse().getStatus()).as(token).isIn(200, 503);
		}
	}

	@Test
	void refusesATokenWithoutAnExpiryOrASubject() throws Exception {
		Instant now = Instant.now();
		JWTClaimsSet noExpiry = new JWTClaimsSet.Builder().subject("asha")
			.issueTime(Date.from(now))
			.claim("roles", List.of("admin"))
			.build();
		JWTClaimsSet noSubject = new JWTClaimsSet.Builder().issueTime(Date.from(now))
			.expirationTime(Date.from(now.plusSeconds(3600)))
			.claim("roles", List.of("admin"))
			.build();
		JWTClaimsSet blankSubject = new JWTClaimsSet.Builder(noSubject).subject(" ").build();
		for (JWTClaimsSet claims : List.of(noExpiry, noSubject, blankSubject)) {
			this.mvc
				.perform(request(HttpMethod.GET, API + "/history").header(HttpHeaders.AUTHORIZATION,
						"Bearer " + TestTokens.signed(TestTokens.IT_SECRET, claims)))
				.andExpect(status().isUnauthorized())
				.andExpect(jsonPath("$.code").value("INVALID_TOKEN"));
		}
	}

	@Test
	void acceptsATokenWithoutAnExpiryOnlyWhenConfiguredAndNeverOneWithoutASubject() {
		Instant now = Instant.now();
		String noExpiry = TestTokens.signed(TestTokens.IT_SECRET,
				new JWTClaimsSet.Builder().subject("backend")
					.issueTime(Date.from(now))
					.claim("roles", List.of("viewer"))
					.build());
		String noSubject = TestTokens.signed(TestTokens.IT_SECRET,
				new JWTClaimsSet.Builder().issueTime(Date.from(now)).claim("roles", List.of("viewer")).build());
		JwtDecoder strict = new AdminSecurityConfiguration().jwtDecoder(properties(false));
		JwtDecoder lenient = new AdminSecurityConfiguration().jwtDecoder(properties(true));

		assertThatExceptionOfType(JwtValidationException.class).isThrownBy(() -> strict.decode(noExpiry))
			.withMessageContaining("exp");
		assertThat(lenient.decode(noExpiry).getSubject()).isEqualTo("backend");
		assertThatExceptionOfType(JwtValidationException.class).isThrownBy(() -> lenient.decode(noSubject))
			.withMessageContaining("sub");
		assertThat(strict.decode(TestTokens.viewer()).getSubject()).isEqualTo("ravi@earlybird.in");
	}

	private static AdminSecurityProperties properties(boolean expiryOptional) {
		return new AdminSecurityProperties(TestTokens.IT_SECRET, null, null, null, "roles", "viewer", "admin",
				new AdminSecurityProperties.RateLimit(1, java.time.Duration.ofMinutes(1)), false, expiryOptional);
	}

	private static String expired() {
		return TestTokens.token(TestTokens.IT_SECRET, "asha", List.of("admin"), java.time.Duration.ofHours(-1));
	}

	private static MockHttpServletRequestBuilder json(MockHttpServletRequestBuilder request, String body) {
		return body.isEmpty() ? request : request.contentType(MediaType.APPLICATION_JSON).content(body);
	}

}
