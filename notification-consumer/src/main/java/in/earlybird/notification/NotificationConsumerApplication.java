package in.earlybird.notification;

import java.util.Arrays;

import in.earlybird.notification.retry.ReplayCommand;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * Turns EarlyBird domain events on Kafka into WhatsApp messages sent through MyOperator.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class NotificationConsumerApplication {

	/**
	 * Runs the service, or with {@code replay} as the first argument, the dead-letter
	 * replay command.
	 * @param args the arguments
	 */
	public static void main(String[] args) {
		if (args.length > 0 && "replay".equals(args[0])) {
			System.exit(ReplayCommand.run(Arrays.copyOfRange(args, 1, args.length), System.out));
		}
		SpringApplication.run(NotificationConsumerApplication.class, args);
	}

}
