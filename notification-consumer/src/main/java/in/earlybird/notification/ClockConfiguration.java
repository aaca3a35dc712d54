package in.earlybird.notification;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/** One clock for the whole service, so that tests can move time; and scheduling. */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class ClockConfiguration {

	@Bean
	Clock clock() {
		return Clock.systemUTC();
	}

}
