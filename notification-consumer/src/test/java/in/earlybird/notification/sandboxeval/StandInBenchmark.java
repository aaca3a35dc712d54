package in.earlybird.notification.sandboxeval;

import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.client.WireMock.JsonSchemaVersion;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.sun.management.OperatingSystemMXBean;
import in.earlybird.notification.sandbox.MyOperatorSandbox;
import in.earlybird.notification.sandbox.SandboxMode;
import in.earlybird.notification.sandbox.SandboxSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Evidence for sandbox/EVALUATION.md: start-up time and per-request cost of
 * {@link MyOperatorSandbox} against WireMock answering the same send (headers, JSON
 * Schema, a templated UUID), in one JVM, one after the other. Not a {@code *Tests} class,
 * so {@code verify} skips it; run it with
 * {@code -Dtest=StandInBenchmark -Dsurefire.failIfNoSpecifiedTests=false}.
 */
class StandInBenchmark {

	private static final String API_KEY = "bench-key";

	private static final String COMPANY_ID = "bench-company";

	private static final String PHONE_NUMBER_ID = "pn-1001";

	private static final String BODY = """
			{"phone_number_id":"pn-1001","customer_country_code":"91","customer_number":"9876543210",
			 "data":{"type":"template","context":{"template_name":"delivery_reminder","language":"en",
			 "body":{"1":"John","2":"28 Jan","3":"Bandra"}}},"reply_to":null,"myop_ref_id":"REF"}
			""";

	private static final String SUCCESS = "{\"status\":\"success\",\"code\":\"200\",\"message\":\"Accepted\","
			+ "\"data\":{\"conversation_id\":\"c-1\",\"message_id\":\"{{randomValue type='UUID'}}\"}}";

	/**
	 * The JVM's CPU time: client and server share it, so differences are the servers'.
	 */
	private static final OperatingSystemMXBean PROCESS = (OperatingSystemMXBean) ManagementFactory
		.getOperatingSystemMXBean();

	private final AtomicInteger refIds = new AtomicInteger();

	@Test
	void compareTheSandboxWithWireMock() throws Exception {
		long started = System.nanoTime();
		try (MyOperatorSandbox sandbox = MyOperatorSandbox
			.start(SandboxSettings.of(0, API_KEY, COMPANY_ID, PHONE_NUMBER_ID))) {
			firstAnswer(sandbox.baseUrl());
			report("start-up, sandbox", started);
			started = System.nanoTime();
			WireMockServer defaults = wireMock(WireMockConfiguration.options());
			try {
				firstAnswer(URI.create(defaults.baseUrl()));
				report("start-up, WireMock", started);
				WireMockServer tuned = wireMock(WireMockConfiguration.options()
					.jettyAcceptQueueSize(4096)
					.containerThreads(50)
					.asynchronousResponseEnabled(true)
					.asynchronousResponseThreads(8));
				try {
					compare(sandbox, defaults, tuned);
				}
				finally {
					tuned.stop();
				}
			}
			finally {
				defaults.stop();
			}
		}
	}

	private void compare(MyOperatorSandbox sandbox, WireMockServer defaults, WireMockServer tuned) throws Exception {
		URI sandboxUrl = sandbox.baseUrl();
		URI defaultsUrl = URI.create(defaults.baseUrl());
		URI tunedUrl = URI.create(tuned.baseUrl());
		for (URI warm : new URI[] { sandboxUrl, defaultsUrl, tunedUrl }) {
			load(warm, 1000, 50);
		}
		for (int round = 1; round <= 2; round++) {
			System.out.println("round " + round + ": 2,000 POSTs at concurrency 50, no delay");
			print("  sandbox", load(sandboxUrl, 2000, 50));
			print("  WireMock defaults", load(defaultsUrl, 2000, 50));
			print("  WireMock tuned", load(tunedUrl, 2000, 50));
		}
		sandbox.setMode(SandboxMode.slow(Duration.ofMillis(250)));
		for (WireMockServer server : new WireMockServer[] { defaults, tuned }) {
			server.resetAll();
			stub(server, 250);
		}
		System.out.println("2,000 POSTs at concurrency 500, fixed 250 ms (at most 2,000/s)");
		print("  sandbox", load(sandboxUrl, 2000, 500));
		print("  WireMock tuned", load(tunedUrl, 2000, 500));
		System.out.println("250 POSTs at concurrency 500, fixed 250 ms, WireMock's defaults");
		print("  WireMock defaults", load(defaultsUrl, 250, 500));
		assertThat(sandbox.rejections()).isEmpty();
		assertThat(defaults.findAllUnmatchedRequests()).isEmpty();
		assertThat(tuned.findAllUnmatchedRequests()).isEmpty();
	}

