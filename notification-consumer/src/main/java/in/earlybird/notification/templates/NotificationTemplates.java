package in.earlybird.notification.templates;

import in.earlybird.events.NotificationEvent;

import org.springframework.stereotype.Component;

/**
 * Renders an event into the WhatsApp template that notifies its customer, in the
 * customer's language when the template has a translation for it and in English
 * otherwise. Thread-safe; parses nothing per call.
 */
@Component
public class NotificationTemplates {

	private final TemplateCache cache;

	private final TemplateEngine engine;

	NotificationTemplates(TemplateCache cache, TemplateEngine engine) {
		this.cache = cache;
		this.engine = engine;
	}

	/**
	 * Renders an event with the current definition of its template.
	 * @param event the event
	 * @return the approved template's name, language and parameters, and the full text
	 * @throws TemplateRenderingException if the template fails for this event or a
	 * parameter renders blank; a permanent failure
	 */
	public RenderedNotification render(NotificationEvent event) {
		TemplateType type = TemplateType.of(event);
		CompiledTemplate template = this.cache.get(type);
		CompiledTemplate.Translation translation = template.translationFor(event.customer().language());
		return translation.render(type, template.version(), this.engine.model(event, translation.language()));
	}

}
