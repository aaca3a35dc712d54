package in.earlybird.notification.admin;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import javax.crypto.spec.SecretKeySpec;

import in.earlybird.notification.shared.StatelessSecurity;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationConverter;
import org.springframework.security.oauth2.server.resource.web.BearerTokenAuthenticationEntryPoint;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.access.BearerTokenAccessDeniedHandler;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Bearer-token security for the admin API. Reading needs the viewer (or admin) role;
 * sending, resending, replaying and changing templates or preferences need the admin
 * role. Open without a token: the health probes and the OpenAPI document (it describes
 * the API, it holds no data); {@code /actuator/prometheus} too when
 * {@code notification.security.open-metrics} is set. Every refusal is a problem document,
 * never a login page or a session. (The MyOperator webhook has a filter chain of its
 * own.)
 */
@Configuration(proxyBeanMethods = false)
class AdminSecurityConfiguration {

	static final String API = "/api/notifications";

	/** What anyone may read without a token: health, probes and the OpenAPI document. */
	static final String[] OPEN_GET_PATHS = { API + "/health", "/actuator/health", "/actuator/health/**", "/livez",
			"/readyz", "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml" };

	@Bean
	SecurityFilterChain adminApiSecurity(HttpSecurity http, JwtDecoder jwtDecoder, AdminSecurityProperties properties)
			throws Exception {
		AuthenticationEntryPoint entryPoint = new ProblemEntryPoint();
		AccessDeniedHandler accessDenied = new ProblemAccessDeniedHandler();
		StatelessSecurity.stateless(http)
			.authorizeHttpRequests((requests) -> requests.requestMatchers(HttpMethod.GET, OPEN_GET_PATHS)
				.permitAll()
				.requestMatchers(HttpMethod.GET, "/actuator/prometheus")
				.access((authentication,
						context) -> new AuthorizationDecision(properties.openMetrics()
								|| hasAnyRole(authentication.get(), Caller.ROLE_VIEWER, Caller.ROLE_ADMIN)))
				.requestMatchers("/error")
				.permitAll()
				// Admin: everything that sends, changes or replays.
				.requestMatchers(HttpMethod.POST, API + "/send-message", API + "/resend/**", API + "/process-queue")
				.hasRole("ADMIN")
				.requestMatchers(API + "/dead-letters/**", API + "/audit", API + "/audit/**")
				.hasRole("ADMIN")
				.requestMatchers(HttpMethod.PUT, API + "/templates/**", API + "/preferences/**")
				.hasRole("ADMIN")
				.requestMatchers(HttpMethod.GET, API + "/**")
				.hasAnyRole("VIEWER", "ADMIN")
				.requestMatchers(HttpMethod.GET, "/actuator/**")
				.hasAnyRole("VIEWER", "ADMIN")
				.anyRequest()
				.hasRole("ADMIN"))
			.oauth2ResourceServer((server) -> server
				.bearerTokenResolver(new OpenPathsTokenResolver(properties, jwtDecoder))
				.jwt((jwt) -> jwt.decoder(jwtDecoder).jwtAuthenticationConverter(authenticationConverter(properties)))
				.authenticationEntryPoint(entryPoint)
				.accessDeniedHandler(accessDenied))
			.exceptionHandling(
					(exceptions) -> exceptions.authenticationEntryPoint(entryPoint).accessDeniedHandler(accessDenied));
		return http.build();
	}

	private static boolean hasAnyRole(org.springframework.security.core.@Nullable Authentication authentication,
			String... roles) {
		if (authentication == null || !authentication.isAuthenticated()) {
			return false;
		}
		Set<String> wanted = Set.of(roles);
		return authentication.getAuthorities()
			.stream()
			.anyMatch((authority) -> wanted.contains(authority.getAuthority()));
	}

