package in.earlybird.notification.sandbox;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A message the sandbox accepted, as it arrived.
 *
 * @param refId {@code myop_ref_id}
 * @param countryCode {@code customer_country_code}
 * @param number {@code customer_number}
 * @param type {@code data.type}: {@code template} or {@code text}
 * @param templateName {@code data.context.template_name}, for a template
 * @param language {@code data.context.language}, for a template
 * @param parameters the values of {@code data.context.body} in key order ("1", "2", …),
 * for a template
 * @param text {@code data.context.body}, for a text message
 * @param receivedAt when it arrived
 * @param messageId the message id the sandbox answered
 * @param conversationId the conversation id the sandbox answered
 * @param authorizationScheme the scheme of the {@code Authorization} header exactly as
 * sent (e.g. {@code Bearer}), without the key
 * @param headers the request headers except {@code Authorization}; the JDK server
 * normalises names to {@code Xxxx-yyyy} case
 * @param body the request body as sent
 */
public record ReceivedMessage(String refId, String countryCode, String number, String type,
		@Nullable String templateName, @Nullable String language, List<String> parameters, @Nullable String text,
		Instant receivedAt, String messageId, String conversationId, String authorizationScheme,
		Map<String, List<String>> headers, String body) {

	/**
	 * Returns the first value of a request header, whatever the case of its name.
	 * @param name the header name
	 * @return the value, or {@code null}
	 */
	public @Nullable String header(String name) {
		for (Map.Entry<String, List<String>> entry : this.headers.entrySet()) {
			if (entry.getKey().equalsIgnoreCase(name) && !entry.getValue().isEmpty()) {
				return entry.getValue().get(0);
			}
		}
		return null;
	}

}
