package in.earlybird.notification.admin;

import in.earlybird.notification.TestTokens;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.request.MockMvcRequestBuilders;

/** Calls to the admin API as an admin or a viewer, answers read as JSON. */
final class AdminCalls {

	static final String API = "/api/notifications";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final MockMvc mvc;

	AdminCalls(MockMvc mvc) {
		this.mvc = mvc;
	}

	Answer get(String token, String path) throws Exception {
		return perform(token, MockMvcRequestBuilders.get(java.net.URI.create(path)));
	}

	Answer post(String token, String path, String body) throws Exception {
		return perform(token, MockMvcRequestBuilders.post(path).contentType(MediaType.APPLICATION_JSON).content(body));
	}

	Answer put(String token, String path, String body) throws Exception {
		return perform(token, MockMvcRequestBuilders.put(path).contentType(MediaType.APPLICATION_JSON).content(body));
	}

	Answer asAdmin(MockHttpServletRequestBuilder request) throws Exception {
		return perform(TestTokens.admin(), request);
	}

	Answer perform(String token, MockHttpServletRequestBuilder request) throws Exception {
		if (token != null) {
			request.header(HttpHeaders.AUTHORIZATION, "Bearer " + token);
		}
		MvcResult result = this.mvc.perform(request).andReturn();
		return new Answer(result);
	}

	/** An answer, its body read as JSON. */
	record Answer(MvcResult result) {

		int status() {
			return this.result.getResponse().getStatus();
		}

		String text() throws Exception {
			return this.result.getResponse().getContentAsString();
		}

		JsonNode json() throws Exception {
			return JSON.readTree(text());
		}

		String header(String name) {
			return this.result.getResponse().getHeader(name);
		}

	}

}
