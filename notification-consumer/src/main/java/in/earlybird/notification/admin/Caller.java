package in.earlybird.notification.admin;

import in.earlybird.events.PhoneNumber;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

/**
 * Who is calling the admin API: the token's subject and whether it holds the admin role.
 *
 * @param subject the JWT subject, recorded as who made a change
 * @param admin whether the caller may act and see whole phone numbers
 */
record Caller(String subject, boolean admin) {

	static final String ROLE_ADMIN = "ROLE_ADMIN";

	static final String ROLE_VIEWER = "ROLE_VIEWER";

	static Caller of(@Nullable Authentication authentication) {
		if (authentication == null || !authentication.isAuthenticated()) {
			return new Caller("anonymous", false);
		}
		boolean admin = authentication.getAuthorities()
			.stream()
			.map(GrantedAuthority::getAuthority)
			.anyMatch(ROLE_ADMIN::equals);
		String name = authentication.getName();
		return new Caller((name != null && !name.isBlank()) ? name : "unknown", admin);
	}

	/**
	 * Shows a phone number as this caller may see it: whole for admins, masked for
	 * viewers ({@code +91 98•••••210}).
	 * @param phone the number in E.164 form
	 * @return the number to show
	 */
	@Nullable String phone(@Nullable String phone) {
		if (phone == null) {
			return null;
		}
		return this.admin ? phone : PhoneNumber.mask(phone);
	}

}
