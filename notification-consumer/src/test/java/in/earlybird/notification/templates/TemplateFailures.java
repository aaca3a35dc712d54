package in.earlybird.notification.templates;

/** Rendering failures as the template engine reports them, for tests of its callers. */
public final class TemplateFailures {

	private TemplateFailures() {
	}

	/**
	 * A parameter that rendered blank.
	 * @param type the template
	 * @return the failure
	 */
	public static TemplateRenderingException blankParameter(TemplateType type) {
		return new TemplateRenderingException(type, "en", 1, "{{2}}", "rendered blank");
	}

}
