package in.earlybird.notification;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Turns EarlyBird domain events on Kafka into WhatsApp messages sent through MyOperator.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class NotificationConsumerApplication {

	public static void main(String[] args) {
		SpringApplication.run(NotificationConsumerApplication.class, args);
	}

}
