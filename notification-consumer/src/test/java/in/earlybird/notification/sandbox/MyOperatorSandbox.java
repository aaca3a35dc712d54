package in.earlybird.notification.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import in.earlybird.notification.sandbox.SendRequestValidator.Invalid;
import in.earlybird.notification.sandbox.SendRequestValidator.Valid;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * A local MyOperator: a plain JDK HTTP server that answers {@code /chat/messages},
 * {@code /chat/templates} and {@code /chat/phonenumbers} like MyOperator, refuses (and
 * records) every request that breaks the documented rules, records what it accepts, and
 * fails on demand, from Java or over HTTP under {@code /_sandbox/}.
 *
 * <p>
 * Control endpoints, for curl:
 * <ul>
 * <li>{@code POST /_sandbox/mode} with e.g.
 * {@code {"mode":"RATE_LIMITED","retryAfterSeconds":2}},
 * {@code {"mode":"PERMANENT","code":"CHAT_0302","next":3}},
 * {@code {"mode":"HTTP_500","number":"9876543210","times":1}},
 * {@code {"mode":"SLOW","delayMillis":250}},
 * {@code {"mode":"TIMEOUT","delayMillis":15000}}; {@code GET /_sandbox/mode} shows the
 * plan;</li>
 * <li>{@code POST /_sandbox/latency} {@code {"millis":100}};
 * {@code POST /_sandbox/conversation-id} {@code {"misspelt":true}};</li>
 * <li>{@code GET /_sandbox/messages?refId=…&limit=…}, {@code GET /_sandbox/rejections},
 * {@code GET /_sandbox/stats}, {@code POST /_sandbox/reset}.</li>
 * </ul>
 */
