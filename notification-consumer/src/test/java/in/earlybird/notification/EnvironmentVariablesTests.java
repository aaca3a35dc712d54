package in.earlybird.notification;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import in.earlybird.notification.retry.RetryProperties;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every {@code notification.*} property can be set by an environment variable, by the
 * rule the README states (upper case, {@code .} to {@code _}, {@code -} dropped), and
 * every variable the README's configuration tables name sets the property in its row,
 * through that rule or an alias in {@code application.yaml}.
 */
class EnvironmentVariablesTests {

	private static final Path README = DeploymentFiles.repositoryRoot().resolve("README.md");

	private static final Pattern CODE = Pattern.compile("`([^`]+)`");

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z0-9_]+)");

	@Test
	void setsNotificationRetryDelayFromItsVariableOverApplicationYaml() {
		Binder withVariable = Binder.get(environment(Map.of("NOTIFICATION_RETRY_DELAY", "7m")));
		Binder without = Binder.get(environment(Map.of()));

		assertThat(withVariable.bind("notification.retry", RetryProperties.class).get().delay())
			.isEqualTo(Duration.ofMinutes(7));
		assertThat(without.bind("notification.retry", RetryProperties.class).get().delay())
			.isEqualTo(Duration.ofMinutes(5));
	}

	@Test
	void setsEveryNotificationPropertyFromTheVariableTheReadmesRuleNames() {
		List<String> properties = notificationProperties();
		assertThat(properties).contains("notification.retry.delay", "notification.delivery.retry.initial-backoff",
				"notification.security.rate-limit.capacity");
		for (String property : properties) {
			String variable = property.toUpperCase(Locale.ROOT).replace('.', '_').replace("-", "");
			assertThat(relaxed(variable, property)).as("%s <- %s", property, variable).isTrue();
		}
		assertThat(DeploymentFiles.read(README)).contains("`notification.retry.delay` ← `NOTIFICATION_RETRY_DELAY`");
	}

	@Test
	void namesAWorkingVariableForEveryPropertyInTheReadmesTables() {
		List<String> notificationProperties = notificationProperties();
		Map<String, String> aliases = aliases();
		int checked = 0;
		for (String[] row : readmeRows()) {
			List<String> properties = expand(codes(row[0]), '.');
			List<String> variables = expand(codes(row[1]), '_');
			if (properties.stream().anyMatch((property) -> property.contains("*"))) {
				continue;
			}
			boolean ours = properties.stream().anyMatch((property) -> property.startsWith("notification."));
			if (ours) {
				assertThat(variables).as("the variables of %s", properties).hasSameSizeAs(properties);
				assertThat(notificationProperties).as("properties the service binds").containsAll(properties);
			}
			for (int i = 0; i < Math.min(properties.size(), variables.size()); i++) {
				String property = properties.get(i);
				String variable = variables.get(i);
				assertThat(property.equals(aliases.get(variable)) || relaxed(variable, property))
					.as("%s sets %s", variable, property)
					.isTrue();
				checked++;
			}
		}
		assertThat(checked).isGreaterThan(30);
	}

	/** Whether Spring Boot's relaxed binding reads a property from a variable. */
	private static boolean relaxed(String variable, String property) {
		// Named as the real one: Spring Boot maps variable names only in that source.
		ConfigurationPropertySource source = ConfigurationPropertySource.from(new SystemEnvironmentPropertySource(
				StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, Map.of(variable, "set")));
		return source != null && source.getConfigurationProperty(ConfigurationPropertyName.of(property)) != null;
	}

	/** The service's {@code application.yaml} under an environment of our choosing. */
	private static StandardEnvironment environment(Map<String, Object> variables) {
		StandardEnvironment environment = new StandardEnvironment();
		MutablePropertySources sources = environment.getPropertySources();
		sources.remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
		sources.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
				new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
						variables));
		applicationYaml().forEach(sources::addLast);
		ConfigurationPropertySources.attach(environment);
		return environment;
	}

	private static List<PropertySource<?>> applicationYaml() {
		try {
			return new YamlPropertySourceLoader().load("application.yaml", new ClassPathResource("application.yaml"));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * {@code application.yaml}'s own names: {@code ${MYOPERATOR_BASE_URL:…}} and so on.
	 */
	private static Map<String, String> aliases() {
		Map<String, String> aliases = new LinkedHashMap<>();
		for (PropertySource<?> source : applicationYaml()) {
			for (String name : ((EnumerablePropertySource<?>) source).getPropertyNames()) {
				Matcher placeholder = PLACEHOLDER.matcher(String.valueOf(source.getProperty(name)));
				if (placeholder.find()) {
					aliases.put(placeholder.group(1), name);
				}
			}
		}
		return aliases;
	}

	/** Every leaf property of the service's {@code notification.*} records. */
	private static List<String> notificationProperties() {
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
		scanner.addIncludeFilter(new AnnotationTypeFilter(ConfigurationProperties.class));
		List<String> properties = new ArrayList<>();
		for (BeanDefinition candidate : scanner.findCandidateComponents("in.earlybird.notification")) {
			Class<?> type = ClassUtils.resolveClassName(candidate.getBeanClassName(), null);
			ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
			String prefix = annotation.prefix().isEmpty() ? annotation.value() : annotation.prefix();
			if (prefix.equals("notification") || prefix.startsWith("notification.")) {
				collect(prefix, type, properties);
			}
		}
		return properties;
	}

	private static void collect(String prefix, Class<?> type, List<String> properties) {
		for (RecordComponent component : type.getRecordComponents()) {
			String name = prefix + "."
					+ component.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
			if (component.getType().isRecord()) {
				collect(name, component.getType(), properties);
			}
			else {
				properties.add(name);
			}
		}
	}

	/** The property and variable cells of the README's configuration tables. */
	private static List<String[]> readmeRows() {
		List<String[]> rows = new ArrayList<>();
		int property = -1;
		int variable = -1;
		for (String line : DeploymentFiles.read(README).lines().toList()) {
			if (!line.startsWith("|")) {
				property = -1;
				continue;
			}
			List<String> cells = List.of(line.substring(1).split("\\|", -1));
			if (property < 0) {
				property = indexOf(cells, "property");
				variable = indexOf(cells, "environment");
				if (variable < 0) {
					property = -1;
				}
				continue;
			}
			if (!cells.get(property).contains("---")) {
				rows.add(new String[] { cells.get(property), cells.get(variable) });
			}
		}
		return rows;
	}

	private static int indexOf(List<String> cells, String heading) {
		for (int i = 0; i < cells.size(); i++) {
			if (cells.get(i).trim().startsWith(heading)) {
				return i;
			}
		}
		return -1;
	}

	private static List<String> codes(String cell) {
		List<String> codes = new ArrayList<>();
		Matcher code = CODE.matcher(cell);
		while (code.find()) {
			codes.add(code.group(1));
		}
		return codes;
	}

	/**
	 * Expands a cell's short forms: {@code a.b.c} / {@code d} / {@code .e} are
	 * {@code a.b.c}, {@code a.b.d}, {@code a.b.e}; {@code A_B} / {@code _C} are
	 * {@code A_B}, {@code A_C}.
	 */
	private static List<String> expand(List<String> codes, char separator) {
		List<String> expanded = new ArrayList<>();
		for (String code : codes) {
			if (expanded.isEmpty()) {
				expanded.add(code);
				continue;
			}
			String first = expanded.get(0);
			String parent = first.substring(0, first.lastIndexOf(separator) + 1);
			expanded.add((code.charAt(0) == separator) ? parent + code.substring(1)
					: (separator == '.') ? parent + code : code);
		}
		return expanded;
	}

}
