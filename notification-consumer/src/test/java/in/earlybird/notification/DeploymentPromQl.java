package in.earlybird.notification;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the metric names a PromQL expression (or a Grafana variable query) reads, so that
 * alerts and dashboards can be checked against the metrics the service exports. A lexical
 * pass, not a parser: it drops strings, label matchers, ranges, grouping lists, Grafana
 * variables, functions and keywords, and what is left are metric names.
 */
final class DeploymentPromQl {

	private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "by", "without", "on", "ignoring",
			"group_left", "group_right", "offset", "bool", "inf", "nan");

	private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.:])([A-Za-z_:][A-Za-z0-9_:]*)(\\s*\\()?");

	private static final Pattern LABEL_VALUES = Pattern.compile("^\\s*label_values\\((.*)\\)\\s*$", Pattern.DOTALL);

	private DeploymentPromQl() {
	}

	/**
	 * Returns the metric names an expression reads.
	 * @param expression a PromQL expression, possibly with Grafana variables
	 * @return the metric names, in order of appearance
	 */
	static Set<String> metricNames(String expression) {
		String text = expression;
		text = text.replaceAll("\"(?:[^\"\\\\]|\\\\.)*\"", "\"\"");
		text = text.replaceAll("'(?:[^'\\\\]|\\\\.)*'", "''");
		text = text.replaceAll("`[^`]*`", "``");
		text = text.replaceAll("\\{[^}]*}", "{}");
		text = text.replaceAll("\\[[^\\]]*]", "[]");
		text = text.replaceAll("\\$\\{[^}]*}|\\$\\w+", " ");
		text = text.replaceAll("(?i)\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ");
		Set<String> names = new LinkedHashSet<>();
		Matcher matcher = IDENTIFIER.matcher(text);
		while (matcher.find()) {
			String name = matcher.group(1);
			boolean function = matcher.group(2) != null;
			if (!function && !KEYWORDS.contains(name.toLowerCase(Locale.ROOT))) {
				names.add(name);
			}
		}
		return names;
	}

	/**
	 * Returns the metric names a Grafana Prometheus variable query reads:
	 * {@code label_values(metric_or_selector, label)}, {@code label_values(label)}, or a
	 * plain PromQL query.
	 * @param query the variable's query
	 * @return the metric names
	 */
	static Set<String> variableQueryMetricNames(String query) {
		Matcher labelValues = LABEL_VALUES.matcher(query);
		if (!labelValues.matches()) {
			return metricNames(query);
		}
		String arguments = labelValues.group(1);
		int lastComma = arguments.lastIndexOf(',');
		return (lastComma < 0) ? Set.of() : metricNames(arguments.substring(0, lastComma));
	}

}
