package in.earlybird.notification.intake;

import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.stereotype.Component;

/**
 * Kafka health: the cluster answers {@code describeCluster} within a few seconds. Part of
 * readiness, so a replica that cannot reach the brokers stops taking traffic.
 */
@Component("kafkaHealthIndicator")
class KafkaHealthIndicator extends AbstractHealthIndicator implements DisposableBean {

	private static final int TIMEOUT_MILLIS = 3000;

	private final AdminClient admin;

	KafkaHealthIndicator(KafkaAdmin kafkaAdmin) {
		super("Kafka health check failed");
		Map<String, Object> config = new java.util.HashMap<>(kafkaAdmin.getConfigurationProperties());
		config.put("request.timeout.ms", TIMEOUT_MILLIS);
		config.put("default.api.timeout.ms", TIMEOUT_MILLIS);
		this.admin = AdminClient.create(config);
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) throws Exception {
		DescribeClusterResult cluster = this.admin
			.describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MILLIS));
		int brokers = cluster.nodes().get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS).size();
		builder.up()
			.withDetail("clusterId", cluster.clusterId().get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS))
			.withDetail("brokers", brokers);
	}

	@Override
	public void destroy() {
		this.admin.close();
	}

}
