package dev.flywheel.support;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Drives the running application in headless Chromium (Debian's {@code chromium} and
 * {@code chromedriver}). One browser serves the whole test run; each test starts signed out.
 */
@Tag("browser")
public abstract class BrowserTest extends IntegrationTest {

    /** Generous, because CI machines are small and busy; a passing wait returns at once. */
    protected static final Duration WAIT = Duration.ofSeconds(30);

    private static WebDriver driver;

    protected static synchronized WebDriver browser() {
        if (driver == null) {
            driver = start();
            Runtime.getRuntime().addShutdownHook(new Thread(driver::quit));
        }
        return driver;
    }

    private static WebDriver start() {
        String chromium = firstExisting(System.getenv("FLYWHEEL_TEST_CHROMIUM"), "/usr/bin/chromium", "/usr/bin/chromium-browser");
        String chromedriver = firstExisting(System.getenv("FLYWHEEL_TEST_CHROMEDRIVER"), "/usr/bin/chromedriver");
        if (chromium == null || chromedriver == null) {
            throw new IllegalStateException("Browser tests need Chromium and ChromeDriver: apt-get install chromium chromium-driver "
                    + "(or set FLYWHEEL_TEST_CHROMIUM and FLYWHEEL_TEST_CHROMEDRIVER)");
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(chromium);
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--window-size=1280,900");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(Path.of(chromedriver).toFile())
                .usingAnyFreePort().build();
        ChromeDriver chrome = new ChromeDriver(service, options);
        chrome.manage().timeouts().implicitlyWait(Duration.ZERO);
        return chrome;
    }

    private static String firstExisting(String... paths) {
        for (String p : paths) {
            if (p != null && Files.isExecutable(Path.of(p))) {
                return p;
            }
        }
        return null;
    }

    @AfterEach
    void signedOutAfterEachTest() {
        browser().manage().deleteAllCookies();
    }

    protected void open(String path) {
        browser().get(baseUrl() + path);
    }

    protected WebElement find(String css) {
        return new WebDriverWait(browser(), WAIT).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector(css)));
    }

    protected String text(String css) {
        return new WebDriverWait(browser(), WAIT).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(d -> d.findElement(By.cssSelector(css)).getText());
    }

    /**
     * Clicks an element inside a container, finding both again whenever the page redrew them in
     * between (an htmx swap makes a held element stale); waits until they exist.
     */
    protected void clickIn(String containerCss, By inside) {
        new WebDriverWait(browser(), WAIT).ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(d -> {
            d.findElement(By.cssSelector(containerCss)).findElement(inside).click();
            return true;
        });
    }

    /**
     * Waits until no htmx request is in flight and the address bar shows {@code param=value} (what
     * a form with {@code hx-push-url} pushes once the response for that value is swapped in), so the
     * page shows the answer to the last input and not an earlier one still being redrawn.
     */
    protected void awaitHtmxSettled(String param, String value) {
        new WebDriverWait(browser(), WAIT).until(d -> Boolean.TRUE.equals(((org.openqa.selenium.JavascriptExecutor) d).executeScript(
                "return document.querySelector('.htmx-request') === null"
                        + " && new URLSearchParams(location.search).get(arguments[0]) === arguments[1];", param, value)));
    }

    /** Clicks a button that submits a form and waits until the next page has replaced this one. */
    protected void submit(String css) {
        WebElement page = find("html");
        find(css).click();
        new WebDriverWait(browser(), WAIT).until(ExpectedConditions.stalenessOf(page));
    }

    protected void type(String css, String value) {
        WebElement input = find(css);
        input.clear();
        input.sendKeys(value);
    }

    protected void signIn(String email, String password) {
        open("/login");
        type("input[name=username]", email);
        type("input[name=password]", password);
        find("form button[type=submit]").click();
        new WebDriverWait(browser(), WAIT).until(d -> !d.getCurrentUrl().endsWith("/login"));
    }

    /** Saves what the browser shows to target/screenshots/{name}.png, for a person to look at. */
    protected void screenshot(String name) {
        try {
            Path dir = Path.of("target", "screenshots");
            Files.createDirectories(dir);
            byte[] png = ((org.openqa.selenium.TakesScreenshot) browser()).getScreenshotAs(org.openqa.selenium.OutputType.BYTES);
            Files.write(dir.resolve(name + ".png"), png);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    protected String path() {
        return browser().getCurrentUrl().substring(baseUrl().length());
    }
}
