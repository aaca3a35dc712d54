package in.earlybird.notification.admin;

import java.time.Instant;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonInclude;
import in.earlybird.notification.delivery.myoperator.ProviderState;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.jspecify.annotations.Nullable;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * MyOperator's state as the answering instance last saw it, for the dashboard's overview.
 */
@RestController
@RequestMapping(AdminSecurityConfiguration.API)
@Tag(name = "Statistics")
class ProviderController {

	private final ProviderState state;

	ProviderController(ProviderState state) {
		this.state = state;
	}

	@GetMapping("/provider")
	@Operation(summary = "Show MyOperator's state as this instance last saw it",
			description = "When a message was last accepted, the last refusal with its code, and whether MyOperator "
					+ "asked this instance to slow down (throttled until Retry-After, or 1 s when it gave none). Kept "
					+ "in memory per instance since it started.")
	ProviderView provider() {
		return ProviderView.of(this.state.snapshot());
	}

	/**
	 * MyOperator's state.
	 *
	 * @param at when this was read
	 * @param lastSuccessAt when MyOperator last accepted a message, if since start-up
	 * @param lastFailure the last request it did not accept, if any since start-up
	 * @param throttled whether MyOperator asked us to wait and the wait is not over
	 * @param throttledUntil when the last requested wait ends (or ended)
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	record ProviderView(Instant at, @Nullable Instant lastSuccessAt, @Nullable FailureView lastFailure,
			boolean throttled, @Nullable Instant throttledUntil) {

		static ProviderView of(ProviderState.Snapshot snapshot) {
			ProviderState.Failure failure = snapshot.lastFailure();
			return new ProviderView(snapshot.at(), snapshot.lastSuccessAt(),
					(failure != null) ? new FailureView(failure.at(), failure.kind().name().toLowerCase(Locale.ROOT),
							failure.code(), failure.httpStatus(), failure.reason()) : null,
					snapshot.throttled(), snapshot.throttledUntil());
		}

	}

	/**
	 * A request MyOperator did not accept.
	 *
	 * @param at when
	 * @param kind {@code transient}, {@code rate_limited}, {@code insufficient_balance},
	 * {@code configuration} or {@code invalid_message}
	 * @param code the error code, e.g. {@code HTTP_503} or {@code CHAT_0302}
	 * @param httpStatus the HTTP status, 0 when no answer came
	 * @param reason a short explanation, without secrets or full phone numbers
	 */
	record FailureView(Instant at, String kind, String code, int httpStatus, String reason) {
	}

}
