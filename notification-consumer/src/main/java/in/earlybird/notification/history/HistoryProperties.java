package in.earlybird.notification.history;

import java.time.Duration;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * How long delivery reports that match no notification are kept, and how often they are
 * tried again.
 *
 * @param unmatchedReportTtl how long a report for an unknown provider message id is kept
 * for reconciliation before MongoDB drops it
 * @param reconcileInterval how often kept reports are tried against history again
 * @param reconcileBatch how many kept reports one reconciliation run tries at most
 */
@Validated
@ConfigurationProperties("notification.history")
public record HistoryProperties(@DefaultValue("7d") @NotNull Duration unmatchedReportTtl,
		@DefaultValue("30s") @NotNull Duration reconcileInterval,
		@DefaultValue("500") @Min(1) @Max(10_000) int reconcileBatch) {
}