	@Bean
	JwtDecoder jwtDecoder(AdminSecurityProperties properties) {
		NimbusJwtDecoder decoder;
		if (properties.hasSecret() && properties.hasJwkSetUri()) {
			throw new IllegalStateException("Set either notification.security.hs256-secret or "
					+ "notification.security.jwk-set-uri, not both");
		}
		if (properties.hasSecret()) {
			byte[] secret = properties.hs256Secret().getBytes(StandardCharsets.UTF_8);
			if (secret.length < AdminSecurityProperties.MIN_SECRET_BYTES) {
				throw new IllegalStateException("notification.security.hs256-secret must be at least "
						+ AdminSecurityProperties.MIN_SECRET_BYTES + " bytes long for HS256");
			}
			decoder = NimbusJwtDecoder.withSecretKey(new SecretKeySpec(secret, "HmacSHA256"))
				.macAlgorithm(MacAlgorithm.HS256)
				.build();
		}
		else if (properties.hasJwkSetUri()) {
			decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri().toString()).build();
		}
		else {
			throw new IllegalStateException("The admin API has no way to check tokens: set NOTIFICATION_JWT_SECRET "
					+ "(notification.security.hs256-secret, the HS256 secret the EarlyBird backend signs with) or "
					+ "notification.security.jwk-set-uri");
		}
		List<OAuth2TokenValidator<Jwt>> validators = new ArrayList<>();
		validators.add((properties.issuer() != null && !properties.issuer().isBlank())
				? JwtValidators.createDefaultWithIssuer(properties.issuer()) : JwtValidators.createDefault());
		// Actions are audited by subject, and a token without an expiry is valid forever.
		validators.add(new JwtClaimValidator<@Nullable Object>(JwtClaimNames.SUB,
				(subject) -> subject instanceof String text && !text.isBlank()));
		if (!properties.expiryOptional()) {
			validators.add(new JwtClaimValidator<@Nullable Object>(JwtClaimNames.EXP, Objects::nonNull));
		}
		if (properties.audience() != null && !properties.audience().isBlank()) {
			String audience = properties.audience();
			validators.add(new JwtClaimValidator<List<String>>("aud",
					(claimed) -> claimed != null && claimed.contains(audience)));
		}
		decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(validators));
		return decoder;
	}

	static JwtAuthenticationConverter authenticationConverter(AdminSecurityProperties properties) {
		JwtAuthenticationConverter converter = new JwtAuthenticationConverter();
		converter.setJwtGrantedAuthoritiesConverter(new RolesConverter(properties));
		return converter;
	}

	/**
	 * Reads the roles claim, a list or a string separated by spaces or commas; the admin
	 * role includes the viewer role, and unknown roles grant nothing.
	 */
	static final class RolesConverter implements Converter<Jwt, Collection<GrantedAuthority>> {

		private final AdminSecurityProperties properties;

		RolesConverter(AdminSecurityProperties properties) {
			this.properties = properties;
		}

		@Override
		public Collection<GrantedAuthority> convert(Jwt jwt) {
			Object claim = jwt.getClaims().get(this.properties.rolesClaim());
			List<String> roles = new ArrayList<>();
			if (claim instanceof Collection<?> values) {
				values.forEach((value) -> roles.add(String.valueOf(value)));
			}
			else if (claim instanceof String value) {
				roles.addAll(List.of(value.split("[\\s,]+")));
			}
			Set<GrantedAuthority> authorities = new LinkedHashSet<>();
			for (String role : roles) {
				String normalized = role.trim().toLowerCase(Locale.ROOT);
				if (normalized.equals(this.properties.adminRole().toLowerCase(Locale.ROOT))) {
					authorities.add(new SimpleGrantedAuthority(Caller.ROLE_ADMIN));
					authorities.add(new SimpleGrantedAuthority(Caller.ROLE_VIEWER));
				}
				else if (normalized.equals(this.properties.viewerRole().toLowerCase(Locale.ROOT))) {
					authorities.add(new SimpleGrantedAuthority(Caller.ROLE_VIEWER));
				}
			}
			return authorities;
		}

	}

	/**
	 * Reads the bearer token of a request. On the open endpoints a token is not needed,
	 * so one that does not check out (a stale one a dashboard or a probe keeps sending)
	 * is ignored rather than refused; a good one still counts, so that token holders see
	 * the health components. {@code /actuator/prometheus} is open when
	 * {@code open-metrics} is set.
	 */
	static final class OpenPathsTokenResolver implements BearerTokenResolver {

		private final BearerTokenResolver tokens = new DefaultBearerTokenResolver();

		private final RequestMatcher open;

		private final JwtDecoder decoder;

		OpenPathsTokenResolver(AdminSecurityProperties properties, JwtDecoder decoder) {
			PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
			List<RequestMatcher> open = new ArrayList<>();
			for (String path : OPEN_GET_PATHS) {
				open.add(paths.matcher(HttpMethod.GET, path));
			}
			if (properties.openMetrics()) {
				open.add(paths.matcher(HttpMethod.GET, "/actuator/prometheus"));
			}
			this.open = new OrRequestMatcher(open);
			this.decoder = decoder;
		}

		@Override
		public @Nullable String resolve(HttpServletRequest request) {
			if (!this.open.matches(request)) {
				return this.tokens.resolve(request);
			}
			try {
				String token = this.tokens.resolve(request);
				if (token != null) {
					this.decoder.decode(token);
				}
				return token;
			}
			catch (OAuth2AuthenticationException | JwtException ex) {
				return null;
			}
		}

	}

	/** Answers a missing or bad token with 401, a bearer challenge and a problem. */
	static final class ProblemEntryPoint implements AuthenticationEntryPoint {

		private final BearerTokenAuthenticationEntryPoint challenge = new BearerTokenAuthenticationEntryPoint();

		@Override
		public void commence(HttpServletRequest request, HttpServletResponse response,
				AuthenticationException exception) throws IOException {
			this.challenge.commence(request, response, exception);
			boolean tokenSent = request.getHeader("Authorization") != null;
			writeProblem(request, response, HttpStatus.UNAUTHORIZED, tokenSent ? "INVALID_TOKEN" : "UNAUTHENTICATED",
					tokenSent ? "The bearer token is invalid or has expired"
							: "This endpoint needs an Authorization: Bearer <JWT> header");
		}

	}

	/** Answers a token without the needed role with 403 and a problem. */
	static final class ProblemAccessDeniedHandler implements AccessDeniedHandler {

		private final BearerTokenAccessDeniedHandler challenge = new BearerTokenAccessDeniedHandler();

		@Override
		public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException exception)
				throws IOException {
			this.challenge.handle(request, response, exception);
			writeProblem(request, response, HttpStatus.FORBIDDEN, "FORBIDDEN",
					"Your token's roles do not allow this; it needs the admin role (or viewer, to read)");
		}

	}

	static void writeProblem(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String code,
			String detail) throws IOException {
		Map<String, Object> problem = new LinkedHashMap<>();
		problem.put("title", status.getReasonPhrase());
		problem.put("status", status.value());
		problem.put("detail", detail);
		URI instance = LogSafe.instance(request.getRequestURI());
		if (instance != null) {
			problem.put("instance", instance.toString());
		}
		problem.put("code", code);
		response.setStatus(status.value());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setCharacterEncoding(StandardCharsets.UTF_8.name());
		JsonMapper.shared().writeValue(response.getOutputStream(), problem);
	}

}
