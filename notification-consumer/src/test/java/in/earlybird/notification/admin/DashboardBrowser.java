package in.earlybird.notification.admin;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Level;

import org.awaitility.core.ConditionTimeoutException;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

import static org.awaitility.Awaitility.await;

/**
 * Debian's headless Chromium, driven through its chromedriver, pointed at the dashboard
 * of a service on a local port. Selenium Manager is never asked for anything: the browser
 * and the driver are the installed ones, and a machine without them fails the test with
 * what to install.
 */
final class DashboardBrowser implements AutoCloseable {

	static final Path SCREENSHOTS = Path.of("target", "dashboard-screenshots");

	private static final Path CHROMIUM = Path
		.of(System.getProperty("dashboard.chromium", System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium")));

	private static final Path CHROMEDRIVER = Path.of(System.getProperty("dashboard.chromedriver",
			System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver")));

	private static final Dimension LAPTOP = new Dimension(1366, 900);

	private static final AtomicInteger loads = new AtomicInteger();

	private final ChromeDriver driver;

	private final ChromeDriverService service;

	private final Path profile;

	private final String base;

	private DashboardBrowser(String base) throws IOException {
		if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
			throw new AssertionError("The dashboard's browser tests need Chromium and its driver at " + CHROMIUM
					+ " and " + CHROMEDRIVER + ". Install them: apt-get update && apt-get install -y chromium "
					+ "chromium-driver (.ci/run does), or point -Ddashboard.chromium and -Ddashboard.chromedriver "
					+ "at them.");
		}
		this.base = base;
		this.profile = Files.createTempDirectory("dashboard-chromium-");
		ChromeOptions options = new ChromeOptions();
		options.setBinary(CHROMIUM.toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
				"--disable-quic", "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
				"--disable-component-update", "--disable-sync", "--disable-extensions", "--lang=en-IN",
				"--window-size=" + LAPTOP.width + "," + LAPTOP.height, "--user-data-dir=" + this.profile);
		LoggingPreferences logs = new LoggingPreferences();
		logs.enable(LogType.BROWSER, Level.ALL);
		options.setCapability("goog:loggingPrefs", logs);
		this.service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
			.usingAnyFreePort()
			.build();
		this.driver = new ChromeDriver(this.service, options);
		this.driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(10));
	}

	/**
	 * Starts a browser for the service at a base URL.
	 * @param base e.g. {@code http://localhost:41234}
	 * @return the browser
	 */
	static DashboardBrowser start(String base) {
		try {
			return new DashboardBrowser(base);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Opens the dashboard signed in with a token through a sign-in link. */
	void signInWithLink(String token, String route) {
		open("/dashboard/");
		script("sessionStorage.clear()");
		this.driver.get(this.base + "/dashboard/?load=" + loads.incrementAndGet() + "#token=" + token);
		waitFor("#nav:not([hidden])");
		if (route != null) {
			go(route);
		}
	}

	/** Opens a path of the service, always as a new page load. */
	void open(String path) {
		String separator = path.contains("?") ? "&" : "?";
		int hash = path.indexOf('#');
		String target = (hash >= 0)
				? path.substring(0, hash) + separator + "load=" + loads.incrementAndGet() + path.substring(hash)
				: path + separator + "load=" + loads.incrementAndGet();
		this.driver.get(this.base + target);
	}

	/** Goes to a route of the signed-in dashboard, e.g. {@code #/history?phone=…}. */
	void go(String route) {
		script("window.location.hash = arguments[0]", route);
		waitFor(".page[data-page]");
	}

	WebElement waitFor(String css) {
		return waitFor(css, Duration.ofSeconds(20));
	}

	WebElement waitFor(String css, Duration timeout) {
		try {
			return await().atMost(timeout)
				.ignoreExceptions()
				.until(() -> this.driver.findElements(By.cssSelector(css))
					.stream()
					.filter(WebElement::isDisplayed)
					.findFirst()
					.orElse(null), (element) -> element != null);
		}
		catch (ConditionTimeoutException ex) {
			String page = this.driver.findElement(By.tagName("body")).getText();
			throw new AssertionError(
					"Nothing visible matches " + css + " after " + timeout + " on "
							+ this.driver.getCurrentUrl().replaceAll("token=[^&]*", "token=…") + "; the page says: "
							+ page.substring(0, Math.min(page.length(), 1500)) + "; the browser logged: " + allLogs(),
					ex);
		}
	}

	private List<String> allLogs() {
		return this.driver.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage).toList();
	}

	List<WebElement> all(String css) {
		return this.driver.findElements(By.cssSelector(css));
	}

	boolean present(String css) {
		return !all(css).isEmpty();
	}

	String text(String css) {
		return waitFor(css).getText();
	}

	Object script(String script, Object... arguments) {
		return ((JavascriptExecutor) this.driver).executeScript(script, arguments);
	}

	String currentUrl() {
		return this.driver.getCurrentUrl();
	}

	/** Saves the whole page as a PNG under {@code target/dashboard-screenshots}. */
	Path screenshot(String name) {
		return screenshot(name, LAPTOP);
	}

	/** Saves the whole page as it looks in a window of the given size. */
	Path screenshot(String name, Dimension window) {
		try {
			Files.createDirectories(SCREENSHOTS);
			this.driver.manage().window().setSize(window);
			script("window.scrollTo(0, 0)");
			// The window's outer size includes what is not page; grow it until the page
			// fits.
			Number chrome = (Number) script("return window.outerHeight - window.innerHeight");
			Number height = (Number) script("return Math.min(document.documentElement.scrollHeight, 6000)");
			this.driver.manage()
				.window()
				.setSize(new Dimension(window.width,
						Math.max(window.height, height.intValue() + Math.max(chrome.intValue(), 0))));
			script("window.scrollTo(0, 0)");
			Path file = SCREENSHOTS.resolve(name + ".png");
			File shot = this.driver.getScreenshotAs(OutputType.FILE);
			Files.copy(shot.toPath(), file, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
			this.driver.manage().window().setSize(LAPTOP);
			return file;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * Returns and clears the script errors and Content-Security-Policy refusals the page
	 * logged (not the failed requests that a test provokes on purpose).
	 */
	List<String> scriptErrors() {
		return this.driver.manage()
			.logs()
			.get(LogType.BROWSER)
			.getAll()
			.stream()
			.filter((entry) -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
			.map(LogEntry::getMessage)
			.filter((message) -> !message.contains("Failed to load resource"))
			.toList();
	}

	/** Sets a token in the tab's session storage, as if the stored one had aged. */
	void replaceStoredToken(String token) {
		script("sessionStorage.setItem('earlybird.dashboard.token', arguments[0])", token);
	}

	@Override
	public void close() {
		try {
			this.driver.quit();
		}
		finally {
			this.service.stop();
			try (var files = Files.walk(this.profile)) {
				files.sorted(java.util.Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
			}
			catch (IOException ex) {
				// A temporary profile left behind is harmless.
			}
		}
	}

}
