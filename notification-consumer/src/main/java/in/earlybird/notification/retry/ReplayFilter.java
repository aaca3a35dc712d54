package in.earlybird.notification.retry;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Which dead-lettered records to look at or replay; every criterion is optional and they
 * all must hold.
 *
 * @param from only records that last failed at or after this time
 * @param to only records that last failed before this time
 * @param eventType only this CloudEvents type, e.g. {@code earlybird.delivery.scheduled}
 * @param errorClass only this failure class, e.g. {@code ProviderTransient} (see
 * {@link FailureClass})
 * @param eventId only this event
 */
public record ReplayFilter(@Nullable Instant from, @Nullable Instant to, @Nullable String eventType,
		@Nullable String errorClass, @Nullable String eventId) {

	/** Matches every record. */
	public static final ReplayFilter ALL = new ReplayFilter(null, null, null, null, null);

	boolean matches(DeadLetter deadLetter) {
		Instant failedAt = deadLetter.lastFailureAt();
		return (this.from == null || (failedAt != null && !failedAt.isBefore(this.from)))
				&& (this.to == null || (failedAt != null && failedAt.isBefore(this.to)))
				&& (this.eventType == null || this.eventType.equals(deadLetter.eventType()))
				&& (this.errorClass == null || this.errorClass.equals(deadLetter.errorClass()))
				&& (this.eventId == null || this.eventId.equals(deadLetter.eventId()));
	}

}