public final class MyOperatorSandbox implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(MyOperatorSandbox.class);

	static {
		tuneJdkHttpServer();
	}

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** Typos in a curl command should fail loudly. */
	private static final JsonMapper CONTROL_JSON = JsonMapper.builder()
		.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
		.build();

	private static final String APPLICATION_JSON = "application/json";

	private static final byte[] UNAUTHORIZED = "{\"message\":\"Unauthorized\"}".getBytes(StandardCharsets.UTF_8);

	private static final byte[] FORBIDDEN = "{\"message\":\"Forbidden\"}".getBytes(StandardCharsets.UTF_8);

	private static final byte[] NULL_MESSAGE = "{\"message\":null}".getBytes(StandardCharsets.UTF_8);

	private static final byte[] SERVICE_UNAVAILABLE = ("<html><head><title>503 Service Temporarily Unavailable</title>"
			+ "</head><body><center><h1>503 Service Temporarily Unavailable</h1></center></body></html>")
		.getBytes(StandardCharsets.UTF_8);

	private static final int MAX_REQUEST_BYTES = 1024 * 1024;

	/**
	 * Human-readable messages for codes a {@link SandboxMode#permanent(String)} may use.
	 */
	private static final Map<String, String> CODE_MESSAGES = Map.of("CHAT_4001", "Insufficient wallet balance",
			"CHAT_0302", "WABA is disabled", "CHAT_0303", "Phone number is disabled", "CHAT_0304",
			"Phone number is not connected", "131026", "Message undeliverable", "131047",
			"Re-engagement message: more than 24 hours have passed since the customer last replied", "132001",
			"Template name does not exist in the translation", "130429", "Rate limit hit");

	private final SandboxSettings settings;

	private final HttpServer server;

	private final ExecutorService executor;

	private final URI baseUrl;

	private final SendRequestValidator validator;

	private final FaultPlan faults = new FaultPlan();

	private final Clock clock = Clock.systemUTC();

	private final ConcurrentLinkedDeque<ReceivedMessage> received = new ConcurrentLinkedDeque<>();

	private final AtomicInteger recordedCount = new AtomicInteger();

	private final Map<String, AtomicInteger> countsByRefId = new ConcurrentHashMap<>();

	private final LongAdder receivedTotal = new LongAdder();

	/** Every accepted message since the last reset, in short: what benchmarks count. */
	private final ConcurrentLinkedQueue<Arrival> arrivals = new ConcurrentLinkedQueue<>();

	/** When each exchange in progress arrived (exchanges compare by identity). */
	private final Map<HttpExchange, Instant> arrivedAt = new ConcurrentHashMap<>();

	private final ConcurrentLinkedQueue<Rejection> rejections = new ConcurrentLinkedQueue<>();

	private final LongAdder faultsServed = new LongAdder();

	private volatile boolean misspelt;

	private MyOperatorSandbox(SandboxSettings settings) {
		this.settings = settings;
		this.validator = new SendRequestValidator(settings);
		InetSocketAddress address = new InetSocketAddress(settings.host(), settings.port());
		try {
			// a deep backlog: benchmarks open a thousand connections at once
			this.server = HttpServer.create(address, 4096);
		}
		catch (BindException ex) {
			throw new IllegalStateException("MyOperator sandbox cannot listen on " + settings.host() + ":"
					+ settings.port() + ": the port is already in use (" + ex.getMessage() + ")", ex);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(
					"MyOperator sandbox cannot listen on " + settings.host() + ":" + settings.port(), ex);
		}
		// Platform threads, pooled: the arrival time is read as the handler starts, and a
		// virtual thread would first wait for a free carrier, which on a busy machine
		// bunches arrival times that were spread out on the wire.
		this.executor = Executors
			.newCachedThreadPool(Thread.ofPlatform().name("myoperator-sandbox-", 0).daemon().factory());
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::handle);
		this.server.start();
		InetSocketAddress bound = this.server.getAddress();
		this.baseUrl = URI.create("http://" + hostForUrl(settings.host()) + ":" + bound.getPort());
	}

	/**
	 * Starts a sandbox.
	 * @param settings what to listen on and accept
	 * @return the running sandbox
	 * @throws IllegalStateException if the port is taken
	 */
	public static MyOperatorSandbox start(SandboxSettings settings) {
		MyOperatorSandbox sandbox = new MyOperatorSandbox(settings);
		logger.info("MyOperator sandbox listening on {} (control endpoints under /_sandbox/)", sandbox.baseUrl);
		return sandbox;
	}

	/**
	 * Starts a sandbox on loopback with the given credentials.
	 * @param port the port, or 0 for any free one
	 * @param apiKey the API key to accept
	 * @param companyId the company id to accept
	 * @param phoneNumberId the phone number id to accept
	 * @return the running sandbox
	 * @throws IllegalStateException if the port is taken
	 */
	public static MyOperatorSandbox start(int port, String apiKey, String companyId, String phoneNumberId) {
		return start(SandboxSettings.of(port, apiKey, companyId, phoneNumberId));
	}

	/**
	 * Returns the URL to configure as MyOperator's base URL.
	 * @return e.g. {@code http://127.0.0.1:51234}
	 */
	public URI baseUrl() {
		return this.baseUrl;
	}

	/**
	 * Returns the port the sandbox listens on.
	 * @return the port
	 */
	public int port() {
		return this.baseUrl.getPort();
	}

	/**
	 * Returns the settings the sandbox started with.
	 * @return the settings
	 */
	public SandboxSettings settings() {
		return this.settings;
	}

	/**
	 * Sets how every valid send is answered, unless a countdown or a number says
	 * otherwise.
	 * @param mode the mode
	 */
	public void setMode(SandboxMode mode) {
		this.faults.global(mode);
	}

	/**
	 * Returns the mode for sends without a countdown or number rule.
	 * @return the mode
	 */
	public SandboxMode mode() {
		return this.faults.global();
	}

	/**
	 * Answers the next {@code count} valid sends with a mode, then goes back to the
	 * global mode; countdowns queue up.
	 * @param count how many sends
	 * @param mode the mode
	 */
	public void failNext(int count, SandboxMode mode) {
		this.faults.next(count, mode);
	}

	/**
	 * Answers every valid send to a number with a mode, until {@link #clearModes()}.
	 * @param number the national number ({@code 9876543210}) or country code and number
	 * ({@code +919876543210})
	 * @param mode the mode
	 */
	public void failFor(String number, SandboxMode mode) {
		this.faults.forNumber(number, null, mode);
	}

	/**
	 * Answers the next {@code times} valid sends to a number with a mode, then normally.
	 * @param number the national number or country code and number
	 * @param times how many sends
	 * @param mode the mode
	 */
	public void failFor(String number, int times, SandboxMode mode) {
		this.faults.forNumber(number, times, mode);
	}

	/**
	 * Adds a latency to every {@code /chat/…} request, on top of any mode.
	 * @param latency the latency
	 */
	public void setLatency(Duration latency) {
		this.faults.latency(latency);
	}

	/**
	 * Spells the success body's {@code conversation_id} as {@code conversaton_id}, as
	 * some MyOperator responses do.
	 * @param misspelt whether to misspell it
	 */
	public void misspellConversationId(boolean misspelt) {
		this.misspelt = misspelt;
	}

	/** Back to answering normally: no modes, countdowns, number rules or latency. */
	public void clearModes() {
		this.faults.clear();
	}

	/**
	 * Returns the accepted messages still kept, oldest first.
	 * @return the messages
	 */
	public List<ReceivedMessage> received() {
		return List.copyOf(this.received);
	}

	/**
	 * Returns the accepted messages with a {@code myop_ref_id}, oldest first.
	 * @param refId the reference
	 * @return the messages, usually one
	 */
	public List<ReceivedMessage> receivedFor(String refId) {
		List<ReceivedMessage> matching = new ArrayList<>();
		for (ReceivedMessage message : this.received) {
			if (message.refId().equals(refId)) {
				matching.add(message);
			}
		}
		return List.copyOf(matching);
	}

	/**
	 * Counts accepted messages by {@code myop_ref_id}, over all messages since the last
	 * reset (not only those kept).
	 * @return the counts
	 */
	public Map<String, Integer> countByRefId() {
		Map<String, Integer> counts = new HashMap<>();
		this.countsByRefId.forEach((refId, count) -> counts.put(refId, count.get()));
		return Map.copyOf(counts);
	}

	/**
	 * Returns the references that were accepted more than once: duplicate sends.
	 * @return the references, sorted
	 */
	public Set<String> duplicateRefIds() {
		Set<String> duplicates = new TreeSet<>();
		this.countsByRefId.forEach((refId, count) -> {
			if (count.get() > 1) {
				duplicates.add(refId);
			}
		});
		return duplicates;
	}

	/**
	 * Returns when every message accepted since the last reset arrived (the moment its
	 * request came in, before any simulated latency), whether or not it is kept in full.
	 * @return the arrivals, in the order they were accepted
	 */
	public List<Arrival> arrivals() {
		return List.copyOf(this.arrivals);
	}

	/**
	 * Counts the arrivals since the last reset that match, without copying them.
	 * @param which which arrivals
	 * @return how many
	 */
	public long countArrivals(Predicate<Arrival> which) {
		return this.arrivals.stream().filter(which).count();
	}

	/**
	 * Counts accepted messages since the last reset.
	 * @return the count
	 */
	public long receivedCount() {
		return this.receivedTotal.sum();
	}

	/**
	 * Returns the requests refused for breaking MyOperator's rules, oldest first.
	 * @return the rejections; empty when the client behaved
	 */
	public List<Rejection> rejections() {
		return List.copyOf(this.rejections);
	}

	/**
	 * Counts the sends answered with a simulated failure since the last reset.
	 * @return the count
	 */
	public long faultsServed() {
		return this.faultsServed.sum();
	}

	/** Forgets every record and goes back to answering normally. */
	public void reset() {
		clearModes();
		this.misspelt = false;
		this.received.clear();
		this.recordedCount.set(0);
		this.countsByRefId.clear();
		this.receivedTotal.reset();
		this.rejections.clear();
		this.faultsServed.reset();
		this.arrivals.clear();
	}

	/** Stops listening and interrupts held requests. */
	@Override
	public void close() {
		this.server.stop(0);
		this.executor.shutdownNow();
	}

	private void handle(HttpExchange exchange) throws IOException {
		// The moment the request arrived, before any simulated latency. Not an exchange
		// attribute: the JDK server keeps those on the context, shared by every exchange,
		// so a slow answer would read the arrival of the latest request instead.
		this.arrivedAt.put(exchange, this.clock.instant());
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			if (path.startsWith("/_sandbox/")) {
				control(exchange, path);
				return;
			}
			pause(this.faults.latency());
			switch (path) {
				case "/chat/messages" -> messages(exchange);
				case "/chat/templates" -> templates(exchange);
				case "/chat/phonenumbers" -> phoneNumbers(exchange);
				default -> respond(exchange, 404, "{\"message\":\"Not Found\"}".getBytes(StandardCharsets.UTF_8));
			}
		}
		catch (InterruptedException ex) {
			// closing: drop the request
			Thread.currentThread().interrupt();
		}
		finally {
			this.arrivedAt.remove(exchange);
		}
	}

	private void messages(HttpExchange exchange) throws IOException, InterruptedException {
		if (!"POST".equals(exchange.getRequestMethod())) {
			exchange.getResponseHeaders().set("Allow", "POST");
			refuse(exchange, 405, "405", "use POST", null);
			return;
		}
		if (!authorized(exchange)) {
			return;
		}
		String contentType = mediaType(exchange.getRequestHeaders().getFirst("Content-Type"));
		if (!APPLICATION_JSON.equals(contentType)) {
			refuse(exchange, 415, "415", "Content-Type must be application/json, not " + contentType, null);
			return;
		}
		byte[] body = readBody(exchange);
		if (body == null) {
			refuse(exchange, 413, "413", "request body is larger than " + MAX_REQUEST_BYTES + " bytes", null);
			return;
		}
		Valid message;
		try {
			message = this.validator.check(body);
		}
		catch (Invalid ex) {
			refuse(exchange, ex.status(), ex.code(), ex.reason(), ex.refId());
			return;
		}
		SandboxMode mode = this.faults.modeFor(message.countryCode(), message.number());
		if (mode.kind() != SandboxMode.Kind.NONE && mode.kind() != SandboxMode.Kind.SLOW) {
			this.faultsServed.increment();
		}
		switch (mode.kind()) {
			case NONE -> accept(exchange, message, body);
			case SLOW -> {
				pause(mode.delay());
				accept(exchange, message, body);
			}
			case HTTP_500 -> respond(exchange, 500, NULL_MESSAGE);
			case HTTP_503 -> respond(exchange, 503, SERVICE_UNAVAILABLE, "text/html");
			case RATE_LIMITED -> {
				if (mode.retryAfter().toSeconds() > 0) {
					exchange.getResponseHeaders().set("Retry-After", Long.toString(mode.retryAfter().toSeconds()));
				}
				respond(exchange, 429, envelope("429", "Too Many Requests"));
			}
			case TIMEOUT -> {
				pause(mode.delay());
				respond(exchange, 504, envelope("504", "Gateway Timeout"));
			}
			case ACCEPT_THEN_TIMEOUT -> accept(exchange, message, body, mode.delay());
			case PERMANENT -> permanent(exchange, mode.code());
			// no status line, no headers: the client sees the connection close under it
			case CONNECTION_RESET -> exchange.close();
		}
	}

	private void permanent(HttpExchange exchange, @Nullable String code) throws IOException {
		String value = (code != null) ? code : "400";
		if (value.matches("[1-5]\\d\\d")) {
			int status = Integer.parseInt(value);
			respond(exchange, status, switch (status) {
				case 401 -> UNAUTHORIZED;
				case 403 -> FORBIDDEN;
				default -> envelope(value, "Simulated HTTP " + status);
			});
			return;
		}
		respond(exchange, 400, envelope(value, CODE_MESSAGES.getOrDefault(value, "Simulated failure " + value)));
	}

	private void accept(HttpExchange exchange, Valid message, byte[] body) throws IOException {
		try {
			accept(exchange, message, body, Duration.ZERO);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void accept(HttpExchange exchange, Valid message, byte[] body, Duration answerAfter)
			throws IOException, InterruptedException {
		String messageId = randomUuid().toString();
		String conversationId = UUID
			.nameUUIDFromBytes((message.countryCode() + message.number()).getBytes(StandardCharsets.UTF_8))
			.toString();
		Headers requestHeaders = exchange.getRequestHeaders();
		Map<String, List<String>> headers = new LinkedHashMap<>();
		requestHeaders.forEach((name, values) -> {
			if (!"Authorization".equalsIgnoreCase(name)) {
				headers.put(name, List.copyOf(values));
			}
		});
		String authorization = requestHeaders.getFirst("Authorization");
		String scheme = (authorization != null) ? authorization.split(" ", 2)[0] : "";
		record(new ReceivedMessage(message.refId(), message.countryCode(), message.number(), message.type(),
				message.templateName(), message.language(), message.parameters(), message.text(),
				this.arrivedAt.get(exchange), messageId, conversationId, scheme, headers,
				new String(body, StandardCharsets.UTF_8)));
		String response = "{\"status\":\"success\",\"code\":\"200\",\"message\":\"Accepted\",\"data\":{\""
				+ (this.misspelt ? "conversaton_id" : "conversation_id") + "\":\"" + conversationId
				+ "\",\"message_id\":\"" + messageId + "\"}}";
		if (answerAfter.isPositive()) {
			pause(answerAfter);
		}
		respond(exchange, 200, response.getBytes(StandardCharsets.UTF_8));
	}

	private void record(ReceivedMessage message) {
		this.arrivals.add(new Arrival(message.refId(), message.countryCode() + message.number(), message.receivedAt(),
				message.messageId()));
		this.receivedTotal.increment();
		this.countsByRefId.computeIfAbsent(message.refId(), (refId) -> new AtomicInteger()).incrementAndGet();
		if (this.settings.maxRecordedMessages() == 0) {
			return;
		}
		this.received.addLast(message);
		if (this.recordedCount.incrementAndGet() > this.settings.maxRecordedMessages()
				&& this.received.pollFirst() != null) {
			this.recordedCount.decrementAndGet();
		}
	}

	private void templates(HttpExchange exchange) throws IOException {
		if (!"GET".equals(exchange.getRequestMethod())) {
			exchange.getResponseHeaders().set("Allow", "GET");
			refuse(exchange, 405, "405", "use GET", null);
			return;
		}
		if (!authorized(exchange)) {
			return;
		}
		Map<String, String> query = query(exchange.getRequestURI());
		String wabaId = query.get("waba_id");
		if (wabaId == null || wabaId.isBlank()) {
			refuse(exchange, 400, "400", "waba_id is required", null);
			return;
		}
		if (!wabaId.equals(this.settings.wabaId())) {
			refuse(exchange, 400, "400", "waba_id '" + wabaId + "' is not this account's", null);
			return;
		}
		String status = query.get("waba_template_status");
		List<Map<String, Object>> results = new ArrayList<>();
		if (status == null || status.equalsIgnoreCase("approved")) {
			for (SandboxSettings.Template template : this.settings.templates()) {
				Map<String, Object> item = new LinkedHashMap<>();
				item.put("id",
						UUID.nameUUIDFromBytes(
								(template.name() + "/" + template.language()).getBytes(StandardCharsets.UTF_8))
							.toString());
				item.put("name", template.name());
				item.put("language", template.language());
				item.put("category", template.category());
				item.put("status", "APPROVED");
				item.put("components", List.of(Map.of("type", "BODY", "text", template.bodyText())));
				results.add(item);
			}
		}
		respond(exchange, 200, success(Map.of("results", results)));
	}

	private void phoneNumbers(HttpExchange exchange) throws IOException {
		if (!"GET".equals(exchange.getRequestMethod())) {
			exchange.getResponseHeaders().set("Allow", "GET");
			refuse(exchange, 405, "405", "use GET", null);
			return;
		}
		if (!authorized(exchange)) {
			return;
		}
		Map<String, Object> number = new LinkedHashMap<>();
		number.put("id", this.settings.phoneNumberId());
		number.put("phone_number_id", this.settings.phoneNumberId());
		number.put("display_phone_number", "+91 22 0000 0000");
		number.put("verified_name", "EarlyBird (sandbox)");
		number.put("waba_id", this.settings.wabaId());
		number.put("status", "CONNECTED");
		respond(exchange, 200, success(Map.of("results", List.of(number))));
	}

	/**
	 * Applies MyOperator's auth rules: a missing or wrong key is 401, a lowercase
	 * {@code bearer} is 403 (observed); a missing company id is 401, another company's is
	 * 403 (the key authenticates, but not for that company).
	 */
	private boolean authorized(HttpExchange exchange) throws IOException {
		Headers headers = exchange.getRequestHeaders();
		String authorization = headers.getFirst("Authorization");
		if (authorization == null || authorization.isBlank()) {
			refuse(exchange, 401, "401", "Authorization header is missing", null);
			return false;
		}
		String[] parts = authorization.split(" ", 2);
		if (!"Bearer".equalsIgnoreCase(parts[0])) {
			refuse(exchange, 401, "401", "Authorization scheme must be Bearer", null);
			return false;
		}
		if (!"Bearer".equals(parts[0])) {
			refuse(exchange, 403, "403", "Authorization scheme must be spelt 'Bearer', not '" + parts[0] + "'", null);
			return false;
		}
		if (parts.length < 2 || !constantTimeEquals(parts[1], this.settings.apiKey())) {
			refuse(exchange, 401, "401", "API key is wrong", null);
			return false;
		}
		String companyId = headers.getFirst("X-MYOP-COMPANY-ID");
		if (companyId == null || companyId.isBlank()) {
			refuse(exchange, 401, "401", "X-MYOP-COMPANY-ID header is missing", null);
			return false;
		}
		if (!companyId.equals(this.settings.companyId())) {
			refuse(exchange, 403, "403", "X-MYOP-COMPANY-ID does not match the API key's company", null);
			return false;
		}
		String accept = headers.getFirst("Accept");
		if (accept != null
				&& !(accept.contains(APPLICATION_JSON) || accept.contains("application/*") || accept.contains("*/*"))) {
			refuse(exchange, 406, "406", "Accept must allow application/json, not " + accept, null);
			return false;
		}
		return true;
	}

	private void refuse(HttpExchange exchange, int status, String code, @Nullable String reason, @Nullable String refId)
			throws IOException {
		String path = exchange.getRequestURI().getPath();
		String why = (reason != null) ? reason : "answered " + status + " {\"message\": null}";
		this.rejections
			.add(new Rejection(this.clock.instant(), exchange.getRequestMethod(), path, status, code, why, refId));
		if (logger.isInfoEnabled()) {
			logger.info("MyOperator sandbox refused {} {} ({}) with {} {}: {}", exchange.getRequestMethod(), path,
					refId, status, code, why.replaceAll("\\d{6,}", "…"));
		}
		byte[] body;
		if (status == 401) {
			body = UNAUTHORIZED;
		}
		else if (status == 403) {
			body = FORBIDDEN;
		}
		else if (reason == null) {
			body = NULL_MESSAGE;
		}
		else {
			body = envelope(code, reason);
		}
		respond(exchange, status, body);
	}

	private void control(HttpExchange exchange, String path) throws IOException {
		String method = exchange.getRequestMethod();
		try {
			switch (method + " " + path) {
				case "GET /_sandbox/mode" -> respondJson(exchange, modeState());
				case "POST /_sandbox/mode" -> {
					ModeRequest request = CONTROL_JSON.readValue(requestBytes(exchange), ModeRequest.class);
					request.apply(this);
					respondJson(exchange, modeState());
				}
				case "POST /_sandbox/latency" -> {
					LatencyRequest request = CONTROL_JSON.readValue(requestBytes(exchange), LatencyRequest.class);
					setLatency(Duration.ofMillis(request.millis()));
					respondJson(exchange, modeState());
				}
				case "POST /_sandbox/conversation-id" -> {
					SpellingRequest request = CONTROL_JSON.readValue(requestBytes(exchange), SpellingRequest.class);
					misspellConversationId(request.misspelt());
					respondJson(exchange, modeState());
				}
				case "GET /_sandbox/messages" -> {
					Map<String, String> query = query(exchange.getRequestURI());
					String refId = query.get("refId");
					List<ReceivedMessage> messages = (refId != null) ? receivedFor(refId) : received();
					int limit = Integer.parseInt(query.getOrDefault("limit", "1000"));
					List<ReceivedMessage> latest = messages.subList(Math.max(0, messages.size() - limit),
							messages.size());
					respondJson(exchange, Map.of("total", receivedCount(), "messages", latest));
				}
				case "GET /_sandbox/rejections" -> respondJson(exchange, Map.of("rejections", rejections()));
				case "GET /_sandbox/stats" -> respondJson(exchange, Map.of("received", receivedCount(), "rejections",
						this.rejections.size(), "faultsServed", faultsServed(), "duplicateRefIds", duplicateRefIds()));
				case "POST /_sandbox/reset" -> {
					reset();
					respondJson(exchange, modeState());
				}
				default -> respond(exchange, 404, envelope("404", "no sandbox endpoint " + method + " " + path));
			}
		}
		catch (JacksonException | IllegalArgumentException ex) {
			respond(exchange, 400, envelope("400", "bad sandbox control request: " + ex.getMessage()));
		}
	}

	private Map<String, Object> modeState() {
		Map<String, Object> state = new LinkedHashMap<>(this.faults.describe());
		state.put("misspellConversationId", this.misspelt);
		return state;
	}

	private void respondJson(HttpExchange exchange, Object body) throws IOException {
		respond(exchange, 200, JSON.writeValueAsBytes(body));
	}

	private static void respond(HttpExchange exchange, int status, byte[] body) throws IOException {
		respond(exchange, status, body, APPLICATION_JSON);
	}

	private static void respond(HttpExchange exchange, int status, byte[] body, String contentType) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", contentType);
		exchange.sendResponseHeaders(status, (body.length == 0) ? -1 : body.length);
		if (body.length > 0) {
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(body);
			}
		}
	}

	private static byte[] envelope(String code, String message) {
		Map<String, Object> envelope = new LinkedHashMap<>();
		envelope.put("status", "error");
		envelope.put("code", code);
		envelope.put("message", message);
		return JSON.writeValueAsBytes(envelope);
	}

	private static byte[] success(Object data) {
		Map<String, Object> envelope = new LinkedHashMap<>();
		envelope.put("status", "success");
		envelope.put("code", "200");
		envelope.put("message", "OK");
		envelope.put("data", data);
		return JSON.writeValueAsBytes(envelope);
	}

	private static byte @Nullable [] readBody(HttpExchange exchange) throws IOException {
		// Read what Content-Length announces rather than asking for the limit: asking
		// for 1 MiB allocates a 16 KiB buffer per request, a fifth of what this server
		// allocated at 1,000 requests a second.
		long announced = announcedLength(exchange);
		int wanted = (announced >= 0 && announced <= MAX_REQUEST_BYTES) ? (int) announced : MAX_REQUEST_BYTES + 1;
		try (InputStream in = exchange.getRequestBody()) {
			byte[] body = in.readNBytes(wanted);
			if (body.length <= MAX_REQUEST_BYTES) {
				return body;
			}
			// Read the rest before answering 413: a server that closes with a body
			// unread resets the connection, and the client may see the reset instead
			// of the answer.
			in.transferTo(OutputStream.nullOutputStream());
			return null;
		}
	}

	private static long announcedLength(HttpExchange exchange) {
		String length = exchange.getRequestHeaders().getFirst("Content-Length");
		if (length == null) {
			return -1;
		}
		try {
			return Long.parseLong(length.trim());
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	private static byte[] requestBytes(HttpExchange exchange) throws IOException {
		byte[] body = readBody(exchange);
		if (body == null || body.length == 0) {
			throw new IllegalArgumentException("a JSON body is required");
		}
		return body;
	}

	private static String mediaType(@Nullable String contentType) {
		if (contentType == null) {
			return "(none)";
		}
		int semicolon = contentType.indexOf(';');
		return ((semicolon >= 0) ? contentType.substring(0, semicolon) : contentType).trim().toLowerCase(Locale.ROOT);
	}

	private static Map<String, String> query(URI uri) {
		Map<String, String> query = new HashMap<>();
		String raw = uri.getRawQuery();
		if (raw == null) {
			return query;
		}
		for (String pair : raw.split("&")) {
			int equals = pair.indexOf('=');
			String name = URLDecoder.decode((equals >= 0) ? pair.substring(0, equals) : pair, StandardCharsets.UTF_8);
			String value = (equals >= 0) ? URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8) : "";
			query.putIfAbsent(name, value);
		}
		return query;
	}

	private static void pause(Duration duration) throws InterruptedException {
		if (!duration.isZero()) {
			Thread.sleep(duration);
		}
	}

	private static boolean constantTimeEquals(String given, String expected) {
		return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
	}

	/** A version-4 UUID without {@code SecureRandom}'s lock: ids need not be secret. */
	private static UUID randomUuid() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long most = (random.nextLong() & ~0xF000L) | 0x4000L;
		long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(most, least);
	}

	private static String hostForUrl(String host) {
		return host.contains(":") ? "[" + host + "]" : host;
	}

	/**
	 * The JDK server reads these once per process; the defaults (200 idle connections, a
	 * 30 s idle timeout equal to the JDK client's keep-alive, Nagle on) make a thousand
	 * concurrent keep-alive clients reconnect and stall. An explicit setting wins.
	 */
	private static void tuneJdkHttpServer() {
		setIfAbsent("sun.net.httpserver.maxIdleConnections", "4096");
		setIfAbsent("sun.net.httpserver.idleInterval", "120");
		setIfAbsent("sun.net.httpserver.nodelay", "true");
	}

	private static void setIfAbsent(String property, String value) {
		if (System.getProperty(property) == null) {
			System.setProperty(property, value);
		}
	}

	/**
	 * {@code POST /_sandbox/mode}: a mode, and optionally whom it is for.
	 */
	record ModeRequest(SandboxMode.Kind mode, @Nullable String code, @Nullable Long retryAfterSeconds,
			@Nullable Long delayMillis, @Nullable Integer next, @Nullable String number, @Nullable Integer times) {

		void apply(MyOperatorSandbox sandbox) {
			SandboxMode chosen = toMode();
			if (this.next != null) {
				sandbox.failNext(this.next, chosen);
			}
			else if (this.number != null) {
				if (this.times != null) {
					sandbox.failFor(this.number, this.times, chosen);
				}
				else {
					sandbox.failFor(this.number, chosen);
				}
			}
			else {
				sandbox.setMode(chosen);
			}
		}

		private SandboxMode toMode() {
			if (this.mode == null) {
				throw new IllegalArgumentException("mode is required");
			}
			return switch (this.mode) {
				case NONE -> SandboxMode.NONE;
				case HTTP_500 -> SandboxMode.HTTP_500;
				case HTTP_503 -> SandboxMode.HTTP_503;
				case CONNECTION_RESET -> SandboxMode.CONNECTION_RESET;
				case RATE_LIMITED -> SandboxMode
					.rateLimited(Duration.ofSeconds((this.retryAfterSeconds != null) ? this.retryAfterSeconds : 1));
				case TIMEOUT -> (this.delayMillis != null) ? SandboxMode.timeout(Duration.ofMillis(this.delayMillis))
						: SandboxMode.timeout();
				case ACCEPT_THEN_TIMEOUT -> SandboxMode.acceptThenTimeout((this.delayMillis != null)
						? Duration.ofMillis(this.delayMillis) : SandboxMode.DEFAULT_TIMEOUT_HOLD);
				case SLOW -> (this.delayMillis != null) ? SandboxMode.slow(Duration.ofMillis(this.delayMillis))
						: SandboxMode.slow();
				case PERMANENT -> {
					if (this.code == null) {
						throw new IllegalArgumentException("PERMANENT needs a code, e.g. CHAT_0302 or 401");
					}
					yield SandboxMode.permanent(this.code);
				}
			};
		}

	}

	/** {@code POST /_sandbox/latency}. */
	record LatencyRequest(long millis) {
	}

	/** {@code POST /_sandbox/conversation-id}. */
	record SpellingRequest(boolean misspelt) {
	}

	/**
	 * When an accepted message arrived.
	 *
	 * @param refId its {@code myop_ref_id}
	 * @param number the recipient, country code and number
	 * @param at when its request came in
	 * @param messageId the message id the sandbox answered, which status reports carry
	 */
	public record Arrival(String refId, String number, Instant at, String messageId) {
	}

}
