package in.earlybird.notification.admin;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import in.earlybird.notification.TestTokens;
import in.earlybird.notification.templates.InvalidTemplateException;
import in.earlybird.notification.templates.RenderedNotification;
import in.earlybird.notification.templates.TemplateCatalog;
import in.earlybird.notification.templates.TemplateType;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.then;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.forwardedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/**
 * What the dashboard needs from the web layer: its files served open with a strict
 * Content-Security-Policy, and the endpoints added for it (the caller, the provider's
 * state, the preview of an unsaved template edit) behind the usual roles.
 */
@WebMvcTest({ CallerController.class, ProviderController.class, TemplateController.class })
@Import({ AdminSliceConfiguration.class, DashboardConfiguration.class })
@TestPropertySource("classpath:admin-slice.properties")
class DashboardWebTests {

	private static final String API = "/api/notifications";

	private static final String CHURN_RISK = """
			{"translations": {"en": {"providerTemplateName": "churn_risk", "providerLanguage": "en",
			 "parameters": ["${customer.name}", "${offerPercent}", "${offerCode}"], "body": "Come back, ${customer.name}"}}}
			""";

	@Autowired
	MockMvc mvc;

	@MockitoBean
	TemplateCatalog catalog;

	@MockitoBean
	AdminAudit audit;

	@Test
	void servesTheDashboardWithoutATokenUnderAStrictContentSecurityPolicy() throws Exception {
		this.mvc.perform(get("/dashboard")).andExpect(redirectedUrl("/dashboard/"));
		this.mvc.perform(get("/dashboard/"))
			.andExpect(status().isOk())
			.andExpect(forwardedUrl("/dashboard/index.html"))
			.andExpect(header().string("Content-Security-Policy", DashboardConfiguration.CONTENT_SECURITY_POLICY))
			.andExpect(header().string("X-Frame-Options", "DENY"))
			.andExpect(header().string("Referrer-Policy", "no-referrer"));
		MockHttpServletResponse script = this.mvc.perform(get("/dashboard/js/api.js"))
			.andExpect(status().isOk())
			.andReturn()
			.getResponse();
		assertThat(script.getHeader("Content-Security-Policy")).contains("script-src 'self'").doesNotContain("unsafe");
		assertThat(script.getContentAsString()).contains("Authorization");
		this.mvc.perform(post("/dashboard/index.html")).andExpect(status().isForbidden());
	}

	@Test
	void tellsTheCallerWhoItIsAndWhatItMayDo() throws Exception {
		this.mvc.perform(get(API + "/me")).andExpect(status().isUnauthorized());
		this.mvc.perform(get(API + "/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.viewer()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.subject").value("ravi@earlybird.in"))
			.andExpect(jsonPath("$.admin").value(false))
			.andExpect(jsonPath("$.roles.length()").value(1))
			.andExpect(jsonPath("$.roles[0]").value("viewer"))
			.andExpect(jsonPath("$.expiresAt").isNotEmpty());
		String admin = TestTokens.token(TestTokens.IT_SECRET, "asha@earlybird.in", List.of("admin"),
				Duration.ofMinutes(5));
		this.mvc.perform(get(API + "/me").header(HttpHeaders.AUTHORIZATION, "Bearer " + admin))
			.andExpect(jsonPath("$.admin").value(true))
			.andExpect(jsonPath("$.roles.length()").value(2))
			.andExpect(jsonPath("$.roles[0]").value("viewer"))
			.andExpect(jsonPath("$.roles[1]").value("admin"));
	}

	@Test
	void showsViewersTheProviderStateButNoOneWithoutAToken() throws Exception {
		this.mvc.perform(get(API + "/provider")).andExpect(status().isUnauthorized());
		this.mvc.perform(get(API + "/provider").header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.viewer()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.at").value("2026-01-27T05:00:00Z"))
			.andExpect(jsonPath("$.throttled").value(false))
			.andExpect(jsonPath("$.lastSuccessAt").doesNotExist())
			.andExpect(jsonPath("$.lastFailure").doesNotExist());
	}

	@Test
	void previewsAValidEditForAdminsOnly() throws Exception {
		given(this.catalog.previewChange(eq(TemplateType.CHURN_RISK), any()))
			.willReturn(Map.of("en", new RenderedNotification(TemplateType.CHURN_RISK, "churn_risk", "en",
					List.of("Priya", "25", "COMEBACK25"), "Come back, Priya", 2, "en")));

		this.mvc
			.perform(post(API + "/templates/churn_risk/preview").contentType(MediaType.APPLICATION_JSON)
				.content(CHURN_RISK)
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.viewer()))
			.andExpect(status().isForbidden());
		this.mvc
			.perform(post(API + "/templates/churn_risk/preview").contentType(MediaType.APPLICATION_JSON)
				.content(CHURN_RISK)
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.admin()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.valid").value(true))
			.andExpect(jsonPath("$.previews.en.body").value("Come back, Priya"))
			.andExpect(jsonPath("$.previews.en.parameters[2]").value("COMEBACK25"))
			.andExpect(jsonPath("$.errors").isEmpty());
		then(this.audit).shouldHaveNoInteractions();
	}

	@Test
	void answersABrokenEditWithItsProblemsByFieldNotWithAnError() throws Exception {
		given(this.catalog.previewChange(eq(TemplateType.CHURN_RISK), any())).willThrow(new InvalidTemplateException(
				TemplateType.CHURN_RISK,
				List.of(new InvalidTemplateException.Problem("translations.en.body", "fails on the sample event"))));

		this.mvc
			.perform(post(API + "/templates/churn_risk/preview").contentType(MediaType.APPLICATION_JSON)
				.content(CHURN_RISK)
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.admin()))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.valid").value(false))
			.andExpect(jsonPath("$.previews").isEmpty())
			.andExpect(jsonPath("$.errors[0].field").value("translations.en.body"))
			.andExpect(jsonPath("$.errors[0].message").value("fails on the sample event"));
		this.mvc
			.perform(post(API + "/templates/teleport/preview").contentType(MediaType.APPLICATION_JSON)
				.content(CHURN_RISK)
				.header(HttpHeaders.AUTHORIZATION, "Bearer " + TestTokens.admin()))
			.andExpect(status().isNotFound());
	}

}
