package in.earlybird.notification.webhook;

import in.earlybird.notification.shared.StatelessSecurity;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * The webhook's own security filter chain, ahead of any other: MyOperator presents its
 * own credentials, which the controller checks, so no bearer token is read here (a stale
 * one sent along is ignored, not refused); and its entry in the OpenAPI document.
 */
@Configuration(proxyBeanMethods = false)
class WebhookConfiguration {

	static final String BASIC_SCHEME = "webhook-basic";

	static final String API_KEY_SCHEME = "webhook-api-key";

	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE + 10)
	SecurityFilterChain webhookSecurity(HttpSecurity http) throws Exception {
		http.securityMatcher(
				PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, MyOperatorWebhookController.PATH));
		return StatelessSecurity.stateless(http)
			.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.build();
	}

	/**
	 * Describes the webhook in the OpenAPI document, which is built from the admin
	 * package's controllers only ({@code springdoc.packages-to-scan}).
	 */
	@Bean
	OpenApiCustomizer webhookOpenApi(WebhookProperties properties) {
		return (openApi) -> {
			if (openApi.getComponents() == null) {
				openApi.setComponents(new Components());
			}
			openApi.getComponents()
				.addSecuritySchemes(BASIC_SCHEME, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic"))
				.addSecuritySchemes(API_KEY_SCHEME,
						new SecurityScheme().type(SecurityScheme.Type.APIKEY)
							.in(SecurityScheme.In.HEADER)
							.name(properties.apiKeyHeader()));
			Operation receive = new Operation().addTagsItem("Webhooks")
				.operationId("receiveMyOperatorWebhook")
				.summary("Receive a MyOperator Webhooks v2 delivery")
				.description("Authenticated by Basic credentials or the API-key header, not by a bearer token. "
						+ "Deduplicated on event_id; statuses never move backwards; reports for unknown message ids "
						+ "are kept and applied once the message is recorded. STOP and UNSUBSCRIBE opt the customer "
						+ "out of promotional messages, START opts back in.")
				.addSecurityItem(new SecurityRequirement().addList(BASIC_SCHEME))
				.addSecurityItem(new SecurityRequirement().addList(API_KEY_SCHEME))
				.requestBody(new RequestBody().required(true)
					.content(new Content().addMediaType(MediaType.APPLICATION_JSON_VALUE,
							new io.swagger.v3.oas.models.media.MediaType().schema(new ObjectSchema()))))
				.responses(new ApiResponses()
					.addApiResponse("200", new ApiResponse().description("Received; outcome says what it did: "
							+ "delivered, read, failed, stale, unmatched, duplicate, opt_out, opt_in or ignored"))
					.addApiResponse("400", new ApiResponse().description("Not a webhook delivery"))
					.addApiResponse("401", new ApiResponse().description("Without MyOperator's credentials")));
			openApi.path(MyOperatorWebhookController.PATH, new PathItem().post(receive));
		};
	}

}
