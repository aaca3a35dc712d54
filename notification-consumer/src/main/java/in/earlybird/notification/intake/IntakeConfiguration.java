package in.earlybird.notification.intake;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * Listener wiring. The listeners handle every record themselves; the error handler only
 * catches what escapes them (a bug), and then retries the batch for ever with a growing
 * pause rather than skipping records, because skipping would lose them.
 */
@Configuration(proxyBeanMethods = false)
class IntakeConfiguration {

	static final String TOPICS_BEAN = "notificationIntakeTopics";

	@Bean(TOPICS_BEAN)
	String[] notificationIntakeTopics(IntakeProperties properties) {
		return properties.topics().toArray(String[]::new);
	}

	@Bean
	CommonErrorHandler listenerErrorHandler(IntakeProperties properties) {
		ExponentialBackOff backOff = new ExponentialBackOff(properties.infrastructureBackoff().toMillis(), 2.0);
		backOff.setMaxInterval(properties.maxInfrastructureBackoff().toMillis());
		return new DefaultErrorHandler((record, ex) -> {
			throw new IllegalStateException("Refusing to skip a record", ex);
		}, backOff);
	}

}
