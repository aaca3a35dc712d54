package in.earlybird.notification.harness;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The service's built jar, started as a JVM of its own: what the benchmark, the
 * fault-injection suite and the command tests run, so that they measure and break the
 * real artifact with the full JIT, not a test context.
 *
 * <p>
 * Tests that use it are named {@code *ProcessTests}; Failsafe runs them after
 * {@code package} and tells them where the jar is ({@code service.jar}).
 */
public final class ServiceJar {

	/**
	 * The memory limit of a pod in {@code deploy/kubernetes/base}, as a JVM size: the
	 * harness gives every service instance it starts this much "machine".
	 */
	public static final String POD_MEMORY_LIMIT = "1g";

	private static final Pattern TOOL_OPTIONS = Pattern.compile("^ENV\\s+JAVA_TOOL_OPTIONS=\"([^\"]*)\"\\s*$",
			Pattern.MULTILINE);

	private final List<String> arguments = new ArrayList<>();

	private final List<String> jvmOptions = new ArrayList<>();

	private final Map<String, String> environment = new LinkedHashMap<>();

	private boolean inheritEnvironment = true;

	private Path log;

	private ServiceJar(List<String> arguments) {
		this.arguments.addAll(arguments);
		this.log = logDirectory().resolve("service-" + System.nanoTime() + ".log");
	}

	/**
	 * Starts describing a run of the jar.
	 * @param arguments the program's arguments, e.g. {@code replay --list}
	 * @return a description to complete
	 */
	public static ServiceJar command(String... arguments) {
		return new ServiceJar(List.of(arguments));
	}

	/**
	 * Returns the jar: the {@code service.jar} system property (set by Failsafe), else
	 * the newest {@code notification-consumer-*.jar} under {@code target/}.
	 * @return the jar's path
	 * @throws IllegalStateException if it has not been built
	 */
	public static Path path() {
		String configured = System.getProperty("service.jar");
		if (configured != null && !configured.isBlank() && Files.isRegularFile(Paths.get(configured))) {
			return Paths.get(configured);
		}
		Path target = moduleDirectory().resolve("target");
		try (Stream<Path> files = Files.list(target)) {
			return files
				.filter((file) -> file.getFileName().toString().matches("notification-consumer-.*\\.jar")
						&& !file.getFileName().toString().endsWith("-plain.jar"))
				.max((a, b) -> Long.compare(a.toFile().lastModified(), b.toFile().lastModified()))
				.orElseThrow(ServiceJar::notBuilt);
		}
		catch (IOException ex) {
			throw notBuilt();
		}
	}

	private static IllegalStateException notBuilt() {
		return new IllegalStateException("The service jar is not built: run ./mvnw -pl notification-consumer -am "
				+ "package -DskipTests first (Failsafe does this for *ProcessTests)");
	}

	/**
	 * Sets an environment variable of the process.
	 * @param name the variable
	 * @param value its value
	 * @return this
	 */
	public ServiceJar env(String name, Object value) {
		this.environment.put(name, String.valueOf(value));
		return this;
	}

	/**
	 * Sets environment variables of the process.
	 * @param variables the variables
	 * @return this
	 */
	public ServiceJar env(Map<String, ?> variables) {
		variables.forEach(this::env);
		return this;
	}

	/**
	 * Starts the process with only the variables given here, not this JVM's environment,
	 * so that what a developer or CI machine happens to export (a
	 * {@code SPRING_KAFKA_BOOTSTRAP_SERVERS}, say) cannot change what is tested.
	 * @return this
	 */
	public ServiceJar withoutInheritedEnvironment() {
		this.inheritEnvironment = false;
		return this;
	}

	/**
	 * Adds a JVM option, e.g. {@code -Xmx256m}.
	 * @param option the option
	 * @return this
	 */
	public ServiceJar jvmOption(String option) {
		this.jvmOptions.add(option);
		return this;
	}

	/**
	 * Sets where the process's output goes (stdout and stderr together).
	 * @param log the file
	 * @return this
	 */
	public ServiceJar log(Path log) {
		this.log = log;
		return this;
	}

	/**
	 * Starts the process.
	 * @return the running process
	 */
	public JvmProcess start() {
		List<String> command = new ArrayList<>();
		command.add(javaExecutable());
		command.addAll(this.jvmOptions);
		command.add("-jar");
		command.add(path().toString());
		command.addAll(this.arguments);
		return JvmProcess.start(command, this.environment, this.inheritEnvironment, this.log);
	}

	/**
	 * Runs the process to its end.
	 * @param timeout how long it may take
	 * @return its exit code and output
	 */
	public JvmProcess.Finished run(Duration timeout) {
		try (JvmProcess process = start()) {
			return process.awaitExit(timeout);
		}
	}

	/**
	 * Returns the options a pod's JVM runs with: the Dockerfile's
	 * {@code JAVA_TOOL_OPTIONS} (heap as a share of the container's memory, the
	 * collector), with the pod's memory limit as the JVM's idea of the machine's memory.
	 * The benchmark then measures the heap and the collector that are deployed, not the
	 * JVM's defaults on this machine (a quarter of its memory, and whatever collector its
	 * ergonomics pick).
	 * @return the options, before any a test adds
	 */
	public static List<String> podJvmOptions() {
		Path dockerfile = moduleDirectory().resolve("Dockerfile");
		try {
			Matcher options = TOOL_OPTIONS.matcher(Files.readString(dockerfile));
			if (!options.find()) {
				throw new IllegalStateException("No ENV JAVA_TOOL_OPTIONS=\"...\" line in " + dockerfile);
			}
			List<String> pod = new ArrayList<>(List.of(options.group(1).trim().split("\\s+")));
			pod.add("-XX:MaxRAM=" + POD_MEMORY_LIMIT);
			return pod;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Returns the java launcher of the running JVM, so the jar runs on the same JDK.
	 * @return the path of {@code java}
	 */
	static String javaExecutable() {
		return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
	}

	/**
	 * Returns the {@code notification-consumer} module directory, whether the tests run
	 * from it or from the repository root.
	 * @return the directory
	 */
	public static Path moduleDirectory() {
		Path here = Paths.get("").toAbsolutePath();
		if (Files.isDirectory(here.resolve("notification-consumer"))) {
			return here.resolve("notification-consumer");
		}
		return here;
	}

	/**
	 * Returns where process logs go: {@code target/harness}.
	 * @return the directory, created if needed
	 */
	public static Path logDirectory() {
		Path directory = moduleDirectory().resolve("target").resolve("harness");
		try {
			return Files.createDirectories(directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
