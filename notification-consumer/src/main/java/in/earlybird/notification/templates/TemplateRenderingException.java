package in.earlybird.notification.templates;

/**
 * Thrown when an event cannot be rendered into its template. A permanent failure:
 * rendering the same event again fails the same way. The message names the template,
 * language, version and the parameter or body that failed, never the phone number.
 */
public class TemplateRenderingException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final TemplateType type;

	private final String language;

	private final String part;

	TemplateRenderingException(TemplateType type, String language, int version, String part, String problem) {
		super("Template " + type.key() + " (" + language + ", version " + version + "): " + part + " " + problem);
		this.type = type;
		this.language = language;
		this.part = part;
	}

	/**
	 * Returns the template that failed.
	 * @return the template
	 */
	public TemplateType type() {
		return this.type;
	}

	/**
	 * Returns the language of the translation that failed.
	 * @return the language code
	 */
	public String language() {
		return this.language;
	}

	/**
	 * Returns the part that failed: {@code body} or a parameter such as {@code {{2}}}.
	 * @return the failed part
	 */
	public String part() {
		return this.part;
	}

}
