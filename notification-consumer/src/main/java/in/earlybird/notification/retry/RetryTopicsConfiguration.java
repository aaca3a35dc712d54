package in.earlybird.notification.retry;

import org.apache.kafka.clients.admin.NewTopic;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * Creates the delay and dead-letter topics if the broker lets us and they are missing.
 * The dead-letter topic keeps records for 30 days so SREs have time to replay.
 */
@Configuration(proxyBeanMethods = false)
class RetryTopicsConfiguration {

	@Bean
	NewTopic retryTopic(RetryProperties properties) {
		return TopicBuilder.name(properties.topic())
			.partitions(properties.partitions())
			.replicas(properties.replicationFactor())
			.build();
	}

	@Bean
	NewTopic deadLetterTopic(RetryProperties properties) {
		return TopicBuilder.name(properties.deadLetterTopic())
			.partitions(properties.partitions())
			.replicas(properties.replicationFactor())
			.config("retention.ms", Long.toString(30L * 24 * 60 * 60 * 1000))
			.build();
	}

}
