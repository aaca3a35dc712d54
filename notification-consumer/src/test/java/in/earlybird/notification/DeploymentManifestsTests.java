package in.earlybird.notification;

import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import in.earlybird.notification.harness.ServiceJar;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static in.earlybird.notification.DeploymentFiles.at;
import static in.earlybird.notification.DeploymentFiles.list;
import static in.earlybird.notification.DeploymentFiles.map;
import static in.earlybird.notification.DeploymentFiles.maps;
import static in.earlybird.notification.DeploymentFiles.string;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks the deployment material without Docker or a cluster: the compose file, the
 * Dockerfile, the Kubernetes manifests, the alert rules and the Grafana dashboard.
 */
class DeploymentManifestsTests {

	/**
	 * The metrics (as Prometheus names them) that the service exports and that alerts and
	 * dashboards may therefore use. Add a name here when the service starts exporting it.
	 */
	static final Set<String> EXPORTED_METRICS = Set.of(
			// notification-consumer's own
			"notification_outcomes_total", "notification_provider_latency_seconds_bucket",
			"notification_provider_latency_seconds_count", "notification_provider_latency_seconds_sum",
			"notification_provider_throttled_total", "notification_provider_retries_total",
			"notification_retries_scheduled_total", "notification_dead_lettered_total",
			"notification_template_render_seconds_count", "notification_template_render_seconds_sum",
			"notification_webhook_updates_total", "notification_webhook_last_received_seconds",
			"notification_daily_recipients_used", "notification_daily_recipients_limit", "notification_provider_rate",
			"notification_intake_in_flight", "notification_in_doubt_swept_total",
			// Micrometer's Kafka client, MongoDB driver, HTTP server, JVM and process
			// metrics
			"kafka_consumer_fetch_manager_records_lag", "kafka_consumer_fetch_manager_records_lag_max",
			"mongodb_driver_commands_seconds_count", "mongodb_driver_commands_seconds_sum", "mongodb_driver_pool_size",
			"http_server_requests_seconds_count", "jvm_memory_used_bytes", "process_cpu_usage");

	static final List<String> DOMAIN_TOPICS = List.of("earlybird.orders", "earlybird.billing",
			"earlybird.subscriptions", "earlybird.deliveries", "earlybird.customers", "earlybird.catalog");

	static final String RETRY_TOPIC = "notifications.retry";

	static final String DEAD_LETTER_TOPIC = "notifications.dlt";

	/** Partitions of every topic, and so the most consumers that can share the work. */
	static final int PARTITIONS = 6;

	/** MyOperator's default account limit, messages per second. */
	static final double ACCOUNT_RATE_LIMIT = 80;

	static final String SECRET_NAME = "notification-consumer-secrets";

	static final Set<String> SECRET_KEYS = Set.of("MYOPERATOR_API_KEY", "MYOPERATOR_COMPANY_ID",
			"MYOPERATOR_PHONE_NUMBER_ID", "NOTIFICATION_JWT_SECRET", "NOTIFICATION_WEBHOOK_API_KEY");

	static final Path ROOT = DeploymentFiles.repositoryRoot();

	static final Path DEPLOY = ROOT.resolve("deploy");

	static final Path README = DEPLOY.resolve("README.md");

	@Test
	void metricNamesAreFoundPastFunctionsLabelsRangesAndVariables() {
		assertThat(DeploymentPromQl.metricNames(
				"histogram_quantile(0.99, sum by (le) (rate(a_bucket{instance=~\"$instance\", x=\"y(z)\"}[$__rate_interval])))"))
			.containsExactly("a_bucket");
		assertThat(DeploymentPromQl.metricNames(
				"sum by (reason) (b_total unless b_total offset 15m) > 1e3 and on () (time() - max(c_seconds)) > 1800"))
			.containsExactly("b_total", "c_seconds");
		assertThat(DeploymentPromQl.metricNames("d{topic=~\"earlybird\\\\..+\"} / ignoring(x) group_left e"))
			.containsExactly("d", "e");
		assertThat(DeploymentPromQl.variableQueryMetricNames("label_values(f_count{job=\"a,b\"}, instance)"))
			.containsExactly("f_count");
		assertThat(DeploymentPromQl.variableQueryMetricNames("label_values(instance)")).isEmpty();
	}

	@Test
	void repositoryRootIsFoundFromTheModuleDirectory() {
		assertThat(ROOT.resolve("notification-consumer/pom.xml")).isRegularFile();
		assertThat(ROOT.resolve("docker-compose.yml")).isRegularFile();
	}

