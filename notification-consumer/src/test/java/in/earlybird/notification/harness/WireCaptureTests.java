package in.earlybird.notification.harness;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import in.earlybird.notification.sandbox.MyOperatorSandbox;
import in.earlybird.notification.sandbox.SandboxSettings;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * {@link WireCapture} with a real {@code tcpdump} and a real sandbox: CI installs
 * {@code tcpdump} and runs as root, where these run; elsewhere the capture tests are
 * skipped, and say why.
 */
class WireCaptureTests {

	@TempDir
	Path directory;

	@Test
	void stampsEveryRequestWhenItCameOnTheWireBeforeTheSandboxGotToIt() throws Exception {
		try (MyOperatorSandbox sandbox = MyOperatorSandbox
			.start(SandboxSettings.of(0, "key", "company", "pn-1").withTemplate("order_confirmed", "en", 1))) {
			Path file = this.directory.resolve("capture.pcap");
			try (WireCapture capture = WireCapture.start("test", file, sandbox.baseUrl().getPort())) {
				assumeThat(capture.isCapturing()).as(WireCapture.describe()).isTrue();
				List<String> refIds = new ArrayList<>();
				try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
					for (int i = 0; i < 20; i++) {
						String refId = "wire-" + i;
						refIds.add(refId);
						client.send(sendRequest(sandbox.baseUrl(), refId), HttpResponse.BodyHandlers.discarding());
					}
				}
				List<MyOperatorSandbox.Arrival> received = sandbox.arrivals();
				List<MyOperatorSandbox.Arrival> restamped = capture.restamp(received);
				assertThat(restamped).extracting(MyOperatorSandbox.Arrival::refId).containsExactlyElementsOf(refIds);
				Map<String, MyOperatorSandbox.Arrival> byRefId = received.stream()
					.collect(Collectors.toMap(MyOperatorSandbox.Arrival::refId, Function.identity()));
				for (MyOperatorSandbox.Arrival arrival : restamped) {
					MyOperatorSandbox.Arrival stamped = byRefId.get(arrival.refId());
					// The wire comes first; the sandbox stamps once a thread has read it.
					assertThat(arrival.at()).as(WireCapture.describe())
						.isNotEqualTo(stamped.at())
						.isBeforeOrEqualTo(stamped.at());
					assertThat(arrival.at()).isAfter(stamped.at().minusSeconds(1));
				}
				assertThat(WireCapture.describe()).contains("test: on the wire, 20 of 20 requests found");
				assertThat(file).exists();
			}
			assertThat(Files.exists(file)).as("the capture is deleted when closed").isFalse();
		}
	}

	@Test
	void keepsTheSandboxsStampsWhenTurnedOff() {
		String before = System.getProperty(WireCapture.PROPERTY);
		System.setProperty(WireCapture.PROPERTY, "off");
		try (WireCapture capture = WireCapture.start("off-test", this.directory.resolve("off.pcap"), 9)) {
			assertThat(capture.isCapturing()).isFalse();
			List<MyOperatorSandbox.Arrival> arrivals = List
				.of(new MyOperatorSandbox.Arrival("a", "91", java.time.Instant.EPOCH, "m"));
			assertThat(capture.restamp(arrivals)).isSameAs(arrivals);
			assertThat(WireCapture.describe())
				.contains("off-test: the stand-in's own stamps (-Dharness.wire-capture=off)");
		}
		finally {
			restore(before);
		}
	}

	@Test
	void refusesAnUnknownSetting() {
		String before = System.getProperty(WireCapture.PROPERTY);
		System.setProperty(WireCapture.PROPERTY, "sometimes");
		try {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> WireCapture.start("bad", this.directory.resolve("bad.pcap"), 9))
				.withMessageContaining("auto or off, not 'sometimes'");
		}
		finally {
			restore(before);
		}
	}

	private static void restore(String before) {
		if (before == null) {
			System.clearProperty(WireCapture.PROPERTY);
		}
		else {
			System.setProperty(WireCapture.PROPERTY, before);
		}
	}

	private static HttpRequest sendRequest(URI baseUrl, String refId) {
		String body = """
				{"phone_number_id":"pn-1","customer_country_code":"91","customer_number":"9876543210",\
				"data":{"type":"template","context":{"template_name":"order_confirmed","language":"en",\
				"body":{"1":"Asha"}}},"reply_to":null,"myop_ref_id":"%s"}""".formatted(refId);
		return HttpRequest.newBuilder(baseUrl.resolve("/chat/messages"))
			.header("Authorization", "Bearer key")
			.header("X-MYOP-COMPANY-ID", "company")
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
	}

}
