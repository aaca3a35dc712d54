package in.earlybird.notification.history;

/** What a provider status report did to history. */
public enum ProviderStatusResult {

	/** The notification moved forward to the reported status. */
	UPDATED,

	/**
	 * The notification is already at or past the reported status (a duplicate or an
	 * out-of-order report); nothing moved backwards.
	 */
	STALE,

	/**
	 * No notification has that provider message id (yet); the report is kept and applied
	 * when one does.
	 */
	UNMATCHED

}
