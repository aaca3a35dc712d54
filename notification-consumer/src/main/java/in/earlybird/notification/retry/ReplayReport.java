package in.earlybird.notification.retry;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a replay did, or in a dry run would do.
 *
 * @param replayId the replay's id, also put on every replayed record
 * @param requestedBy who asked
 * @param at when
 * @param dryRun whether nothing was actually moved
 * @param filter the filter used
 * @param scanned how many dead-lettered records were read
 * @param matched how many matched the filter
 * @param replayed how many were published back to their original topic
 * @param refused how many matched but could not go back: too large for their topic with
 * the replay's headers, or their whole value is no longer kept
 * @param byReason matched records counted by failure class and code
 * @param records the matched records (at most the first 100)
 */
public record ReplayReport(String replayId, String requestedBy, Instant at, boolean dryRun, ReplayFilter filter,
		int scanned, int matched, int replayed, int refused, Map<String, Integer> byReason, List<DeadLetter> records) {
}
