package in.earlybird.notification.delivery.myoperator;

import java.util.List;
import java.util.Objects;

import in.earlybird.events.PhoneNumber;

/**
 * A WhatsApp template message to send through MyOperator.
 *
 * @param refId our reference for the message (the notification id), sent as
 * {@code myop_ref_id}
 * @param to the recipient
 * @param templateName the approved template's name, e.g. {@code delivery_reminder}
 * @param language the template's language code, e.g. {@code en} or {@code hi}
 * @param parameters the values of the template's body placeholders in order: the first
 * fills <code>{{1}}</code>, the second <code>{{2}}</code>, and so on
 */
public record TemplateMessage(String refId, PhoneNumber to, String templateName, String language,
		List<String> parameters) {

	public TemplateMessage {
		Objects.requireNonNull(refId, "refId");
		Objects.requireNonNull(to, "to");
		Objects.requireNonNull(templateName, "templateName");
		Objects.requireNonNull(language, "language");
		// copyOf also refuses null elements, so every placeholder has a value
		parameters = List.copyOf(parameters);
	}

	@Override
	public String toString() {
		// Parameters carry customer data (names, amounts, addresses): count them, never
		// print them; the phone number prints masked.
		return "TemplateMessage[refId=" + this.refId + ", to=" + this.to.masked() + ", templateName="
				+ this.templateName + ", language=" + this.language + ", parameters=" + this.parameters.size() + "]";
	}

}
