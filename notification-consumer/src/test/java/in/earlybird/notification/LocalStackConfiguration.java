package in.earlybird.notification;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import in.earlybird.events.CloudEvent;
import in.earlybird.events.Customer;
import in.earlybird.events.EventType;
import in.earlybird.events.NotificationEvent;
import org.apache.kafka.clients.producer.ProducerRecord;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Local-stack extras: a start-up message saying where everything is (with ready admin and
 * viewer tokens), an endpoint that publishes a sample event to Kafka, and an optional
 * demo stream of events.
 */
@TestConfiguration(proxyBeanMethods = false)
class LocalStackConfiguration {

	@Bean
	LocalStackBanner localStackBanner(@Value("${server.port:8080}") int port,
			@Value("${spring.kafka.bootstrap-servers}") String kafka, @Value("${spring.mongodb.uri}") String mongo,
			@Value("${notification.myoperator.base-url}") String provider,
			@Value("${local.demo:${LOCAL_DEMO:false}}") boolean demo,
			@Value("${notification.security.hs256-secret:}") String jwtSecret,
			@Value("${notification.webhook.api-key:}") String webhookKey,
			@Value("${notification.webhook.username:}") String webhookUsername,
			@Value("${notification.webhook.password:}") String webhookPassword, LocalEventPublisher publisher) {
		return new LocalStackBanner(port, kafka, mongo, provider, demo, jwtSecret, webhookKey, webhookUsername,
				webhookPassword, publisher);
	}

