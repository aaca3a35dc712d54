package in.earlybird.notification.sandbox;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A request the sandbox refused because it broke MyOperator's rules (not a failure it was
 * told to simulate).
 *
 * @param at when
 * @param method the HTTP method
 * @param path the request path
 * @param httpStatus the status answered
 * @param code the error code answered
 * @param reason which field was wrong and why
 * @param refId the request's {@code myop_ref_id}, when it had one
 */
public record Rejection(Instant at, String method, String path, int httpStatus, String code, String reason,
		@Nullable String refId) {
}
