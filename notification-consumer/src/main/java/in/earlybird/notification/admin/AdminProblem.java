package in.earlybird.notification.admin;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpStatus;

/**
 * A request the admin API refuses, answered as an RFC 9457 problem: a status, a stable
 * machine-readable code, a detail a person can act on, and the fields at fault.
 */
class AdminProblem extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final HttpStatus status;

	private final String code;

	private final List<FieldError> errors;

	private final @Nullable Duration retryAfter;

	AdminProblem(HttpStatus status, String code, String detail, List<FieldError> errors,
			@Nullable Duration retryAfter) {
		super(detail);
		this.status = status;
		this.code = code;
		this.errors = List.copyOf(errors);
		this.retryAfter = retryAfter;
	}

	static AdminProblem badRequest(List<FieldError> errors) {
		return new AdminProblem(HttpStatus.BAD_REQUEST, "INVALID_REQUEST",
				(errors.size() == 1) ? errors.get(0).field() + ": " + errors.get(0).message()
						: "The request has " + errors.size() + " invalid fields",
				errors, null);
	}

	static AdminProblem badRequest(String field, String message) {
		return badRequest(List.of(new FieldError(field, message)));
	}

	static AdminProblem notFound(String code, String detail) {
		return new AdminProblem(HttpStatus.NOT_FOUND, code, detail, List.of(), null);
	}

	static AdminProblem conflict(String code, String detail) {
		return new AdminProblem(HttpStatus.CONFLICT, code, detail, List.of(), null);
	}

	static AdminProblem unprocessable(String code, String detail, List<FieldError> errors) {
		return new AdminProblem(HttpStatus.UNPROCESSABLE_CONTENT, code, detail, errors, null);
	}

	static AdminProblem tooManyRequests(Duration retryAfter) {
		return new AdminProblem(HttpStatus.TOO_MANY_REQUESTS, "RATE_LIMITED",
				"Too many sensitive actions from this caller; try again in " + Math.max(1, retryAfter.toSeconds())
						+ " s",
				List.of(), retryAfter);
	}

	HttpStatus status() {
		return this.status;
	}

	String code() {
		return this.code;
	}

	List<FieldError> errors() {
		return this.errors;
	}

	@Nullable Duration retryAfter() {
		return this.retryAfter;
	}

	/**
	 * One field at fault.
	 *
	 * @param field the field's path in the request, e.g. {@code context.deliveryDate} or
	 * the name of a query parameter
	 * @param message what is wrong with it
	 */
	record FieldError(String field, String message) {
	}

}
