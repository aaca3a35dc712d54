package in.earlybird.notification.delivery;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The pacing every send goes through: the number's throughput limit (this instance's
 * share of it) and the pair rate per recipient.
 */
@Configuration(proxyBeanMethods = false)
class DeliveryConfiguration {

	@Bean
	ProviderRateLimiter providerRateLimiter(DeliveryProperties properties) {
		return new ProviderRateLimiter(Math.min(SendingShare.IDLE_RATE, properties.rateLimit()),
				properties.maxSenderPause());
	}

	@Bean
	RecipientPacing recipientPacing(DeliveryProperties properties) {
		return new RecipientPacing(properties.recipientSpacing());
	}

}