	/**
	 * Leaves the local-only sample-event endpoints open. They exist only in test sources,
	 * so main's security has no rule for them; this chain comes first and matches nothing
	 * else.
	 */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	SecurityFilterChain localEndpoints(HttpSecurity http) throws Exception {
		return http.securityMatcher("/local/**")
			.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll())
			.csrf((csrf) -> csrf.disable())
			.build();
	}

	/**
	 * Publishes sample events in binary CloudEvents mode, as an upstream service would.
	 */
	@RestController
	static class LocalEventPublisher {

		private static final List<Customer> CUSTOMERS = List.of(
				new Customer("cust-1001", "Priya Sharma", "+919876543210", "en"),
				new Customer("cust-1002", "Rahul Verma", "+919812345678", "hi"),
				new Customer("cust-1003", "Ananya Iyer", "+918765432109", "en"),
				new Customer("cust-1004", "Sanjay Patil", "+917654321098", "hi"),
				new Customer("cust-1005", "Meera Nair", "+916543210987", "en"));

		private final KafkaTemplate<String, byte[]> kafka;

		LocalEventPublisher(KafkaTemplate<String, byte[]> kafka) {
			this.kafka = kafka;
		}

		@PostMapping("/local/events/{type}")
		Map<String, String> publish(@PathVariable String type,
				@RequestParam(defaultValue = "cust-1001") String customer) throws Exception {
			// By the names the banner lists (file names), or by enum name.
			EventType eventType = java.util.Arrays.stream(EventType.values())
				.filter((candidate) -> candidate.fileName().equals(type)
						|| candidate.name().equals(type.toUpperCase(Locale.ROOT).replace('-', '_')))
				.findFirst()
				.orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST, "Unknown event type " + type));
			Customer recipient = CUSTOMERS.stream()
				.filter((candidate) -> candidate.id().equals(customer))
				.findFirst()
				.orElseThrow(() -> new ResponseStatusException(HttpStatus.BAD_REQUEST, "Unknown sample customer "
						+ customer + "; use one of " + CUSTOMERS.stream().map(Customer::id).toList()));
			CloudEvent<NotificationEvent> envelope = send(eventType, recipient);
			return Map.of("id", envelope.id(), "type", envelope.type(), "topic", eventType.defaultTopic(), "key",
					recipient.id());
		}

		CloudEvent<NotificationEvent> send(EventType type, Customer customer) throws Exception {
			NotificationEvent event = TestEvents.oneOfEach(customer).get(type.ordinal());
			CloudEvent<NotificationEvent> envelope = TestEvents.envelope(event);
			ProducerRecord<String, byte[]> record = TestEvents.binary(type.defaultTopic(), envelope);
			this.kafka.send(record).get(10, TimeUnit.SECONDS);
			return envelope;
		}

		void publishRandom() throws Exception {
			ThreadLocalRandom random = ThreadLocalRandom.current();
			send(EventType.values()[random.nextInt(EventType.values().length)],
					CUSTOMERS.get(random.nextInt(CUSTOMERS.size())));
		}

	}

	/** Prints where everything is once the service is ready. */
	static class LocalStackBanner {

		private final int port;

		private final String kafka;

		private final String mongo;

		private final String provider;

		private final boolean demo;

		private final String jwtSecret;

		private final String webhookKey;

		private final String webhookUsername;

		private final String webhookPassword;

		private final LocalEventPublisher publisher;

		LocalStackBanner(int port, String kafka, String mongo, String provider, boolean demo, String jwtSecret,
				String webhookKey, String webhookUsername, String webhookPassword, LocalEventPublisher publisher) {
			this.port = port;
			this.kafka = kafka;
			this.mongo = mongo;
			this.provider = provider;
			this.demo = demo;
			this.jwtSecret = jwtSecret;
			this.webhookKey = webhookKey;
			this.webhookUsername = webhookUsername;
			this.webhookPassword = webhookPassword;
			this.publisher = publisher;
		}

		@EventListener(ApplicationReadyEvent.class)
		void ready() {
			String base = "http://localhost:" + this.port;
			String types = java.util.Arrays.stream(EventType.values())
				.map(EventType::fileName)
				.collect(Collectors.joining(", "));
			PrintStream out = System.out;
			out.println();
			out.println("EarlyBird notifications: the local stack is up");
			out.println(
					"  Kafka       " + this.kafka + "  (six domain topics, notifications.retry, notifications.dlt)");
			out.println("  MongoDB     " + this.mongo);
			out.println("  MyOperator  " + this.provider + (this.provider.contains("127.0.0.1")
					? "  (sandbox: GET /_sandbox/messages, POST /_sandbox/mode)" : "  (real provider)"));
			out.println("  Health      " + base + "/actuator/health");
			out.println("  Metrics     " + base + "/actuator/prometheus");
			out.println("Publish a sample event (types: " + types + "):");
			out.println("  curl -X POST " + base + "/local/events/delivery-scheduled");
			out.println("See what MyOperator received:");
			out.println("  curl " + this.provider + "/_sandbox/messages");
			printAdminApi(out, base);
			if (this.demo) {
				ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
				scheduler.scheduleWithFixedDelay(() -> {
					try {
						this.publisher.publishRandom();
					}
					catch (Exception ex) {
						System.err.println("Demo publish failed: " + ex);
					}
				}, 1, 2, TimeUnit.SECONDS);
				out.println("Demo: publishing a random event every 2 seconds.");
			}
			out.println();
		}

		private void printAdminApi(PrintStream out, String base) {
			String api = base + "/api/notifications";
			out.println("Admin API  " + api + "  (OpenAPI: " + base + "/v3/api-docs, README.md#admin-api)");
			if (this.jwtSecret.isBlank()) {
				out.println("  Tokens come from the identity provider at notification.security.jwk-set-uri.");
				out.println("Dashboard  " + base + "/dashboard/  (sign in with a token from it)");
			}
			else {
				Duration validity = Duration.ofDays(30);
				out.println("  Tokens (HS256, local secret, valid 30 days); viewer reads, admin also acts:");
				String adminToken = TestTokens.token(this.jwtSecret, "admin@earlybird.local", List.of("admin"),
						validity);
				String viewerToken = TestTokens.token(this.jwtSecret, "viewer@earlybird.local", List.of("viewer"),
						validity);
				out.println("  export ADMIN_TOKEN=" + adminToken);
				out.println("  export VIEWER_TOKEN=" + viewerToken);
				out.println("Dashboard  " + base + "/dashboard/#token=" + adminToken);
				out.println("  (signs in as admin; as a viewer: " + base + "/dashboard/#token=$VIEWER_TOKEN)");
				out.println("  curl -H \"Authorization: Bearer $VIEWER_TOKEN\" '" + api
						+ "/history?phone=%2B919876543210'");
				out.println("  curl -H \"Authorization: Bearer $VIEWER_TOKEN\" " + api + "/statistics");
				out.println(
						"  curl -X POST -H \"Authorization: Bearer $ADMIN_TOKEN\" -H 'Content-Type: application/json' "
								+ api
								+ "/send-message -d '{\"phone\": \"+919876543210\", \"messageType\": \"churn_risk\", "
								+ "\"customerName\": \"Priya\", \"immediate\": true, "
								+ "\"context\": {\"offerPercent\": 25, \"offerCode\": \"COMEBACK25\"}}'");
			}
			if (!this.webhookKey.isBlank()) {
				out.println("  MyOperator webhook: POST " + api + "/webhooks/myoperator with header X-Api-Key: "
						+ this.webhookKey);
			}
			if (!this.webhookUsername.isBlank()) {
				out.println("  MyOperator webhook, Basic credentials: curl -u " + this.webhookUsername + ":"
						+ this.webhookPassword + " -X POST " + api + "/webhooks/myoperator");
			}
		}

	}

}
