package in.earlybird.notification.admin;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.actuate.endpoint.CompositeHealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.contributor.Status;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The original plan's health check: the service's overall health and each component's
 * status, from the same indicators as {@code /actuator/health}. Open without a token.
 */
@RestController
@RequestMapping(AdminSecurityConfiguration.API)
@Tag(name = "Health")
class AdminHealthController {

	private final ObjectProvider<HealthEndpoint> health;

	private final Clock clock;

	AdminHealthController(ObjectProvider<HealthEndpoint> health, Clock clock) {
		this.health = health;
		this.clock = clock;
	}

	@GetMapping("/health")
	@Operation(summary = "Is the service healthy?", description = "200 when UP, 503 otherwise.")
	ResponseEntity<HealthView> health() {
		HealthEndpoint endpoint = this.health.getIfAvailable();
		HealthDescriptor descriptor = (endpoint != null) ? endpoint.health() : null;
		Status status = (descriptor != null) ? descriptor.getStatus() : Status.UNKNOWN;
		Map<String, String> components = new LinkedHashMap<>();
		if (descriptor instanceof CompositeHealthDescriptor composite && composite.getComponents() != null) {
			composite.getComponents()
				.forEach((name, component) -> components.put(name, component.getStatus().getCode()));
		}
		HealthView view = new HealthView(status.getCode(), "notification-consumer", this.clock.instant(), components);
		return ResponseEntity.status(Status.UP.equals(status) ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
			.body(view);
	}

	/**
	 * The health answer.
	 *
	 * @param status {@code UP}, {@code DOWN}, {@code OUT_OF_SERVICE} or {@code UNKNOWN}
	 * @param service the service's name
	 * @param time when it was checked
	 * @param components each component's status, e.g. {@code mongo}, {@code diskSpace}
	 */
	record HealthView(String status, String service, Instant time, Map<String, String> components) {
	}

}
