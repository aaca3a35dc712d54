package in.earlybird.notification.history;

/** Which existing states a new attempt may take a notification over from. */
public enum ClaimMode {

	/**
	 * A first delivery or a redelivery of the event, or its retry from the delay topic:
	 * only a notification that is new or queued may be attempted.
	 */
	NORMAL,

	/**
	 * An SRE replayed the event from the dead-letter topic: a notification that ended
	 * dead-lettered may be attempted again, with a fresh retry budget.
	 */
	REPLAY

}
