package in.earlybird.notification.admin;

import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Who the token belongs to and what it may do, as the service reads it: the dashboard
 * checks a token with this at sign-in and hides what the role may not do.
 */
@RestController
@RequestMapping(AdminSecurityConfiguration.API)
@Tag(name = "Caller")
class CallerController {

	@GetMapping("/me")
	@Operation(summary = "Show the caller's subject, roles and token expiry")
	CallerView me(Caller caller, @AuthenticationPrincipal @Nullable Jwt jwt) {
		List<String> roles = caller.admin() ? List.of("viewer", "admin") : List.of("viewer");
		return new CallerView(caller.subject(), roles, caller.admin(), (jwt != null) ? jwt.getExpiresAt() : null);
	}

	/**
	 * The caller.
	 *
	 * @param subject the token's subject
	 * @param roles what it may do: {@code viewer}, and {@code admin} too for an admin
	 * @param admin whether it may act (send, resend, edit, replay) and see whole numbers
	 * @param expiresAt when the token expires, if it says
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record CallerView(String subject, List<String> roles, boolean admin, @Nullable Instant expiresAt) {
	}

}