	@Test
	void linksToTheOperationsReadmeNameSectionsThatExist() {
		Set<String> anchors = DeploymentFiles.markdownAnchors(README);
		Map<String, String> sources = new LinkedHashMap<>();
		for (String file : List.of("docker-compose.yml", ".env.example", "notification-consumer/Dockerfile",
				"deploy/README.md", "deploy/grafana/dashboards/notifications.json",
				"deploy/kubernetes/base/kustomization.yaml", "deploy/kubernetes/overlays/example/kustomization.yaml")) {
			sources.put(file, DeploymentFiles.read(ROOT.resolve(file)));
		}
		sources.forEach((file, text) -> {
			Pattern link = file.equals("deploy/README.md") ? Pattern.compile("\\]\\(#([^)]+)\\)")
					: Pattern.compile("deploy/README\\.md#([A-Za-z0-9_-]+)");
			Matcher matcher = link.matcher(text);
			while (matcher.find()) {
				assertThat(anchors).as("link to #%s in %s", matcher.group(1), file).contains(matcher.group(1));
			}
		});
	}

	/** docker-compose.yml and .env.example. */
	@Nested
	class Compose {

		final Path file = ROOT.resolve("docker-compose.yml");

		final Map<String, Object> compose = DeploymentFiles.yaml(this.file);

		final Map<String, Object> services = map(this.compose.get("services"));

		@Test
		void definesTheProductionShape() {
			assertThat(this.services).containsKeys("kafka", "kafka-init", "mongo", "notification-consumer",
					"prometheus", "grafana");
		}

		@Test
		void pinsEveryImageByVersion() {
			this.services.forEach((name, definition) -> {
				String image = string(map(definition), "image");
				if (image == null) {
					assertThat(at(map(definition), "build")).as("service %s has neither image nor build", name)
						.isNotNull();
					return;
				}
				assertThat(imageTag(image)).as("tag of %s's image %s", name, image).isNotBlank().isNotEqualTo("latest");
			});
		}

		@Test
		void givesEveryLongRunningServiceAHealthcheck() {
			this.services.forEach((name, definition) -> {
				if (isOneShot(map(definition))) {
					return;
				}
				List<Object> test = healthcheckTest(map(definition));
				assertThat(test).as("healthcheck of %s", name).isNotEmpty();
				assertThat(test.get(0).toString()).as("healthcheck of %s", name).isNotEqualTo("NONE");
			});
		}

		@Test
		void startsTheServiceOnlyOnHealthyInfrastructureAndCreatedTopics() {
			Map<String, Object> dependsOn = map(at(map(this.services.get("notification-consumer")), "depends_on"));
			assertThat(string(dependsOn, "kafka", "condition")).isEqualTo("service_healthy");
			assertThat(string(dependsOn, "mongo", "condition")).isEqualTo("service_healthy");
			assertThat(string(dependsOn, "kafka-init", "condition")).isEqualTo("service_completed_successfully");
			assertThat(isOneShot(map(this.services.get("kafka-init")))).isTrue();
		}

		@Test
		void checksTheServiceOnItsReadinessEndpoint() {
			assertThat(String.join(" ",
					healthcheckTest(map(this.services.get("notification-consumer"))).stream()
						.map(Object::toString)
						.toList()))
				.contains("/readyz")
				.contains("8080");
		}

		@Test
		void buildsTheServiceFromItsDockerfileWithTheRootAsContext() {
			Map<String, Object> build = map(at(map(this.services.get("notification-consumer")), "build"));
			assertThat(ROOT.resolve(string(build, "context")).normalize()).isEqualTo(ROOT);
			assertThat(string(build, "dockerfile")).isEqualTo("notification-consumer/Dockerfile");
		}

		@Test
		void referencesOnlyFilesThatExist() {
			Set<String> namedVolumes = map(this.compose.get("volumes")).keySet();
			this.services.forEach((name, value) -> {
				Map<String, Object> service = map(value);
				Object build = service.get("build");
				if (build instanceof String context) {
					assertThat(ROOT.resolve(context)).as("build context of %s", name).isDirectory();
				}
				else if (build != null) {
					Path context = ROOT.resolve(string(map(build), "context"));
					assertThat(context).as("build context of %s", name).isDirectory();
					String dockerfile = string(map(build), "dockerfile");
					if (dockerfile != null) {
						assertThat(context.resolve(dockerfile)).as("Dockerfile of %s", name).isRegularFile();
					}
				}
				for (String envFile : envFiles(service)) {
					Path path = ROOT.resolve(envFile).normalize();
					// .env is git-ignored; what is committed is its template.
					Path committed = path.getFileName().toString().equals(".env") ? path.resolveSibling(".env.example")
							: path;
					assertThat(committed).as("env_file %s of %s", envFile, name).isRegularFile();
				}
				for (Object volume : list(service.get("volumes"))) {
					String source = volumeSource(volume);
					if (source.startsWith(".") || source.startsWith("/")) {
						assertThat(source).as("bind mount of %s", name).startsWith("./");
						assertThat(ROOT.resolve(source).normalize()).as("bind mount %s of %s", source, name).exists();
					}
					else {
						assertThat(namedVolumes).as("named volumes, for %s", name).contains(source);
					}
				}
			});
		}

