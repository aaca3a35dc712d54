package in.earlybird.notification.delivery.myoperator;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import in.earlybird.notification.delivery.myoperator.SendResult.Accepted;
import in.earlybird.notification.delivery.myoperator.SendResult.Rejected;
import org.apache.hc.client5.http.classic.ExecChainHandler;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.ChainElement;
import org.apache.hc.client5.http.impl.IdleConnectionEvictor;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.pool.PoolReusePolicy;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Sends WhatsApp template messages through MyOperator's API and reports every outcome,
 * network failures included, as a {@link SendResult} rather than an exception.
 *
 * <p>
 * Thread-safe; meant to be shared by many (virtual) threads. It owns an Apache
 * {@link CloseableHttpClient}, which keeps connections alive and pools them, so close it
 * (Spring does) when done.
 */
public class MyOperatorClient implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(MyOperatorClient.class);

	static final String MESSAGES_PATH = "/chat/messages";

	static final String APPROVED_TEMPLATES_PATH = "/chat/templates?waba_id={wabaId}&waba_template_status=approved";

	static final String COMPANY_ID_HEADER = "X-MYOP-COMPANY-ID";

	/** The most connections to MyOperator at once: one per request in flight. */
	private static final int MAX_CONNECTIONS = 2048;

	/**
	 * Each connection's input and output buffers. Requests are about 1 KB and answers
	 * smaller; the default of 32 KB, three times over for each of a thousand pooled
	 * connections, was 100 MB of a 256 MB heap.
	 */
	private static final int CONNECTION_BUFFER_BYTES = 4 * 1024;

	/** Connections idle this long are closed: the pool shrinks after a burst. */
	private static final TimeValue MAX_IDLE = TimeValue.ofSeconds(30);

	/** The request context attribute that holds a send's {@link BeforeWrite}. */
	private static final String BEFORE_WRITE = MyOperatorClient.class.getName() + ".beforeWrite";

	/**
	 * Runs a send's {@link BeforeWrite} once its connection is ready (leased, and
	 * connected if it was new), right before the request is written.
	 */
	private static final ExecChainHandler RUN_BEFORE_WRITE = (request, scope, chain) -> {
		if (scope.clientContext.getAttribute(BEFORE_WRITE) instanceof BeforeWrite beforeWrite) {
			try {
				beforeWrite.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new NotWritten(ex);
			}
		}
		return chain.proceed(request, scope);
	};

	/** {@code application/json}, exactly: no charset parameter (field). */
	private static final ContentType JSON_CONTENT = ContentType.create("application/json");

	/** Error bodies are short; a proxy's HTML page need not be read whole. */
	private static final int MAX_RESPONSE_BYTES = 64 * 1024;

	/**
	 * Our own mapper, so that the wire format is exactly MyOperator's whatever the
	 * application's Jackson settings (e.g. {@code reply_to: null} must stay).
	 */
	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final String phoneNumberId;

	private final CloseableHttpClient httpClient;

	private final IdleConnectionEvictor idleConnections;

	private final RestClient restClient;

	private final ProviderResponseClassifier classifier;

	private final ProviderState state;

	private final URI messagesUri;

	private final String authorization;

	private final String companyId;

	/**
	 * Creates a client on a plain {@link RestClient#builder()}.
	 * @param properties where and as whom to call MyOperator
	 */
	public MyOperatorClient(MyOperatorProperties properties) {
		this(properties, RestClient.builder());
	}

	/**
	 * Creates a client on a copy of the given builder (e.g. Spring Boot's, which brings
	 * observations and metrics), replacing its request factory, base URL and auth
	 * headers.
	 * @param properties where and as whom to call MyOperator
	 * @param restClientBuilder the builder to start from; it is not modified
	 */
	public MyOperatorClient(MyOperatorProperties properties, RestClient.Builder restClientBuilder) {
		this(properties, restClientBuilder, Clock.systemUTC());
	}

	MyOperatorClient(MyOperatorProperties properties, RestClient.Builder restClientBuilder, Clock clock) {
		// Fail at start-up, not on every send, if a secret cannot travel in a header.
		requireHeaderSafe(properties.apiKey(), "apiKey");
		requireHeaderSafe(properties.companyId(), "companyId");
		this.phoneNumberId = properties.phoneNumberId();
		// Apache HttpClient's classic (blocking) client: on virtual threads it costs a
		// fraction of the CPU per request of the JDK's asynchronous one, whose connection
		// pool also slows down as it grows. HTTP/1.1 with keep-alive, one pooled
		// connection per request in flight.
		// The most recently used connection is reused first, so the ones a burst opened
		// go idle and are closed.
		PoolingHttpClientConnectionManager connections = PoolingHttpClientConnectionManagerBuilder.create()
			.setConnectionFactory(ManagedHttpClientConnectionFactory.builder()
				.http1Config(Http1Config.custom().setBufferSize(CONNECTION_BUFFER_BYTES).build())
				.build())
			.setPoolConcurrencyPolicy(PoolConcurrencyPolicy.LAX)
			.setConnPoolPolicy(PoolReusePolicy.LIFO)
			.setMaxConnTotal(MAX_CONNECTIONS)
			.setMaxConnPerRoute(MAX_CONNECTIONS)
			.setDefaultConnectionConfig(ConnectionConfig.custom()
				.setConnectTimeout(Timeout.of(properties.connectTimeout()))
				.setSocketTimeout(Timeout.of(properties.readTimeout()))
				.setValidateAfterInactivity(TimeValue.ofSeconds(2))
				.build())
			.build();
		RequestConfig requestConfig = RequestConfig.custom()
			.setResponseTimeout(Timeout.of(properties.readTimeout()))
			.build();
		// No redirects, retries, cookies, authentication caching or content decoding:
		// a send needs none of them (it must never be retried behind our back), and each
		// costs CPU on every request. One step of our own runs once the connection is
		// ready, right before the request is written (BeforeWrite).
		this.httpClient = HttpClients.custom()
			.setConnectionManager(connections)
			.setDefaultRequestConfig(requestConfig)
			.disableAutomaticRetries()
			.disableRedirectHandling()
			.disableCookieManagement()
			.disableAuthCaching()
			.disableContentCompression()
			.disableConnectionState()
			.addExecInterceptorBefore(ChainElement.MAIN_TRANSPORT.name(), "before-write", RUN_BEFORE_WRITE)
			.build();
		this.idleConnections = new IdleConnectionEvictor(connections, MAX_IDLE);
		this.idleConnections.start();
		// Reads (the template list) go through RestClient, on the same client.
		HttpComponentsClientHttpRequestFactory requestFactory = new HttpComponentsClientHttpRequestFactory(
				this.httpClient);
		String authorization = "Bearer " + properties.apiKey();
		this.restClient = restClientBuilder.clone()
			.requestFactory(requestFactory)
			.baseUrl(properties.baseUrl())
			.defaultHeaders((headers) -> {
				headers.set(HttpHeaders.AUTHORIZATION, authorization);
				headers.set(COMPANY_ID_HEADER, properties.companyId());
				headers.setAccept(List.of(MediaType.APPLICATION_JSON));
			})
			.build();
		this.classifier = new ProviderResponseClassifier(properties.apiKey(), clock);
		this.state = new ProviderState(clock);
		this.messagesUri = UriComponentsBuilder.fromUri(properties.baseUrl()).path(MESSAGES_PATH).build().toUri();
		this.authorization = authorization;
		this.companyId = properties.companyId();

	}

	/**
	 * Sends a template message: {@code POST /chat/messages}.
	 * @param message the message
	 * @return {@link Accepted} with MyOperator's message id, or {@link Rejected} with the
	 * reason; never an exception for anything the network or MyOperator does
	 */
	public SendResult send(TemplateMessage message) {
		return send(message, BeforeWrite.NONE);
	}

	/**
	 * Sends a template message: {@code POST /chat/messages}, and waits with
	 * {@code beforeWrite} right before the request is written, once its connection is
	 * ready: a new connection (a TLS handshake) can take a good part of a second, which
	 * the request's count under the rate limit must not miss.
	 * @param message the message
	 * @param beforeWrite what to wait for; if it is interrupted, nothing is sent
	 * @return {@link Accepted} with MyOperator's message id, or {@link Rejected} with the
	 * reason; never an exception for anything the network or MyOperator does
	 */
	public SendResult send(TemplateMessage message, BeforeWrite beforeWrite) {
		SendResult result = checkBeforeSending(message);
		if (result == null) {
			try {
				result = post(message, beforeWrite);
				this.state.record(result);
			}
			catch (NotWritten ex) {
				result = Rejected.interruptedBeforeSending();
			}
		}
		log(message, result);
		return result;
	}

	/**
	 * Lists the templates Meta approved for a WhatsApp business account:
	 * {@code GET /chat/templates}; meant for a start-up check that every template we use
	 * exists.
	 * @param wabaId the WhatsApp business account id
	 * @return the approved templates that could be read from the answer
	 * @throws MyOperatorException if MyOperator refused, could not be reached, or
	 * answered with something that holds no list of templates
	 */
	public List<ApprovedTemplate> approvedTemplates(String wabaId) {
		try {
			return this.restClient.get()
				.uri(APPROVED_TEMPLATES_PATH, wabaId)
				.exchangeForRequiredValue((request, response) -> readTemplates(response), true);
		}
		catch (RestClientException ex) {
			throw new MyOperatorException("Listing approved templates", this.classifier.classify(ex));
		}
	}

	/**
	 * Returns what this client last heard from MyOperator.
	 * @return the live state, updated after every request {@link #send} makes
	 */
	public ProviderState state() {
		return this.state;
	}

	@Override
	public void close() {
		this.idleConnections.shutdown();
		this.httpClient.close(CloseMode.GRACEFUL);
	}

	private SendResult post(TemplateMessage message, BeforeWrite beforeWrite) throws NotWritten {
		HttpClientContext context = HttpClientContext.create();
		context.setAttribute(BEFORE_WRITE, beforeWrite);
		HttpPost request = new HttpPost(this.messagesUri);
		request.setHeader(HttpHeaders.AUTHORIZATION, this.authorization);
		request.setHeader(COMPANY_ID_HEADER, this.companyId);
		request.setHeader(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON_VALUE);
		request.setEntity(new ByteArrayEntity(
				JSON.writeValueAsBytes(SendMessageRequest.of(this.phoneNumberId, message)), JSON_CONTENT));
		try {
			return this.httpClient.execute(request, context, (response) -> {
				byte[] answer;
				HttpEntity entity = response.getEntity();
				try (InputStream in = (entity != null) ? entity.getContent() : InputStream.nullInputStream()) {
					// A buffer the size of the answer when it is known: answers are
					// small, and a 64 KB buffer per request was most of what this service
					// allocated.
					long length = (entity != null) ? entity.getContentLength() : 0;
					answer = in
						.readNBytes((length >= 0 && length < MAX_RESPONSE_BYTES) ? (int) length : MAX_RESPONSE_BYTES);
				}
				HttpHeaders headers = new HttpHeaders();
				Header retryAfter = response.getFirstHeader(HttpHeaders.RETRY_AFTER);
				if (retryAfter != null) {
					headers.set(HttpHeaders.RETRY_AFTER, retryAfter.getValue());
				}
				return this.classifier.classify(response.getCode(), headers, answer, message.to());
			});
		}
		catch (NotWritten ex) {
			throw ex;
		}
		catch (IOException ex) {
			return this.classifier.classify(ex);
		}
	}

	private List<ApprovedTemplate> readTemplates(ClientHttpResponse response) throws IOException {
		int status = response.getStatusCode().value();
		byte[] body = readBody(response);
		if (status < 200 || status >= 300) {
			throw new MyOperatorException("Listing approved templates",
					this.classifier.classifyError(status, response.getHeaders(), body));
		}
		try {
			return ApprovedTemplateParser.parse(JSON.readTree(body));
		}
		catch (JacksonException | IllegalArgumentException ex) {
			Rejected unreadable = new Rejected(FailureKind.TRANSIENT, "UNPARSEABLE_RESPONSE",
					this.classifier
						.safeReason("HTTP " + status + " without a readable template list: " + ex.getMessage(), null),
					null, status);
			throw new MyOperatorException("Listing approved templates", unreadable);
		}
	}

	private static byte[] readBody(ClientHttpResponse response) throws IOException {
		return response.getBody().readNBytes(MAX_RESPONSE_BYTES);
	}

	private static @Nullable Rejected checkBeforeSending(TemplateMessage message) {
		String problem = null;
		if (message.refId().isBlank()) {
			problem = "refId is blank";
		}
		else if (message.templateName().isBlank() || message.language().isBlank()) {
			problem = "template name or language is blank";
		}
		else {
			for (int i = 0; i < message.parameters().size() && problem == null; i++) {
				if (message.parameters().get(i).isBlank()) {
					// WhatsApp refuses empty parameters; no need to ask
					problem = "parameter " + (i + 1) + " is blank";
				}
			}
		}
		return (problem != null) ? new Rejected(FailureKind.INVALID_MESSAGE, "INVALID_TEMPLATE_MESSAGE", problem, null,
				Rejected.NO_RESPONSE) : null;
	}

	private static void log(TemplateMessage message, SendResult result) {
		switch (result) {
			case Accepted accepted -> {
				if (logger.isDebugEnabled()) {
					logger.debug("MyOperator accepted {} ({}) to {} as {}", message.refId(), message.templateName(),
							message.to().masked(), accepted.messageId());
				}
			}
			case Rejected rejected -> {
				Level level = switch (rejected.kind()) {
					// every send fails until someone acts
					case CONFIGURATION, INSUFFICIENT_BALANCE, IN_DOUBT -> Level.WARN;
					case INVALID_MESSAGE, MARKETING_LIMITED -> Level.INFO;
					// the caller retries; it logs when it gives up
					case TRANSIENT, RATE_LIMITED, RECIPIENT_RATE_LIMITED -> Level.DEBUG;
				};
				if (logger.isEnabledForLevel(level)) {
					logger.atLevel(level)
						.log("MyOperator rejected {} ({}) to {}: {} {} (HTTP {}): {}", message.refId(),
								message.templateName(), message.to().masked(), rejected.kind(), rejected.code(),
								rejected.httpStatus(), rejected.reason());
				}
			}
		}
	}

	private static void requireHeaderSafe(String value, String name) {
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (c < 0x20 || c > 0x7e) {
				throw new IllegalArgumentException(
						"notification.myoperator." + name + " holds a character that cannot be sent in an HTTP header");
			}
		}
	}

	/** The body of {@code POST /chat/messages} for a template (field). */
	@JsonPropertyOrder({ "phone_number_id", "customer_country_code", "customer_number", "data", "reply_to",
			"myop_ref_id" })
	record SendMessageRequest(@JsonProperty("phone_number_id") String phoneNumberId,
			@JsonProperty("customer_country_code") String customerCountryCode,
			@JsonProperty("customer_number") String customerNumber, @JsonProperty("data") Data data,
			@JsonProperty("reply_to") @Nullable String replyTo, @JsonProperty("myop_ref_id") String myopRefId) {

		static SendMessageRequest of(String phoneNumberId, TemplateMessage message) {
			// positional parameters become an object keyed "1", "2", … (not an array)
			Map<String, String> body = new LinkedHashMap<>();
			List<String> parameters = message.parameters();
			for (int i = 0; i < parameters.size(); i++) {
				body.put(Integer.toString(i + 1), parameters.get(i));
			}
			Context context = new Context(message.templateName(), message.language(), body);
			return new SendMessageRequest(phoneNumberId, message.to().countryCode(), message.to().nationalNumber(),
					new Data("template", context), null, message.refId());
		}

	}

	/** {@code data}: the message type and its content; no {@code language} here. */
	@JsonPropertyOrder({ "type", "context" })
	record Data(@JsonProperty("type") String type, @JsonProperty("context") Context context) {
	}

	/** {@code data.context} of a template message. */
	@JsonPropertyOrder({ "template_name", "language", "body" })
	record Context(@JsonProperty("template_name") String templateName, @JsonProperty("language") String language,
			@JsonProperty("body") Map<String, String> body) {
	}

	/**
	 * Waits right before a request is written, once its connection is ready; e.g. counts
	 * the request's start under the rate limit when it really happens.
	 */
	@FunctionalInterface
	public interface BeforeWrite {

		/** Waits for nothing. */
		BeforeWrite NONE = () -> {
		};

		/**
		 * Waits until the request may be written.
		 * @throws InterruptedException if interrupted: the request is not sent
		 */
		void await() throws InterruptedException;

	}

	/** A {@link BeforeWrite} was interrupted: the request was not written. */
	private static final class NotWritten extends InterruptedIOException {

		private static final long serialVersionUID = 1L;

		NotWritten(InterruptedException cause) {
			super("interrupted before sending");
			initCause(cause);
		}

	}

}
