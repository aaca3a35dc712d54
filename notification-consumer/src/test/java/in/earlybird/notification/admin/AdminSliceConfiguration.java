package in.earlybird.notification.admin;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import in.earlybird.notification.delivery.myoperator.ProviderState;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

/**
 * What a web-slice test of the admin API needs beyond its controllers: the security
 * configuration, a fixed clock, MyOperator's (empty) state and a meter registry; test
 * classes add {@code @TestPropertySource("classpath:admin-slice.properties")} for the
 * credentials.
 */
@TestConfiguration(proxyBeanMethods = false)
@EnableConfigurationProperties(AdminSecurityProperties.class)
@Import({ AdminSecurityConfiguration.class, AdminWebConfiguration.class })
class AdminSliceConfiguration {

	static final Instant NOW = Instant.parse("2026-01-27T05:00:00Z");

	@Bean
	Clock clock() {
		return Clock.fixed(NOW, ZoneOffset.UTC);
	}

	@Bean
	ProviderState providerState(Clock clock) {
		return new ProviderState(clock);
	}

	@Bean
	MeterRegistry meterRegistry() {
		return new SimpleMeterRegistry();
	}

}
