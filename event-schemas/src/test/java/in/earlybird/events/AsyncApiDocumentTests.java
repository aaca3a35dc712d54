package in.earlybird.events;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The AsyncAPI document describes every topic and event of the contract and points only
 * at schemas that exist.
 */
class AsyncApiDocumentTests {

	private static final String LOCATION = "schemas/asyncapi.yaml";

	private static final JsonNode DOCUMENT = YAMLMapper.builder().build().readTree(EventJson.text(LOCATION));

	@Test
	void isAnAsyncApi3Document() {
		assertThat(DOCUMENT.get("asyncapi").stringValue()).startsWith("3.");
		assertThat(DOCUMENT.at("/info/title").stringValue()).isNotBlank();
		assertThat(DOCUMENT.at("/info/version").stringValue()).isNotBlank();
		assertThat(DOCUMENT.at("/info/description").stringValue()).contains("send", "publisher");
	}

	@Test
	void describesALocalAndAProductionServer() {
		assertThat(DOCUMENT.at("/servers/local/host").stringValue()).isEqualTo("localhost:9092");
		assertThat(DOCUMENT.at("/servers/local/protocol").stringValue()).isEqualTo("kafka");
		assertThat(DOCUMENT.at("/servers/production/host").stringValue()).isNotBlank();
	}

	@Test
	void everyTopicIsAChannel() {
		assertThat(channelsByAddress().keySet()).containsAll(Topics.ALL)
			.contains("notifications.retry", "notifications.dlt");
		channelsByAddress().forEach((address, channel) -> {
			assertThat(channel.at("/bindings/kafka/topic").stringValue()).isEqualTo(address);
			assertThat(channel.path("description").stringValue("")).as(address).isNotBlank();
		});
	}

	@ParameterizedTest
	@EnumSource(EventType.class)
	void everyEventTypeTravelsOnItsDefaultTopicInBothModes(EventType type) {
		JsonNode channel = channelsByAddress().get(type.defaultTopic());
		List<JsonNode> messages = new ArrayList<>();
		channel.get("messages").forEach((reference) -> messages.add(resolve(reference)));
		List<JsonNode> ofType = messages.stream()
			.filter((message) -> type.ceType().equals(message.path("name").stringValue()))
			.toList();
		assertThat(ofType).hasSize(2);
		JsonNode binary = ofType.stream()
			.filter((message) -> message.at("/payload/$ref").isString())
			.findFirst()
			.orElseThrow();
		assertThat(binary.at("/payload/$ref").stringValue()).isEqualTo("./" + type.fileName() + ".schema.json");
		assertThat(resolve(binary.at("/traits/0")).get("contentType").stringValue()).isEqualTo(CloudEvents.JSON);
		assertThat(binary.at("/headers/allOf/1/properties/ce_type/const").stringValue()).isEqualTo(type.ceType());
		JsonNode structured = ofType.stream()
			.filter((message) -> message.at("/payload/allOf").isArray())
			.findFirst()
			.orElseThrow();
		assertThat(structured.at("/payload/allOf/0/$ref").stringValue()).isEqualTo("./cloudevent.schema.json");
		assertThat(structured.at("/payload/allOf/1/properties/data/$ref").stringValue())
			.isEqualTo("./" + type.fileName() + ".schema.json");
		assertThat(structured.at("/payload/allOf/1/properties/type/const").stringValue()).isEqualTo(type.ceType());
		assertThat(resolve(structured.at("/traits/0")).get("contentType").stringValue())
			.isEqualTo(CloudEvents.STRUCTURED_CONTENT_TYPE);
	}

	@ParameterizedTest
	@EnumSource(EventType.class)
	void binaryModeExampleMatchesTheExampleFile(EventType type) {
		JsonNode example = EventJson.example(type);
		JsonNode documented = DOCUMENT.get("components")
			.get("messages")
			.values()
			.stream()
			.filter((message) -> type.ceType().equals(message.path("name").stringValue()))
			.filter((message) -> message.has("examples"))
			.findFirst()
			.orElseThrow()
			.at("/examples/0");
		assertThat(documented.get("payload")).isEqualTo(example.get("data"));
		JsonNode headers = documented.get("headers");
		assertThat(headers.get(CloudEvents.SPEC_VERSION_HEADER).stringValue()).isEqualTo(CloudEvents.SPEC_VERSION);
		assertThat(headers.get(CloudEvents.ID_HEADER)).isEqualTo(example.get("id"));
		assertThat(headers.get(CloudEvents.SOURCE_HEADER)).isEqualTo(example.get("source"));
		assertThat(headers.get(CloudEvents.TYPE_HEADER)).isEqualTo(example.get("type"));
		assertThat(headers.get(CloudEvents.TIME_HEADER)).isEqualTo(example.get("time"));
		assertThat(headers.get(CloudEvents.SUBJECT_HEADER)).isEqualTo(example.get("subject"));
		assertThat(headers.get(CloudEvents.DATA_SCHEMA_HEADER)).isEqualTo(example.get("dataschema"));
		assertThat(headers.get(CloudEvents.CONTENT_TYPE_HEADER).stringValue()).isEqualTo(CloudEvents.JSON);
	}

