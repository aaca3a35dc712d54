package in.earlybird.notification.delivery.myoperator;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

/**
 * Creates the {@link MyOperatorClient} from {@link MyOperatorProperties}.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MyOperatorProperties.class)
class MyOperatorConfiguration {

	/**
	 * Builds the client on Spring Boot's {@link RestClient.Builder} when there is one, so
	 * that calls show up in {@code http.client.requests} metrics and traces.
	 * @param properties where and as whom to call MyOperator
	 * @param restClientBuilder Boot's builder, if auto-configured
	 * @return the client; Spring closes it (and its connection pool) on shutdown
	 */
	@Bean
	MyOperatorClient myOperatorClient(MyOperatorProperties properties,
			ObjectProvider<RestClient.Builder> restClientBuilder) {
		return new MyOperatorClient(properties, restClientBuilder.getIfAvailable(RestClient::builder));
	}

	/**
	 * Publishes what the client last heard from MyOperator, for the admin side to show.
	 * @param client the client that keeps it
	 * @return the client's live state
	 */
	@Bean
	ProviderState myOperatorState(MyOperatorClient client) {
		return client.state();
	}

}
