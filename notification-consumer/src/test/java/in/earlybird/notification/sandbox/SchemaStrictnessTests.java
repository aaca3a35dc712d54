package in.earlybird.notification.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.client.WireMock.JsonSchemaVersion;
import com.github.tomakehurst.wiremock.matching.StringValuePattern;
import in.earlybird.notification.sandbox.SendRequestValidator.Invalid;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.Arguments;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Evidence for EVALUATION.md: every malformed send of {@link MyOperatorSandboxTests}, and
 * the valid ones, judged by {@link SendRequestValidator} and by WireMock's JSON-Schema
 * matcher with {@code sandboxeval/send-request.schema.json}. In this package because the
 * validator and the cases are package-private.
 */
class SchemaStrictnessTests {

	private static final String ACCEPT = "accept";

	private static final String REJECT = "reject";

	private static SendRequestValidator validator;

	private static StringValuePattern schema;

	@BeforeAll
	static void loadBoth() throws IOException {
		validator = new SendRequestValidator(
				SandboxSettings.of(0, "key", "company", MyOperatorSandboxTests.PHONE_NUMBER_ID)
					.withTemplate("delivery_reminder", "en", 3)
					.withTemplate("payment_received", "hi", 2));
		schema = WireMock.matchingJsonSchema(schemaFor(MyOperatorSandboxTests.PHONE_NUMBER_ID),
				JsonSchemaVersion.V202012);
	}

	@Test
	void schemaRejectsEverythingTheValidatorRejectsExceptCrossChecksAndDuplicateKeys() {
		Map<String, String[]> verdicts = new LinkedHashMap<>();
		for (Arguments arguments : MyOperatorSandboxTests.malformedSends().toList()) {
			String name = (String) arguments.get()[0];
			String body = (String) arguments.get()[1];
			verdicts.put(name, new String[] { validatorVerdict(body), schemaVerdict(body) });
		}
		for (Map.Entry<String, String> valid : validSends().entrySet()) {
			verdicts.put("(valid) " + valid.getKey(),
					new String[] { validatorVerdict(valid.getValue()), schemaVerdict(valid.getValue()) });
		}
		print(verdicts);

		List<String> missedBySchema = new ArrayList<>();
		verdicts.forEach((name, verdict) -> {
			if (!verdict[0].equals(ACCEPT) && verdict[1].equals(ACCEPT)) {
				missedBySchema.add(name);
			}
		});
		assertThat(missedBySchema).containsExactly("a duplicate field", "an unknown template",
				"too few parameters for the template");
		assertThat(verdicts).allSatisfy((name, verdict) -> {
			if (verdict[0].equals(ACCEPT)) {
				assertThat(verdict[1]).as("schema on %s", name).isEqualTo(ACCEPT);
			}
		});
		assertThat(verdicts.get("data.language")).containsExactly("reject 500 null", REJECT);
	}

	@Test
	void schemaCatchesGapsInParameterKeysOnlyUpToItsEnumeratedLimit() {
		StringBuilder twentyOne = new StringBuilder("{");
		for (int i = 1; i <= 21; i++) {
			twentyOne.append((i > 1) ? "," : "").append("\"").append(i).append("\":\"p\"");
		}
		String body = MyOperatorSandboxTests.CANONICAL
			.replace("{ \"1\": \"John\", \"2\": \"28 Jan\", \"3\": \"Bandra\" }", twentyOne.append('}').toString());

		assertThat(schemaVerdict(body)).as("keys are capped at \"20\" in the schema").isEqualTo(REJECT);
		assertThat(schemaVerdict(MyOperatorSandboxTests.CANONICAL.replace("\"3\": \"Bandra\"", "\"5\": \"Bandra\"")))
			.isEqualTo(REJECT);
	}

	private static Map<String, String> validSends() {
		Map<String, String> valid = new LinkedHashMap<>();
		valid.put("canonical template", MyOperatorSandboxTests.CANONICAL);
		valid.put("free text", """
				{"phone_number_id":"pn-1001","customer_country_code":"91","customer_number":"9876543210",
				 "data":{"type":"text","context":{"body":"Your order is on its way","preview_url":false}},
				 "reply_to":null,"myop_ref_id":"text-1"}
				""");
		valid.put("keys in any order",
				MyOperatorSandboxTests.CANONICAL.replace("{ \"1\": \"John\", \"2\": \"28 Jan\", \"3\": \"Bandra\" }",
						"{ \"3\": \"Bandra\", \"1\": \"John\", \"2\": \"28 Jan\" }"));
		valid.put("URL button", MyOperatorSandboxTests.CANONICAL.replace("\"language\": \"en\",",
				"\"language\": \"en\", \"buttons\": [{\"index\": 0, \"id\": \"abc\"}],"));
		valid.put("UAE number",
				MyOperatorSandboxTests.CANONICAL.replace("\"91\"", "\"971\"").replace("9876543210", "501234567"));
		return valid;
	}

	private static String validatorVerdict(String body) {
		try {
			validator.check(body.getBytes(StandardCharsets.UTF_8));
			return ACCEPT;
		}
		catch (Invalid ex) {
			return REJECT + " " + ex.status() + " " + ((ex.reason() != null) ? ex.code() : "null");
		}
	}

	private static String schemaVerdict(String body) {
		return schema.match(body).isExactMatch() ? ACCEPT : REJECT;
	}

	private static void print(Map<String, String[]> verdicts) {
		StringBuilder table = new StringBuilder(
				String.format("%n%-42s | %-18s | %s%n", "case", "validator", "JSON Schema (WireMock)"));
		verdicts.forEach((name, verdict) -> {
			String flag = (verdict[0].startsWith(REJECT) == verdict[1].equals(REJECT)) ? "" : "  <-- differs";
			table.append(String.format("%-42s | %-18s | %s%s%n", name, verdict[0], verdict[1], flag));
		});
		System.out.print(table);
	}

	private static String schemaFor(String phoneNumberId) throws IOException {
		try (InputStream in = Objects.requireNonNull(
				SchemaStrictnessTests.class.getResourceAsStream("/sandboxeval/send-request.schema.json"),
				"send-request.schema.json")) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("PHONE_NUMBER_ID", phoneNumberId);
		}
	}

}
