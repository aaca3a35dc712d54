package in.earlybird.notification.admin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import in.earlybird.notification.admin.AdminProblem.FieldError;
import in.earlybird.notification.shared.Redaction;
import in.earlybird.notification.templates.InvalidTemplateException;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.exc.ValueInstantiationException;

import org.springframework.beans.TypeMismatchException;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.validation.method.ParameterValidationResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every failure of the HTTP API into an RFC 9457 problem document
 * ({@code application/problem+json}) with a stable {@code code} and, for bad input, the
 * {@code errors} naming each field at fault. Nothing answers with a stack trace or an
 * exception message that could quote a phone number; unexpected failures are logged
 * redacted.
 */
@RestControllerAdvice
class AdminExceptionHandler extends ResponseEntityExceptionHandler {

	private static final Logger logger = LoggerFactory.getLogger(AdminExceptionHandler.class);

	@ExceptionHandler(AdminProblem.class)
	ResponseEntity<Object> adminProblem(AdminProblem problem, WebRequest request) {
		ProblemDetail body = ProblemDetail.forStatusAndDetail(problem.status(), problem.getMessage());
		HttpHeaders headers = new HttpHeaders();
		if (problem.retryAfter() != null) {
			headers.set(HttpHeaders.RETRY_AFTER, Long.toString(Math.max(1, problem.retryAfter().toSeconds())));
		}
		return respond(body, problem.code(), problem.errors(), headers, request);
	}

