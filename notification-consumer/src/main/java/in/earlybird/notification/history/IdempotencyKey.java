package in.earlybird.notification.history;

/**
 * One event, template and recipient: sent at most once.
 *
 * @param eventId the event's id
 * @param type the template key
 * @param phone the recipient in E.164 form
 */
public record IdempotencyKey(String eventId, String type, String phone) {
}