		@Test
		void envExampleNamesOnlyVariablesThatAreUsed() {
			String composeText = DeploymentFiles.read(this.file);
			String applicationYaml = DeploymentFiles
				.read(ROOT.resolve("notification-consumer/src/main/resources/application.yaml"));
			assertThat(envExampleNames()).isNotEmpty()
				.allSatisfy(
						(name) -> assertThat(composeText.contains("${" + name) || applicationYaml.contains("${" + name))
							.as("%s in .env.example is used by docker-compose.yml or application.yaml", name)
							.isTrue());
		}

		@Test
		void envExampleNamesEveryVariableTheComposeFileReads() {
			Matcher variable = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)")
				.matcher(DeploymentFiles.read(this.file));
			Set<String> used = new TreeSet<>();
			while (variable.find()) {
				used.add(variable.group(1));
			}
			assertThat(envExampleNames()).containsAll(used);
		}

		@Test
		void createsEveryTopicWithTheSamePartitions() {
			Object command = at(map(this.services.get("kafka-init")), "command");
			String script = (command instanceof List<?> parts)
					? String.join("\n", parts.stream().map(Object::toString).toList()) : String.valueOf(command);
			Map<String, Integer> partitionsByTopic = new LinkedHashMap<>();
			List<String> created = new ArrayList<>();
			for (String line : script.split("\\R")) {
				if (!line.contains("kafka-topics.sh") || !line.contains("--create")) {
					continue;
				}
				String topic = option(line, "--topic");
				created.add(topic);
				partitionsByTopic.put(topic, Integer.valueOf(option(line, "--partitions")));
			}
			List<String> expected = new ArrayList<>(DOMAIN_TOPICS);
			expected.add(RETRY_TOPIC);
			expected.add(DEAD_LETTER_TOPIC);
			assertThat(created).containsExactlyInAnyOrderElementsOf(expected);
			assertThat(partitionsByTopic.values()).containsOnly(PARTITIONS);
		}

		@Test
		void consumesTheTopicsTheServiceIsConfiguredFor() {
			Map<String, Object> application = DeploymentFiles
				.yamlDocuments(ROOT.resolve("notification-consumer/src/main/resources/application.yaml"))
				.get(0);
			assertThat(list(at(application, "notification", "intake", "topics")))
				.containsExactlyInAnyOrderElementsOf(DOMAIN_TOPICS);
			assertThat(string(application, "notification", "retry", "topic")).isEqualTo(RETRY_TOPIC);
			assertThat(string(application, "notification", "retry", "dead-letter-topic")).isEqualTo(DEAD_LETTER_TOPIC);
		}

		@Test
		void scrapesTheServiceAndLoadsTheAlertRules() {
			Map<String, Object> prometheus = DeploymentFiles.yaml(DEPLOY.resolve("prometheus/prometheus.yml"));
			Map<String, Object> job = maps(prometheus.get("scrape_configs")).stream()
				.filter((candidate) -> "notification-consumer".equals(candidate.get("job_name")))
				.findFirst()
				.orElseThrow();
			assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus");
			assertThat(list(at(maps(job.get("static_configs")).get(0), "targets")))
				.containsExactly("notification-consumer:8080");
			List<String> mounts = list(at(map(this.services.get("prometheus")), "volumes")).stream()
				.map(Object::toString)
				.toList();
			String rulesTarget = mounts.stream()
				.filter((mount) -> mount.startsWith("./deploy/prometheus/alerts.yaml:"))
				.map((mount) -> mount.split(":")[1])
				.findFirst()
				.orElseThrow();
			assertThat(list(prometheus.get("rule_files"))).anySatisfy((glob) -> assertThat(
					FileSystems.getDefault().getPathMatcher("glob:" + glob).matches(Path.of(rulesTarget)))
				.isTrue());
		}

		@Test
		void provisionsTheDatasourceAndTheDashboard() {
			Map<String, Object> datasources = DeploymentFiles
				.yaml(DEPLOY.resolve("grafana/provisioning/datasources/prometheus.yaml"));
			assertThat(maps(datasources.get("datasources"))).anySatisfy((datasource) -> {
				assertThat(datasource.get("type")).isEqualTo("prometheus");
				assertThat(datasource.get("url")).isEqualTo("http://prometheus:9090");
			});
			Map<String, Object> dashboards = DeploymentFiles
				.yaml(DEPLOY.resolve("grafana/provisioning/dashboards/notifications.yaml"));
			String path = string(maps(dashboards.get("providers")).get(0), "options", "path");
			assertThat(list(at(map(this.services.get("grafana")), "volumes")))
				.contains("./deploy/grafana/dashboards:" + path + ":ro");
		}