	@ExceptionHandler(InvalidTemplateException.class)
	ResponseEntity<Object> invalidTemplate(InvalidTemplateException ex, WebRequest request) {
		List<FieldError> errors = ex.problems()
			.stream()
			.map((problem) -> new FieldError(problem.field(), problem.message()))
			.toList();
		ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_CONTENT,
				"Template " + ex.type().key() + " was not saved: " + errors.size() + " problem"
						+ ((errors.size() == 1) ? "" : "s") + " found");
		return respond(body, "INVALID_TEMPLATE", errors, new HttpHeaders(), request);
	}

	@ExceptionHandler(OptimisticLockingFailureException.class)
	ResponseEntity<Object> conflict(OptimisticLockingFailureException ex, WebRequest request) {
		ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, Redaction.safe(ex.getMessage()));
		return respond(body, "VERSION_CONFLICT", List.of(), new HttpHeaders(), request);
	}

	@ExceptionHandler(DataAccessException.class)
	ResponseEntity<Object> storageUnavailable(DataAccessException ex, WebRequest request) {
		logger.error("Storage failed on {}", describe(request), LogSafe.exception(ex));
		ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
				"Storage is unavailable; try again shortly");
		return respond(body, "STORAGE_UNAVAILABLE", List.of(), new HttpHeaders(), request);
	}

	/**
	 * A query string that is not percent-encoded UTF-8: the server refuses to decode it
	 * when the parameters are first read. The caller's mistake, not ours.
	 */
	@ExceptionHandler(InvalidParameterException.class)
	ResponseEntity<Object> undecodableParameter(InvalidParameterException ex, WebRequest request) {
		String query = (request instanceof NativeWebRequest nativeRequest
				&& nativeRequest.getNativeRequest() instanceof HttpServletRequest servletRequest)
						? servletRequest.getQueryString() : null;
		List<FieldError> errors = List.of(new FieldError(RequestValues.undecodableParameter(query),
				"is not valid percent-encoded UTF-8 (é is %C3%A9)"));
		return respond(problem(HttpStatus.BAD_REQUEST, errors), "INVALID_REQUEST", errors, new HttpHeaders(), request);
	}

	@ExceptionHandler(Exception.class)
	ResponseEntity<Object> unexpected(Exception ex, WebRequest request) {
		logger.error("Unexpected failure on {}", describe(request), LogSafe.exception(ex));
		ProblemDetail body = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
				"Something went wrong on our side; it has been logged");
		return respond(body, "INTERNAL_ERROR", List.of(), new HttpHeaders(), request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldError> errors = new ArrayList<>();
		ex.getBindingResult()
			.getFieldErrors()
			.forEach((error) -> errors.add(new FieldError(error.getField(), message(error.getDefaultMessage()))));
		ex.getBindingResult()
			.getGlobalErrors()
			.forEach((error) -> errors.add(new FieldError(error.getObjectName(), message(error.getDefaultMessage()))));
		return respond(problem(status, errors), "INVALID_REQUEST", errors, headers, request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHandlerMethodValidationException(
			HandlerMethodValidationException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldError> errors = new ArrayList<>();
		for (ParameterValidationResult result : ex.getParameterValidationResults()) {
			String name = result.getMethodParameter().getParameterName();
			result.getResolvableErrors()
				.forEach((error) -> errors
					.add(new FieldError((name != null) ? name : "parameter", message(error.getDefaultMessage()))));
		}
		return respond(problem(HttpStatus.BAD_REQUEST, errors), "INVALID_REQUEST", errors, headers, request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
			HttpStatusCode status, WebRequest request) {
		String name = (ex instanceof MethodArgumentTypeMismatchException mismatch) ? mismatch.getName()
				: (ex.getPropertyName() != null) ? ex.getPropertyName() : "parameter";
		List<FieldError> errors = List.of(new FieldError(name, "expected " + expected(ex.getRequiredType())));
		return respond(problem(status, errors), "INVALID_REQUEST", errors, headers, request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleMissingServletRequestParameter(
			MissingServletRequestParameterException ex, HttpHeaders headers, HttpStatusCode status,
			WebRequest request) {
		List<FieldError> errors = List.of(new FieldError(ex.getParameterName(), "is required"));
		return respond(problem(status, errors), "INVALID_REQUEST", errors, headers, request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		List<FieldError> errors = List.of(unreadable(ex));
		return respond(problem(status, errors), "INVALID_REQUEST", errors, headers, request);
	}

	@Override
	protected @Nullable ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body,
			HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
		ProblemDetail problem = (body instanceof ProblemDetail detail) ? detail : ProblemDetail.forStatus(statusCode);
		if (problem.getProperties() == null || !problem.getProperties().containsKey("code")) {
			problem.setProperty("code", defaultCode(statusCode));
		}
		problem.setInstance(LogSafe.instance(path(request)));
		return super.handleExceptionInternal(ex, problem, headers, statusCode, request);
	}

	private ResponseEntity<Object> respond(ProblemDetail body, String code, List<FieldError> errors,
			HttpHeaders headers, WebRequest request) {
		body.setProperty("code", code);
		if (!errors.isEmpty()) {
			body.setProperty("errors", errors);
		}
		body.setInstance(LogSafe.instance(path(request)));
		return ResponseEntity.status(body.getStatus()).headers(headers).body(body);
	}

	private static ProblemDetail problem(HttpStatusCode status, List<FieldError> errors) {
		String detail = (errors.size() == 1) ? errors.get(0).field() + ": " + errors.get(0).message()
				: "The request has " + errors.size() + " invalid fields";
		return ProblemDetail.forStatusAndDetail(status, detail);
	}

	/** What a query value of a type should look like, in words. */
	private static String expected(@Nullable Class<?> type) {
		if (type == null) {
			return "another value";
		}
		if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
			return "a whole number (at most "
					+ ((type == long.class || type == Long.class) ? Long.MAX_VALUE : Integer.MAX_VALUE) + ")";
		}
		if (type == double.class || type == Double.class) {
			return "a number such as 20 or 2.5";
		}
		if (type == boolean.class || type == Boolean.class) {
			return "true or false";
		}
		if (type == Instant.class) {
			return "an ISO-8601 instant such as 2026-12-31T00:00:00Z";
		}
		return "a " + type.getSimpleName();
	}

	private static FieldError unreadable(HttpMessageNotReadableException ex) {
		for (Throwable cause = ex.getCause(); cause != null; cause = cause.getCause()) {
			if (cause instanceof ValueInstantiationException instantiation
					&& instantiation.getCause() instanceof NullPointerException missing && missing.getMessage() != null
					&& missing.getMessage().matches("[A-Za-z]+")) {
				// A record refused a null component: Objects.requireNonNull names it.
				String parent = path(instantiation);
				return new FieldError(parent.isEmpty() ? missing.getMessage() : parent + "." + missing.getMessage(),
						"is required");
			}
			if (cause instanceof DatabindException databind && !databind.getPath().isEmpty()) {
				return new FieldError(path(databind), "is missing or has the wrong type");
			}
			if (cause instanceof JacksonException) {
				return new FieldError("body", "is not valid JSON");
			}
		}
		return new FieldError("body", "is missing or is not valid JSON");
	}

	private static String path(DatabindException databind) {
		StringBuilder field = new StringBuilder();
		for (JacksonException.Reference reference : databind.getPath()) {
			if (reference.getPropertyName() != null) {
				field.append(field.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				field.append('[').append(reference.getIndex()).append(']');
			}
		}
		return field.toString();
	}

	private static String message(@Nullable String message) {
		return (message != null) ? message : "is invalid";
	}

	private static String defaultCode(HttpStatusCode status) {
		return switch (status.value()) {
			case 400 -> "INVALID_REQUEST";
			case 404 -> "NOT_FOUND";
			case 405 -> "METHOD_NOT_ALLOWED";
			case 406 -> "NOT_ACCEPTABLE";
			case 415 -> "UNSUPPORTED_MEDIA_TYPE";
			default -> (status.is4xxClientError()) ? "CLIENT_ERROR" : "INTERNAL_ERROR";
		};
	}

	private static @Nullable String path(WebRequest request) {
		if (request instanceof NativeWebRequest nativeRequest
				&& nativeRequest.getNativeRequest() instanceof HttpServletRequest servletRequest) {
			return servletRequest.getRequestURI();
		}
		return null;
	}

	private static String describe(WebRequest request) {
		if (request instanceof NativeWebRequest nativeRequest
				&& nativeRequest.getNativeRequest() instanceof HttpServletRequest servletRequest) {
			return servletRequest.getMethod() + " " + Redaction.safe(servletRequest.getRequestURI());
		}
		return "a request";
	}

}
