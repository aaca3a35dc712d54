package in.earlybird.notification.shared;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;

/**
 * What every security filter chain of this service shares: callers authenticate each
 * request (a bearer token, the webhook's credentials) and nothing rides on cookies, so
 * there is no session, no CSRF token, no saved request and no login or logout page.
 */
public final class StatelessSecurity {

	private StatelessSecurity() {
	}

	/**
	 * Makes a chain stateless.
	 * @param http the chain being built
	 * @return the same chain, to go on building
	 * @throws Exception as {@link HttpSecurity}'s configurers do
	 */
	public static HttpSecurity stateless(HttpSecurity http) throws Exception {
		return http.csrf((csrf) -> csrf.disable())
			.sessionManagement((sessions) -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
			.requestCache((cache) -> cache.disable())
			.formLogin((form) -> form.disable())
			.httpBasic((basic) -> basic.disable())
			.logout((logout) -> logout.disable());
	}

}
