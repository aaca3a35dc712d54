package in.earlybird.notification.templates;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the template catalog ({@code notification.templates.*}).
 *
 * @param refreshInterval how often to look for templates edited through another replica
 * (only versions are read unless one changed); {@code 0} turns the check off
 * @param seed whether to insert the shipped definition of every template missing from
 * MongoDB at start-up
 */
@ConfigurationProperties("notification.templates")
record TemplateProperties(@DefaultValue("30s") Duration refreshInterval, @DefaultValue("true") boolean seed) {

	/** The settings when none are configured. */
	static final TemplateProperties DEFAULTS = new TemplateProperties(Duration.ofSeconds(30), true);

	TemplateProperties {
		if (refreshInterval.isNegative()) {
			throw new IllegalArgumentException("notification.templates.refresh-interval must not be negative");
		}
	}

}
