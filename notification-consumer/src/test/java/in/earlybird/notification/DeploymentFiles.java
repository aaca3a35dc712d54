package in.earlybird.notification;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import tools.jackson.databind.json.JsonMapper;

/**
 * Finds the repository and reads its deployment files (YAML, JSON, env files, Markdown)
 * as plain maps and lists, for {@link DeploymentManifestsTests}.
 *
 * <p>
 * YAML is read with SnakeYAML and JSON with Jackson, the parsers the application itself
 * ships with. Neither is declared as a test dependency on purpose: a test-scoped
 * declaration would override their compile scope and drop them from the application.
 */
final class DeploymentFiles {

	private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+?)\\s*#*\\s*$");

	private static final Pattern HTML_ANCHOR = Pattern.compile("<a\\s+(?:id|name)=\"([^\"]+)\"");

	private static final Pattern ENV_LINE = Pattern.compile("^\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*=(.*)$");

	private DeploymentFiles() {
	}

	/**
	 * Returns the repository root: the nearest directory, from the working directory up,
	 * that holds the parent {@code pom.xml} and the {@code notification-consumer} module.
	 * Maven runs the tests in {@code notification-consumer/}, an IDE often in the root.
	 * @return the root
	 */
	static Path repositoryRoot() {
		Path start = Path.of("").toAbsolutePath().normalize();
		for (Path dir = start; dir != null; dir = dir.getParent()) {
			if (Files.isRegularFile(dir.resolve("pom.xml"))
					&& Files.isRegularFile(dir.resolve("notification-consumer/pom.xml"))) {
				return dir;
			}
		}
		throw new IllegalStateException("No repository root (pom.xml beside notification-consumer/) above " + start);
	}

	static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Reads every document of a YAML file, skipping empty ones.
	 * @param file the file
	 * @return its documents
	 */
	static List<Map<String, Object>> yamlDocuments(Path file) {
		Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
		List<Map<String, Object>> documents = new ArrayList<>();
		try (Reader reader = Files.newBufferedReader(file)) {
			for (Object document : yaml.loadAll(reader)) {
				if (document != null) {
					documents.add(map(document));
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return documents;
	}

	/**
	 * Reads a single-document YAML file.
	 * @param file the file
	 * @return the document
	 */
	static Map<String, Object> yaml(Path file) {
		List<Map<String, Object>> documents = yamlDocuments(file);
		if (documents.size() != 1) {
			throw new IllegalStateException(file + " holds " + documents.size() + " YAML documents, not 1");
		}
		return documents.get(0);
	}

	static Map<String, Object> json(Path file) {
		return map(JsonMapper.builder().build().readValue(read(file), Map.class));
	}

	/**
	 * Reads {@code NAME=value} lines, as Docker Compose and Kustomize do, ignoring
	 * comments and blank lines.
	 * @param file the file
	 * @return the values by name, in file order
	 */
	static Map<String, String> envFile(Path file) {
		Map<String, String> values = new LinkedHashMap<>();
		for (String line : read(file).split("\\R")) {
			if (line.isBlank() || line.strip().startsWith("#")) {
				continue;
			}
			Matcher matcher = ENV_LINE.matcher(line);
			if (!matcher.matches()) {
				throw new IllegalStateException(file + " has a line that is not NAME=value: " + line);
			}
			values.put(matcher.group(1), matcher.group(2).strip());
		}
		return values;
	}

	/**
	 * Returns the anchors a Markdown file offers: GitHub's slug of every heading outside
	 * code blocks, and explicit {@code <a id="…">} anchors.
	 * @param file the file
	 * @return the anchors
	 */
	static Set<String> markdownAnchors(Path file) {
		Set<String> anchors = new LinkedHashSet<>();
		boolean inCode = false;
		for (String line : read(file).split("\\R")) {
			if (line.strip().startsWith("```")) {
				inCode = !inCode;
				continue;
			}
			if (inCode) {
				continue;
			}
			Matcher heading = HEADING.matcher(line);
			if (heading.matches()) {
				anchors.add(slug(heading.group(1)));
			}
			Matcher anchor = HTML_ANCHOR.matcher(line);
			while (anchor.find()) {
				anchors.add(anchor.group(1));
			}
		}
		return anchors;
	}

	/**
	 * GitHub's heading anchor: lower case, punctuation dropped, spaces made hyphens.
	 * @param heading the heading text
	 * @return its anchor
	 */
	static String slug(String heading) {
		String text = heading.replaceAll("\\[([^\\]]*)\\]\\([^)]*\\)", "$1");
		return text.strip().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
	}

	@SuppressWarnings("unchecked")
	static Map<String, Object> map(Object value) {
		if (value == null) {
			return Map.of();
		}
		if (!(value instanceof Map<?, ?>)) {
			throw new IllegalStateException("Expected a mapping but found " + value);
		}
		return (Map<String, Object>) value;
	}

	@SuppressWarnings("unchecked")
	static List<Object> list(Object value) {
		if (value == null) {
			return List.of();
		}
		if (!(value instanceof List<?>)) {
			throw new IllegalStateException("Expected a list but found " + value);
		}
		return (List<Object>) value;
	}

	static List<Map<String, Object>> maps(Object value) {
		return list(value).stream().map(DeploymentFiles::map).toList();
	}

	/**
	 * Follows a path of keys through nested mappings.
	 * @param root the mapping to start from
	 * @param keys the keys
	 * @return the value, or {@code null} if any step is missing
	 */
	static Object at(Map<String, Object> root, String... keys) {
		Object current = root;
		for (String key : keys) {
			if (!(current instanceof Map<?, ?> map)) {
				return null;
			}
			current = map.get(key);
		}
		return current;
	}

	static String string(Map<String, Object> root, String... keys) {
		Object value = at(root, keys);
		return (value != null) ? value.toString() : null;
	}

}