	@Test
	void everyOperationSendsOnADomainChannelFromThePublishersPointOfView() {
		List<String> sentTo = new ArrayList<>();
		DOCUMENT.get("operations").properties().forEach((entry) -> {
			JsonNode operation = entry.getValue();
			assertThat(operation.get("action").stringValue()).as(entry.getKey()).isEqualTo("send");
			String channelRef = operation.at("/channel/$ref").stringValue();
			sentTo.add(resolve(operation.get("channel")).get("address").stringValue());
			operation.get("messages")
				.forEach((message) -> assertThat(message.get("$ref").stringValue())
					.startsWith(channelRef + "/messages/"));
		});
		assertThat(sentTo).containsExactlyInAnyOrderElementsOf(Topics.ALL);
	}

	@Test
	void messageKeyIsTheCustomerIdAsAString() {
		DOCUMENT.at("/components/messageTraits").properties().forEach((trait) -> {
			JsonNode key = resolve(trait.getValue().at("/bindings/kafka/key"));
			assertThat(key.get("type").stringValue()).as(trait.getKey()).isEqualTo("string");
			assertThat(key.get("description").stringValue()).contains("customer id");
		});
	}

	@Test
	void binaryModeHeadersAreTheCloudEventsAttributes() {
		JsonNode binary = DOCUMENT.at("/components/schemas/BinaryModeHeaders");
		assertThat(binary.get("properties").propertyNames()).contains(CloudEvents.SPEC_VERSION_HEADER,
				CloudEvents.ID_HEADER, CloudEvents.SOURCE_HEADER, CloudEvents.TYPE_HEADER, CloudEvents.TIME_HEADER,
				CloudEvents.SUBJECT_HEADER, CloudEvents.DATA_SCHEMA_HEADER, CloudEvents.CONTENT_TYPE_HEADER);
		assertThat(binary.at("/properties/content-type/const").stringValue()).isEqualTo(CloudEvents.JSON);
		assertThat(binary.at("/properties/ce_specversion/const").stringValue()).isEqualTo(CloudEvents.SPEC_VERSION);
		assertThat(DOCUMENT.at("/components/schemas/StructuredModeHeaders/properties/content-type/const").stringValue())
			.isEqualTo(CloudEvents.STRUCTURED_CONTENT_TYPE);
	}

	@Test
	void everyReferenceResolves() {
		List<String> references = DOCUMENT.findValuesAsString("$ref");
		assertThat(references).isNotEmpty();
		for (String reference : references) {
			int hash = reference.indexOf('#');
			String file = (hash < 0) ? reference : reference.substring(0, hash);
			String pointer = (hash < 0) ? "" : reference.substring(hash + 1);
			JsonNode target;
			if (file.isEmpty()) {
				target = DOCUMENT;
			}
			else {
				String resource = URI.create(LOCATION).resolve(file).toString();
				assertThat(getClass().getClassLoader().getResource(resource)).as(reference).isNotNull();
				target = EventJson.resource(resource);
			}
			assertThat(target.at(pointer).isMissingNode()).as(reference).isFalse();
		}
	}

	@Test
	void referencesEverySchemaFile() {
		List<String> references = DOCUMENT.findValuesAsString("$ref");
		for (EventType type : EventType.values()) {
			assertThat(references).contains("./" + type.fileName() + ".schema.json");
		}
		assertThat(references).contains("./cloudevent.schema.json");
	}

	private static Map<String, JsonNode> channelsByAddress() {
		return DOCUMENT.get("channels")
			.values()
			.stream()
			.collect(Collectors.toMap((channel) -> channel.get("address").stringValue(), (channel) -> channel));
	}

	private static JsonNode resolve(JsonNode reference) {
		String ref = reference.get("$ref").stringValue();
		assertThat(ref).startsWith("#/");
		JsonNode target = DOCUMENT.at(ref.substring(1));
		assertThat(target.isMissingNode()).as(ref).isFalse();
		return target;
	}

}
