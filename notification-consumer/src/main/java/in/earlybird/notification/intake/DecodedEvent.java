package in.earlybird.notification.intake;

import java.time.OffsetDateTime;

import in.earlybird.events.EventType;
import in.earlybird.events.NotificationEvent;

/**
 * A record that passed decoding and validation.
 *
 * @param id the CloudEvents id
 * @param type the event type
 * @param source the CloudEvents source
 * @param time when the event happened
 * @param event the event
 */
record DecodedEvent(String id, EventType type, String source, OffsetDateTime time, NotificationEvent event) {
}