		private Set<String> envExampleNames() {
			Pattern assignment = Pattern.compile("^#?\\s*([A-Z][A-Z0-9_]*)=", Pattern.MULTILINE);
			Matcher matcher = assignment.matcher(DeploymentFiles.read(ROOT.resolve(".env.example")));
			Set<String> names = new LinkedHashSet<>();
			while (matcher.find()) {
				names.add(matcher.group(1));
			}
			return names;
		}

		private static boolean isOneShot(Map<String, Object> service) {
			return "no".equals(String.valueOf(service.get("restart")));
		}

		private static List<Object> healthcheckTest(Map<String, Object> service) {
			Object test = at(service, "healthcheck", "test");
			return (test instanceof String command) ? List.of("CMD-SHELL", command) : list(test);
		}

		private static List<String> envFiles(Map<String, Object> service) {
			Object envFile = service.get("env_file");
			if (envFile == null) {
				return List.of();
			}
			if (envFile instanceof String single) {
				return List.of(single);
			}
			return list(envFile).stream()
				.map((entry) -> (entry instanceof Map<?, ?>) ? string(map(entry), "path") : entry.toString())
				.toList();
		}

		private static String volumeSource(Object volume) {
			if (volume instanceof Map<?, ?>) {
				return string(map(volume), "source");
			}
			return volume.toString().split(":")[0];
		}