	private static WireMockServer wireMock(WireMockConfiguration options) throws IOException {
		WireMockServer server = new WireMockServer(options.dynamicPort().bindAddress("127.0.0.1"));
		server.start();
		stub(server, 0);
		return server;
	}

	private static void stub(WireMockServer server, int delayMillis) throws IOException {
		server.stubFor(WireMock.post("/chat/messages")
			.withHeader("Authorization", WireMock.equalTo("Bearer " + API_KEY))
			.withHeader("X-MYOP-COMPANY-ID", WireMock.equalTo(COMPANY_ID))
			.withHeader("Content-Type", WireMock.matching("application/json(;.*)?"))
			.withRequestBody(WireMock.matchingJsonSchema(schema(), JsonSchemaVersion.V202012))
			.willReturn(WireMock.okJson(SUCCESS).withTransformers("response-template").withFixedDelay(delayMillis)));
	}

	private static String schema() throws IOException {
		try (InputStream in = Objects.requireNonNull(
				StandInBenchmark.class.getResourceAsStream("/sandboxeval/send-request.schema.json"),
				"send-request.schema.json")) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("PHONE_NUMBER_ID", PHONE_NUMBER_ID);
		}
	}

	private static void firstAnswer(URI baseUrl) throws Exception {
		try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
			HttpResponse<String> response = http.send(send(baseUrl, "first"), HttpResponse.BodyHandlers.ofString());
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(response.body()).contains("message_id");
		}
	}

	private Result load(URI baseUrl, int requests, int concurrency) throws Exception {
		long[] latencies = new long[requests];
		AtomicInteger failures = new AtomicInteger();
		Semaphore permits = new Semaphore(concurrency);
		long cpuBefore = PROCESS.getProcessCpuTime();
		long started = System.nanoTime();
		try (HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
				ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
			for (int i = 0; i < requests; i++) {
				int index = i;
				HttpRequest request = send(baseUrl, "bench-" + this.refIds.incrementAndGet());
				permits.acquire();
				threads.execute(() -> {
					long sent = System.nanoTime();
					try {
						if (http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() != 200) {
							failures.incrementAndGet();
						}
					}
					catch (IOException | InterruptedException ex) {
						failures.incrementAndGet();
					}
					finally {
						latencies[index] = System.nanoTime() - sent;
						permits.release();
					}
				});
			}
		}
		Result result = new Result(requests, System.nanoTime() - started, PROCESS.getProcessCpuTime() - cpuBefore,
				latencies, failures.get());
		assertThat(result.failures()).isZero();
		return result;
	}

	private static HttpRequest send(URI baseUrl, String refId) {
		return HttpRequest.newBuilder(baseUrl.resolve("/chat/messages"))
			.POST(HttpRequest.BodyPublishers.ofString(BODY.replace("REF", refId)))
			.header("Authorization", "Bearer " + API_KEY)
			.header("X-MYOP-COMPANY-ID", COMPANY_ID)
			.header("Content-Type", "application/json")
			.header("Accept", "application/json")
			.build();
	}

	private static void report(String what, long startedNanos) {
		System.out.printf("%-20s %5d ms (to the first 200)%n", what, (System.nanoTime() - startedNanos) / 1_000_000);
	}

	private static void print(String what, Result result) {
		System.out.printf("%-20s %6.0f requests/s  p50 %6.1f ms  p99 %6.1f ms  max %6.1f ms  CPU %5.3f ms/request%n",
				what, result.perSecond(), result.percentile(50), result.percentile(99), result.percentile(100),
				result.cpuNanos() / 1e6 / result.requests());
	}

	private record Result(int requests, long elapsedNanos, long cpuNanos, long[] latencies, int failures) {

		double perSecond() {
			return this.requests / (this.elapsedNanos / 1e9);
		}

		double percentile(int percent) {
			long[] sorted = this.latencies.clone();
			Arrays.sort(sorted);
			int index = Math.max(0, (int) Math.ceil(percent / 100.0 * sorted.length) - 1);
			return sorted[index] / 1e6;
		}

	}

}
