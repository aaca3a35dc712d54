package in.earlybird.events;

/**
 * Names from the CloudEvents 1.0 Kafka protocol binding that publishers and the consumer
 * share.
 */
public final class CloudEvents {

	/** The only CloudEvents version the contract accepts. */
	public static final String SPEC_VERSION = "1.0";

	/** Content type of a structured-mode record: the whole envelope as JSON. */
	public static final String STRUCTURED_CONTENT_TYPE = "application/cloudevents+json";

	/** Content type of the data in binary mode. */
	public static final String JSON = "application/json";

	/** Kafka header carrying the content type in both modes. */
	public static final String CONTENT_TYPE_HEADER = "content-type";

	/** Prefix of the binary-mode attribute headers. */
	public static final String HEADER_PREFIX = "ce_";

	/** Binary-mode header for {@code specversion}. */
	public static final String SPEC_VERSION_HEADER = "ce_specversion";

	/** Binary-mode header for {@code id}. */
	public static final String ID_HEADER = "ce_id";

	/** Binary-mode header for {@code source}. */
	public static final String SOURCE_HEADER = "ce_source";

	/** Binary-mode header for {@code type}. */
	public static final String TYPE_HEADER = "ce_type";

	/** Binary-mode header for {@code time}. */
	public static final String TIME_HEADER = "ce_time";

	/** Binary-mode header for {@code subject}. */
	public static final String SUBJECT_HEADER = "ce_subject";

	/** Binary-mode header for {@code dataschema}. */
	public static final String DATA_SCHEMA_HEADER = "ce_dataschema";

	private CloudEvents() {
	}

}
