package in.earlybird.notification.harness;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

import in.earlybird.notification.delivery.myoperator.MessageStatus;
import in.earlybird.notification.sandbox.MyOperatorSandbox;
import tools.jackson.databind.json.JsonMapper;

/**
 * Plays MyOperator's status webhooks: for messages the sandbox accepted, posts the
 * {@code message.delivered} event MyOperator would send, to a service instance's webhook
 * endpoint with the API key the harness configures. The payload gives back our
 * {@code myop_ref_id}, which is what settles a notification whose send answer never
 * reached us.
 */
public final class StatusReports {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private StatusReports() {
	}

	/**
	 * Reports messages as delivered.
	 * @param service the instance whose endpoint receives them
	 * @param messages the messages the provider accepted (every arrival is kept, unlike
	 * the messages' full copies)
	 * @return how many reports the endpoint accepted (HTTP 200)
	 */
	public static int delivered(ServiceInstance service, Collection<MyOperatorSandbox.Arrival> messages) {
		URI endpoint = service.baseUrl().resolve("/api/notifications/webhooks/myoperator");
		int accepted = 0;
		for (MyOperatorSandbox.Arrival message : messages) {
			Map<String, Object> payload = new LinkedHashMap<>();
			payload.put("id", message.messageId());
			payload.put("status", "delivered");
			payload.put(MessageStatus.OUR_REFERENCE_FIELD, message.refId());
			Map<String, Object> event = new LinkedHashMap<>();
			event.put("event_id", UUID.randomUUID().toString());
			event.put("company_id", ServiceStack.COMPANY_ID);
			event.put("event_type", MessageStatus.DELIVERED.eventType());
			event.put("event_sequence", 1);
			event.put("event_version", "v2");
			event.put("timestamp", Instant.now().toString());
			event.put("channel", "whatsapp");
			event.put("direction", "outbound");
			event.put("system_identifier", ServiceStack.PHONE_NUMBER_ID);
			event.put("customer_identifier", message.number());
			event.put("payload", payload);
			HttpRequest request = HttpRequest.newBuilder(endpoint)
				.timeout(Duration.ofSeconds(10))
				.header("Content-Type", "application/json")
				.header("X-Api-Key", ServiceStack.WEBHOOK_API_KEY)
				.POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(event)))
				.build();
			try {
				if (HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					accepted++;
				}
			}
			catch (IOException ex) {
				// Counted as not accepted.
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
		}
		return accepted;
	}

}
