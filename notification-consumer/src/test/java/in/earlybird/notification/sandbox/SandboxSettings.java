package in.earlybird.notification.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link MyOperatorSandbox} listens on and which credentials, phone number and
 * templates it accepts.
 *
 * @param host the address to bind, loopback by default
 * @param port the port, or 0 for any free one
 * @param apiKey the only API key accepted
 * @param companyId the only {@code X-MYOP-COMPANY-ID} accepted
 * @param phoneNumberId the only {@code phone_number_id} accepted
 * @param wabaId the WhatsApp business account id that {@code GET /chat/templates} knows
 * @param templates the approved templates; when empty, any template name is accepted
 * @param maxRecordedMessages how many accepted messages to keep in full (oldest dropped
 * first); counts by {@code myop_ref_id} are always complete
 */
public record SandboxSettings(String host, int port, String apiKey, String companyId, String phoneNumberId,
		String wabaId, List<Template> templates, int maxRecordedMessages) {

	/** The API key of {@link #defaults()}. */
	public static final String DEFAULT_API_KEY = "sandbox-api-key";

	/** The company id of {@link #defaults()}. */
	public static final String DEFAULT_COMPANY_ID = "sandbox-company";

	/** The phone number id of {@link #defaults()}. */
	public static final String DEFAULT_PHONE_NUMBER_ID = "sandbox-phone-number-id";

	/** The WABA id of {@link #defaults()}. */
	public static final String DEFAULT_WABA_ID = "sandbox-waba";

	public SandboxSettings {
		Objects.requireNonNull(host, "host");
		Objects.requireNonNull(apiKey, "apiKey");
		Objects.requireNonNull(companyId, "companyId");
		Objects.requireNonNull(phoneNumberId, "phoneNumberId");
		Objects.requireNonNull(wabaId, "wabaId");
		templates = List.copyOf(templates);
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException("port must be 0 to 65535, not " + port);
		}
		if (maxRecordedMessages < 0) {
			throw new IllegalArgumentException("maxRecordedMessages must not be negative");
		}
	}

	/**
	 * Settings on a random loopback port with the default credentials and no template
	 * registry.
	 * @return the settings
	 */
	public static SandboxSettings defaults() {
		return new SandboxSettings("127.0.0.1", 0, DEFAULT_API_KEY, DEFAULT_COMPANY_ID, DEFAULT_PHONE_NUMBER_ID,
				DEFAULT_WABA_ID, List.of(), 100_000);
	}

	/**
	 * Settings with the given port and credentials.
	 * @param port the port, or 0 for any free one
	 * @param apiKey the API key to accept
	 * @param companyId the company id to accept
	 * @param phoneNumberId the phone number id to accept
	 * @return the settings
	 */
	public static SandboxSettings of(int port, String apiKey, String companyId, String phoneNumberId) {
		SandboxSettings defaults = defaults();
		return new SandboxSettings(defaults.host, port, apiKey, companyId, phoneNumberId, defaults.wabaId,
				defaults.templates, defaults.maxRecordedMessages);
	}

	public SandboxSettings withHost(String host) {
		return new SandboxSettings(host, this.port, this.apiKey, this.companyId, this.phoneNumberId, this.wabaId,
				this.templates, this.maxRecordedMessages);
	}

	public SandboxSettings withPort(int port) {
		return new SandboxSettings(this.host, port, this.apiKey, this.companyId, this.phoneNumberId, this.wabaId,
				this.templates, this.maxRecordedMessages);
	}

	public SandboxSettings withWabaId(String wabaId) {
		return new SandboxSettings(this.host, this.port, this.apiKey, this.companyId, this.phoneNumberId, wabaId,
				this.templates, this.maxRecordedMessages);
	}

	public SandboxSettings withMaxRecordedMessages(int maxRecordedMessages) {
		return new SandboxSettings(this.host, this.port, this.apiKey, this.companyId, this.phoneNumberId, this.wabaId,
				this.templates, maxRecordedMessages);
	}

	/**
	 * Adds an approved template; once any is added, sends of other templates, or with the
	 * wrong number of parameters, are refused as Meta would (132001, 132000).
	 * @param name the template name
	 * @param language its language code
	 * @param parameterCount how many body parameters it takes
	 * @return the settings
	 */
	public SandboxSettings withTemplate(String name, String language, int parameterCount) {
		List<Template> all = new ArrayList<>(this.templates);
		all.add(new Template(name, language, parameterCount, "UTILITY"));
		return new SandboxSettings(this.host, this.port, this.apiKey, this.companyId, this.phoneNumberId, this.wabaId,
				all, this.maxRecordedMessages);
	}

	/**
	 * An approved template the sandbox knows.
	 *
	 * @param name the template name
	 * @param language its language code
	 * @param parameterCount how many body parameters it takes
	 * @param category its category, e.g. {@code UTILITY}
	 */
	public record Template(String name, String language, int parameterCount, String category) {

		public Template {
			Objects.requireNonNull(name, "name");
			Objects.requireNonNull(language, "language");
			Objects.requireNonNull(category, "category");
			if (parameterCount < 0) {
				throw new IllegalArgumentException("parameterCount must not be negative");
			}
		}

		/**
		 * A body text with one placeholder per parameter, as the template list shows it.
		 * @return e.g. <code>delivery_reminder: {{1}} {{2}}</code>
		 */
		public String bodyText() {
			StringBuilder text = new StringBuilder(this.name).append(':');
			for (int i = 1; i <= this.parameterCount; i++) {
				text.append(" {{").append(i).append("}}");
			}
			return text.toString();
		}

	}

}
