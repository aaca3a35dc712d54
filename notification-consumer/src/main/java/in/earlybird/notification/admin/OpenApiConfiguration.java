package in.earlybird.notification.admin;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The OpenAPI 3 document of the admin API, served at {@code /v3/api-docs} without a
 * token: it describes the API and holds no data.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

	static final String BEARER = "bearer-jwt";

	@Bean
	OpenAPI notificationsOpenApi() {
		return new OpenAPI()
			.info(new Info().title("EarlyBird notifications admin API")
				.version("1")
				.description("History, statistics, templates, preferences, ad-hoc sends and resends of the WhatsApp "
						+ "notifications, and the MyOperator delivery-status webhook. Send Authorization: Bearer "
						+ "<JWT>; the roles claim must hold viewer (read) or admin (everything). Phone numbers are "
						+ "masked for viewers. Errors are RFC 9457 problem documents."))
			.components(new Components().addSecuritySchemes(BEARER,
					new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer").bearerFormat("JWT")))
			.addSecurityItem(new SecurityRequirement().addList(BEARER));
	}

}
