package in.earlybird.notification.admin;

import in.earlybird.notification.shared.StatelessSecurity;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Serves the support team's dashboard, {@code /dashboard/}: static files from
 * {@code classpath:/static/dashboard/} that hold no data and read everything through the
 * admin API with the bearer token the user signs in with. The files are open (a browser
 * cannot send a bearer token when it loads a page) and come with a strict
 * Content-Security-Policy: scripts, styles and connections only from this service, no
 * inline script or style, no framing.
 */
@Configuration(proxyBeanMethods = false)
class DashboardConfiguration implements WebMvcConfigurer {

	static final String PATH = "/dashboard";

	static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self'; connect-src 'self'; font-src 'self'; manifest-src 'self'; base-uri 'none'; "
			+ "form-action 'self'; frame-ancestors 'none'; object-src 'none'";

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE + 10)
	SecurityFilterChain dashboardSecurity(HttpSecurity http) throws Exception {
		return StatelessSecurity.stateless(http.securityMatcher(PATH, PATH + "/**"))
			.authorizeHttpRequests((requests) -> requests.requestMatchers(HttpMethod.GET, PATH, PATH + "/**")
				.permitAll()
				.anyRequest()
				.denyAll())
			.headers((headers) -> headers.contentSecurityPolicy((csp) -> csp.policyDirectives(CONTENT_SECURITY_POLICY))
				.referrerPolicy((referrer) -> referrer.policy(ReferrerPolicy.NO_REFERRER))
				.frameOptions((frames) -> frames.deny()))
			.build();
	}

	@Override
	public void addViewControllers(ViewControllerRegistry registry) {
		registry.addRedirectViewController(PATH, PATH + "/");
		registry.addViewController(PATH + "/").setViewName("forward:" + PATH + "/index.html");
	}

}