		private static String option(String line, String name) {
			Matcher matcher = Pattern.compile(Pattern.quote(name) + "[ =](\\S+)").matcher(line);
			assertThat(matcher.find()).as("%s in: %s", name, line).isTrue();
			return matcher.group(1);
		}

	}

	/** notification-consumer/Dockerfile and .dockerignore. */
	@Nested
	class Dockerfile {

		final List<String> instructions = instructions(ROOT.resolve("notification-consumer/Dockerfile"));

		@Test
		void buildsInSeveralStages() {
			assertThat(this.instructions.stream().filter((line) -> keyword(line).equals("FROM"))).hasSizeGreaterThan(1);
		}

		@Test
		void pinsEveryBaseImageByVersion() {
			Set<String> stages = new LinkedHashSet<>();
			for (String line : this.instructions) {
				if (!keyword(line).equals("FROM")) {
					continue;
				}
				String[] words = line.split("\\s+");
				String image = Stream.of(words)
					.skip(1)
					.filter((word) -> !word.startsWith("--"))
					.findFirst()
					.orElseThrow();
				if (!stages.contains(image)) {
					assertThat(image).as("base image").doesNotContain("$");
					assertThat(imageTag(image)).as("tag of %s", image).isNotBlank().isNotEqualTo("latest");
				}
				if (words.length >= 4 && words[words.length - 2].equalsIgnoreCase("AS")) {
					stages.add(words[words.length - 1]);
				}
			}
		}

		@Test
		void runsAsAnUnprivilegedUser() {
			String lastUser = this.instructions.stream()
				.filter((line) -> keyword(line).equals("USER"))
				.reduce((first, second) -> second)
				.orElseThrow(() -> new AssertionError("The Dockerfile sets no USER"));
			String user = lastUser.substring(4).strip().split(":")[0];
			assertThat(user).isNotIn("root", "0");
			assertThat(this.instructions.indexOf(lastUser)).as("USER comes after the last FROM")
				.isGreaterThan(lastIndexOf("FROM"));
		}

		@Test
		void extractsTheLayeredJarAndStartsItsLauncher() {
			String all = String.join("\n", this.instructions);
			assertThat(all).contains("-Djarmode=tools").containsPattern("extract\\b.*--layers").contains("--launcher");
			for (String layer : List.of("dependencies", "spring-boot-loader", "snapshot-dependencies", "application")) {
				assertThat(all).containsPattern("COPY --from=\\S+ \\S*/" + layer + "/");
			}
			assertThat(all).contains("org.springframework.boot.loader.launch.JarLauncher");
		}

		@Test
		void sizesTheHeapFromTheContainer() {
			assertThat(String.join("\n", this.instructions)).containsPattern("JAVA_TOOL_OPTIONS=.*MaxRAMPercentage");
		}

		@Test
		void choosesTheCollectorTheBenchmarkMeasuresRatherThanLeavingItToErgonomics() {
			// A pod of 1-1.5 GiB is not a "server-class machine" to the JVM, which
			// would then pick the serial collector.
			assertThat(String.join("\n", this.instructions)).containsPattern("JAVA_TOOL_OPTIONS=.*-XX:\\+UseG1GC");
			assertThat(ServiceJar.podJvmOptions()).contains("-XX:+UseG1GC", "-XX:GCTimeRatio=99",
					"-XX:MaxRAMPercentage=70.0", "-XX:MaxRAM=" + ServiceJar.POD_MEMORY_LIMIT);
		}

		@Test
		void keepsTheBuildContextSmall() {
			assertThat(DeploymentFiles.read(ROOT.resolve(".dockerignore"))).contains("target").contains(".env");
		}

		private int lastIndexOf(String keyword) {
			for (int i = this.instructions.size() - 1; i >= 0; i--) {
				if (keyword(this.instructions.get(i)).equals(keyword)) {
					return i;
				}
			}
			return -1;
		}

		private static String keyword(String instruction) {
			return instruction.split("\\s+", 2)[0].toUpperCase(Locale.ROOT);
		}

		/** Instructions with continuation lines joined and comments dropped. */
		private static List<String> instructions(Path dockerfile) {
			List<String> instructions = new ArrayList<>();
			StringBuilder current = new StringBuilder();
			for (String line : DeploymentFiles.read(dockerfile).split("\\R")) {
				String stripped = line.strip();
				if (stripped.startsWith("#") || (stripped.isEmpty() && current.isEmpty())) {
					continue;
				}
				if (stripped.endsWith("\\")) {
					current.append(stripped, 0, stripped.length() - 1).append(' ');
					continue;
				}
				current.append(stripped);
				instructions.add(current.toString().strip());
				current.setLength(0);
			}
			return instructions;
		}

	}

	/** deploy/kubernetes: the Kustomize base and its overlays. */
	@Nested
	class Kubernetes {

		final Path base = DEPLOY.resolve("kubernetes/base");

		final List<Map<String, Object>> baseResources = resources(this.base);

		final Map<String, Object> deployment = only(this.baseResources, "Deployment");

		final Map<String, Object> podSpec = map(at(this.deployment, "spec", "template", "spec"));

		final Map<String, Object> container = maps(this.podSpec.get("containers")).get(0);

		@Test
		void parsesEveryManifest() throws Exception {
			try (Stream<Path> files = Files.walk(DEPLOY.resolve("kubernetes"))) {
				List<Path> yamlFiles = files.filter((path) -> path.toString().endsWith(".yaml")).toList();
				assertThat(yamlFiles).isNotEmpty()
					.allSatisfy((path) -> assertThat(DeploymentFiles.yamlDocuments(path)).as("%s", path)
						.isNotEmpty()
						.allSatisfy((document) -> assertThat(document).containsKeys("apiVersion", "kind")));
			}
		}

		@Test
		void probesLivenessAndReadinessOnTheContainerPort() {
			int port = containerPort("http");
			assertThat(port).isEqualTo(8080);
			assertThat(probe("livenessProbe")).containsEntry("path", "/livez");
			assertThat(probe("readinessProbe")).containsEntry("path", "/readyz");
			assertThat(probe("startupProbe")).containsEntry("path", "/livez");
			for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
				Object probePort = probe(probe).get("port");
				int resolved = (probePort instanceof Integer number) ? number : containerPort(probePort.toString());
				assertThat(resolved).as("port of %s", probe).isEqualTo(port);
			}
		}

		@Test
		void requestsAndLimitsResources() {
			Map<String, Object> resources = map(this.container.get("resources"));
			assertThat(map(resources.get("requests"))).containsKeys("cpu", "memory");
			assertThat(map(resources.get("limits"))).containsKey("memory");
		}

		@Test
		void limitsThePodToWhatTheBenchmarkGivesTheService() {
			// The harness starts every service as this pod's JVM
			// (ServiceJar.podJvmOptions).
			Map<String, Object> limits = map(map(this.container.get("resources")).get("limits"));
			assertThat(limits).containsEntry("memory", "1Gi").containsEntry("cpu", "2");
			assertThat(ServiceJar.POD_MEMORY_LIMIT).isEqualTo("1g");
		}

		@Test
		void runsLockedDown() {
			Map<String, Object> pod = map(this.podSpec.get("securityContext"));
			Map<String, Object> own = map(this.container.get("securityContext"));
			assertThat(own.getOrDefault("runAsNonRoot", pod.get("runAsNonRoot"))).isEqualTo(true);
			assertThat(own.get("allowPrivilegeEscalation")).isEqualTo(false);
			assertThat(own.get("readOnlyRootFilesystem")).isEqualTo(true);
			assertThat(list(at(own, "capabilities", "drop"))).contains("ALL");
			String seccomp = (string(own, "seccompProfile", "type") != null) ? string(own, "seccompProfile", "type")
					: string(pod, "seccompProfile", "type");
			assertThat(seccomp).isEqualTo("RuntimeDefault");
			String tmpVolume = maps(this.container.get("volumeMounts")).stream()
				.filter((mount) -> "/tmp".equals(mount.get("mountPath")))
				.map((mount) -> string(mount, "name"))
				.findFirst()
				.orElseThrow(() -> new AssertionError("Nothing is mounted on /tmp"));
			assertThat(maps(this.podSpec.get("volumes")))
				.anySatisfy((volume) -> assertThat(volume).containsEntry("name", tmpVolume).containsKey("emptyDir"));
		}

		@Test
		void takesSettingsFromTheConfigMapAndSecretsFromTheSecret() {
			String configMap = maps(this.container.get("envFrom")).stream()
				.map((source) -> string(source, "configMapRef", "name"))
				.filter((name) -> name != null)
				.findFirst()
				.orElseThrow(() -> new AssertionError("No envFrom configMapRef"));
			Map<String, Object> kustomization = DeploymentFiles.yaml(this.base.resolve("kustomization.yaml"));
			assertThat(maps(kustomization.get("configMapGenerator"))).extracting((generator) -> generator.get("name"))
				.contains(configMap);
			Set<String> secretKeys = new TreeSet<>();
			for (Map<String, Object> variable : maps(this.container.get("env"))) {
				Map<String, Object> secretRef = map(at(variable, "valueFrom", "secretKeyRef"));
				if (!secretRef.isEmpty()) {
					assertThat(secretRef.get("name")).isEqualTo(SECRET_NAME);
					secretKeys.add(string(secretRef, "key"));
				}
			}
			assertThat(secretKeys).containsAll(SECRET_KEYS);
			assertThat(this.baseResources)
				.noneSatisfy((resource) -> assertThat(resource.get("kind")).isEqualTo("Secret"));
		}

		@Test
		void keepsTheServiceAvailableThroughDisruptions() {
			assertThat(kinds(this.baseResources)).contains("Service", "PodDisruptionBudget");
			Map<String, Object> service = only(this.baseResources, "Service");
			assertThat(maps(at(service, "spec", "ports")))
				.anySatisfy((port) -> assertThat(port.get("targetPort")).isIn("http", 8080));
		}

		@Test
		void scalesOnConsumerLagUpToThePartitionCount() {
			Map<String, Object> scaledObject = only(this.baseResources, "ScaledObject");
			assertThat(at(scaledObject, "spec", "maxReplicaCount")).isEqualTo(PARTITIONS);
			assertThat(string(scaledObject, "spec", "scaleTargetRef", "name"))
				.isEqualTo(string(this.deployment, "metadata", "name"));
			List<Map<String, Object>> triggers = maps(at(scaledObject, "spec", "triggers"));
			assertThat(triggers).allSatisfy((trigger) -> {
				assertThat(trigger.get("type")).isEqualTo("kafka");
				assertThat(string(trigger, "metadata", "consumerGroup")).isEqualTo("notification-consumer");
			});
			assertThat(triggers).extracting((trigger) -> string(trigger, "metadata", "topic"))
				.containsExactlyInAnyOrderElementsOf(DOMAIN_TOPICS);
			Map<String, String> config = DeploymentFiles.envFile(this.base.resolve("notification-consumer.env"));
			assertThat(config).containsEntry("NOTIFICATION_CONSUMER_GROUP", "notification-consumer");
			assertThat(triggers).allSatisfy((trigger) -> assertThat(string(trigger, "metadata", "bootstrapServers"))
				.isEqualTo(config.get("KAFKA_BOOTSTRAP_SERVERS")));
		}

		@Test
		void neverScalesPastThePartitionsOrTheAccountsRate() throws Exception {
			Map<String, String> baseConfig = DeploymentFiles.envFile(this.base.resolve("notification-consumer.env"));
			double baseRate = Double.parseDouble(baseConfig.get("NOTIFICATION_DELIVERY_RATELIMIT"));
			int baseMax = (Integer) at(only(this.baseResources, "ScaledObject"), "spec", "maxReplicaCount");
			// The replicas share the number's limit, whatever their count.
			assertThat(baseRate).as("base: rate limit").isLessThanOrEqualTo(ACCOUNT_RATE_LIMIT);
			for (Path overlay : overlays()) {
				double rate = baseRate;
				int max = baseMax;
				Map<String, Object> kustomization = DeploymentFiles.yaml(overlay.resolve("kustomization.yaml"));
				for (Map<String, Object> generator : maps(kustomization.get("configMapGenerator"))) {
					for (Object literal : list(generator.get("literals"))) {
						String[] pair = literal.toString().split("=", 2);
						if (pair[0].equals("NOTIFICATION_DELIVERY_RATELIMIT")) {
							rate = Double.parseDouble(pair[1]);
						}
					}
				}
				for (Path patch : patchFiles(overlay, kustomization)) {
					for (Map<String, Object> document : DeploymentFiles.yamlDocuments(patch)) {
						if ("ScaledObject".equals(document.get("kind"))
								&& at(document, "spec", "maxReplicaCount") != null) {
							max = (Integer) at(document, "spec", "maxReplicaCount");
						}
					}
				}
				assertThat(max).as("%s: maxReplicaCount", overlay).isLessThanOrEqualTo(PARTITIONS);
				assertThat(rate).as("%s: rate limit", overlay).isLessThanOrEqualTo(ACCOUNT_RATE_LIMIT);
			}
		}

		@Test
		void kustomizationsReferenceOnlyFilesThatExist() throws Exception {
			List<Path> kustomizations;
			try (Stream<Path> files = Files.walk(DEPLOY.resolve("kubernetes"))) {
				kustomizations = files.filter((path) -> path.getFileName().toString().equals("kustomization.yaml"))
					.toList();
			}
			assertThat(kustomizations).hasSizeGreaterThanOrEqualTo(2);
			for (Path file : kustomizations) {
				Path dir = file.getParent();
				Map<String, Object> kustomization = DeploymentFiles.yaml(file);
				for (Object resource : list(kustomization.get("resources"))) {
					Path path = dir.resolve(resource.toString()).normalize();
					assertThat(Files.isRegularFile(path) || Files.isRegularFile(path.resolve("kustomization.yaml")))
						.as("resource %s of %s", resource, file)
						.isTrue();
				}
				assertThat(patchFiles(dir, kustomization)).allSatisfy((patch) -> assertThat(patch).isRegularFile());
				for (Map<String, Object> generator : maps(kustomization.get("configMapGenerator"))) {
					for (String key : List.of("envs", "files")) {
						for (Object source : list(generator.get(key))) {
							String path = source.toString().contains("=") ? source.toString().split("=", 2)[1]
									: source.toString();
							assertThat(dir.resolve(path)).as("%s of %s", key, file).isRegularFile();
						}
					}
				}
			}
		}

		private Map<String, Object> probe(String name) {
			return map(at(this.container, name, "httpGet"));
		}

		private int containerPort(String name) {
			return maps(this.container.get("ports")).stream()
				.filter((port) -> name.equals(port.get("name")))
				.map((port) -> (Integer) port.get("containerPort"))
				.findFirst()
				.orElseThrow(() -> new AssertionError("No container port named " + name));
		}

		private List<Path> overlays() throws Exception {
			try (Stream<Path> dirs = Files.list(DEPLOY.resolve("kubernetes/overlays"))) {
				return dirs.filter((dir) -> Files.isRegularFile(dir.resolve("kustomization.yaml"))).toList();
			}
		}

		private static List<Path> patchFiles(Path dir, Map<String, Object> kustomization) {
			List<Path> patches = new ArrayList<>();
			for (Map<String, Object> patch : maps(kustomization.get("patches"))) {
				if (patch.get("path") != null) {
					patches.add(dir.resolve(patch.get("path").toString()));
				}
			}
			for (Object patch : list(kustomization.get("patchesStrategicMerge"))) {
				patches.add(dir.resolve(patch.toString()));
			}
			return patches;
		}

		/**
		 * The resources a kustomization lists (files only; generators are not resources).
		 */
		private static List<Map<String, Object>> resources(Path dir) {
			Map<String, Object> kustomization = DeploymentFiles.yaml(dir.resolve("kustomization.yaml"));
			List<Map<String, Object>> resources = new ArrayList<>();
			for (Object resource : list(kustomization.get("resources"))) {
				resources.addAll(DeploymentFiles.yamlDocuments(dir.resolve(resource.toString())));
			}
			return resources;
		}

		private static Map<String, Object> only(List<Map<String, Object>> resources, String kind) {
			List<Map<String, Object>> matching = resources.stream()
				.filter((resource) -> kind.equals(resource.get("kind")))
				.toList();
			assertThat(matching).as("resources of kind %s", kind).hasSize(1);
			return matching.get(0);
		}

		private static List<Object> kinds(List<Map<String, Object>> resources) {
			return resources.stream().map((resource) -> resource.get("kind")).toList();
		}

	}

	/** deploy/prometheus/alerts.yaml. */
	@Nested
	class Alerts {

		final List<Map<String, Object>> rules = maps(
				DeploymentFiles.yaml(DEPLOY.resolve("prometheus/alerts.yaml")).get("groups"))
			.stream()
			.flatMap((group) -> maps(group.get("rules")).stream())
			.toList();

		@Test
		void coverTheFailuresSresMustHearAbout() {
			assertThat(this.rules).extracting((rule) -> rule.get("alert"))
				.contains("NotificationDeadLetterInflow", "NotificationConsumerLagGrowing",
						"NotificationProviderErrorRate", "NotificationDeliveryRateFalling",
						"NotificationWebhookSilence");
		}

		@Test
		void useOnlyMetricsTheServiceExports() {
			assertThat(this.rules).allSatisfy((rule) -> {
				Set<String> names = DeploymentPromQl.metricNames(string(rule, "expr"));
				assertThat(names).as("metrics of %s", rule.get("alert")).isNotEmpty().isSubsetOf(EXPORTED_METRICS);
			});
		}

		@Test
		void linkToARunbookSectionThatExists() {
			Set<String> anchors = DeploymentFiles.markdownAnchors(README);
			assertThat(this.rules).allSatisfy((rule) -> {
				String url = string(rule, "annotations", "runbook_url");
				assertThat(url).as("runbook_url of %s", rule.get("alert")).isNotNull().contains("#");
				assertThat(url.substring(0, url.indexOf('#'))).endsWith("deploy/README.md");
				assertThat(anchors).as("anchors of deploy/README.md").contains(url.substring(url.indexOf('#') + 1));
			});
		}

		@Test
		void sayHowUrgentTheyAre() {
			assertThat(this.rules).allSatisfy(
					(rule) -> assertThat(string(rule, "labels", "severity")).as("severity of %s", rule.get("alert"))
						.isIn("warning", "critical"));
		}

	}

	/** deploy/grafana/dashboards/notifications.json. */
	@Nested
	class Dashboard {

		final Map<String, Object> dashboard = DeploymentFiles
			.json(DEPLOY.resolve("grafana/dashboards/notifications.json"));

		@Test
		void queriesOnlyMetricsTheServiceExports() {
			List<Map<String, Object>> targets = panels(maps(this.dashboard.get("panels"))).stream()
				.flatMap((panel) -> maps(panel.get("targets")).stream())
				.toList();
			assertThat(targets).isNotEmpty().allSatisfy((target) -> {
				Set<String> names = DeploymentPromQl.metricNames(string(target, "expr"));
				assertThat(names).as("metrics of %s", target.get("expr")).isNotEmpty().isSubsetOf(EXPORTED_METRICS);
			});
			for (Map<String, Object> variable : maps(at(this.dashboard, "templating", "list"))) {
				if ("query".equals(variable.get("type"))) {
					Object query = variable.get("query");
					String text = (query instanceof Map<?, ?>) ? string(map(query), "query") : String.valueOf(query);
					assertThat(DeploymentPromQl.variableQueryMetricNames(text)).isSubsetOf(EXPORTED_METRICS);
				}
			}
		}

		@Test
		void showsWhatOperatorsWatch() {
			String all = String.join("\n",
					panels(maps(this.dashboard.get("panels"))).stream()
						.flatMap((panel) -> maps(panel.get("targets")).stream())
						.map((target) -> string(target, "expr"))
						.toList());
			assertThat(all).contains("sum by (type) (rate(notification_outcomes_total")
				.contains("sum by (outcome) (rate(notification_outcomes_total")
				.contains("histogram_quantile(0.5,")
				.contains("histogram_quantile(0.95,")
				.contains("histogram_quantile(0.99,")
				.contains("kafka_consumer_fetch_manager_records_lag")
				.contains("notification_retries_scheduled_total")
				.contains("notification_dead_lettered_total")
				.contains("notification_webhook_updates_total{status=\"delivered\"")
				.contains("notification_webhook_updates_total{status=\"read\"")
				.contains("notification_template_render_seconds")
				.contains("jvm_memory_used_bytes");
		}

		@Test
		void hasUniquePanelIds() {
			List<Object> ids = panels(maps(this.dashboard.get("panels"))).stream()
				.map((panel) -> panel.get("id"))
				.toList();
			assertThat(ids).doesNotHaveDuplicates().doesNotContainNull();
		}

		private static List<Map<String, Object>> panels(List<Map<String, Object>> panels) {
			List<Map<String, Object>> all = new ArrayList<>();
			for (Map<String, Object> panel : panels) {
				all.add(panel);
				all.addAll(panels(maps(panel.get("panels"))));
			}
			return all;
		}

	}

	/**
	 * Returns the tag of an image reference: what follows the last colon after the last
	 * slash (a registry's port is not a tag); a digest counts as a tag.
	 * @param image the image reference
	 * @return the tag, or an empty string
	 */
	static String imageTag(String image) {
		int digest = image.indexOf('@');
		if (digest >= 0) {
			return image.substring(digest + 1);
		}
		String lastSegment = image.substring(image.lastIndexOf('/') + 1);
		int colon = lastSegment.indexOf(':');
		return (colon >= 0) ? lastSegment.substring(colon + 1) : "";
	}

}
