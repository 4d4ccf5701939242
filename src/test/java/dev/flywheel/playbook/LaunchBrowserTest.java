package dev.flywheel.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.support.BrowserTest;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import java.time.Duration;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

@Tag("database")
class LaunchBrowserTest extends BrowserTest {

    @Test
    void theTrackerShowsPhasesTasksAndCriteriaMeasuredFromLiveData() {
        signIn(OWNER_EMAIL, OWNER_PASSWORD);
        open("/console/playbook/launch");
        LocalDate start = LocalDate.now(ZoneOffset.UTC).minusDays(20);
        WebElement date = find("input[name=startDate]");
        ((org.openqa.selenium.JavascriptExecutor) browser()).executeScript("arguments[0].value = arguments[1]", date, start.toString());
        submitExpecting(find("form[action$='/launch/start'] button"), "from " + start);
        assertThat(text("#launch-day")).isEqualTo("21 of 90");

        assertThat(browser().findElements(By.cssSelector("section.phase"))).hasSize(5);
        assertThat(find("section.phase.current").getAttribute("data-phase")).isEqualTo("API_HARDENING");
        assertThat(text("section.phase[data-phase=FOUNDATION]")).contains("Foundation and research").contains(start.toString());

        // A custom task, ticked off with a note.
        String task = unique("Brief the support team");
        type("#task-form input[name=title]", task);
        new Select(find("#task-form select[name=phase]")).selectByValue("API_HARDENING");
        type("#task-form input[name=dueDay]", "25");
        submitExpecting(find("#task-form button"), "Task added");
        WebElement row = taskRow(task);
        assertThat(row.getText()).contains(start.plusDays(24).toString()).contains("due this week");
        row.findElement(By.cssSelector("input[name=note]")).sendKeys("Slides are in the shared drive");
        submitExpecting(row.findElement(By.cssSelector(".note-form button")), "Note saved");
        submitExpecting(taskRow(task).findElement(By.cssSelector("button.tick")), "ticked off");
        assertThat(taskRow(task).getText()).contains("done").contains("by " + OWNER_EMAIL);
        assertThat(taskRow(task).findElement(By.cssSelector("input[name=note]")).getAttribute("value")).isEqualTo("Slides are in the shared drive");

        // Criteria: the register measures external marketplaces; modules not installed say what they need.
        String criteria = text("#criteria");
        assertThat(criteria).contains("10+ active integration partners with published listings").contains("At least one joint co-marketing asset");
        assertThat(find("#criteria tr[data-criterion=EXTERNAL_MARKETPLACES]").getText()).doesNotContain("not measurable");

        String marketplace = unique("Test Marketplace");
        new Select(find("#asset-form select[name=kind]")).selectByValue("EXTERNAL_LISTING");
        type("#asset-form input[name=title]", "Flywheel on " + marketplace);
        type("#asset-form input[name=channel]", marketplace);
        WebElement liveOn = find("#asset-form input[name=liveOn]");
        ((org.openqa.selenium.JavascriptExecutor) browser()).executeScript("arguments[0].value = arguments[1]", liveOn, start.plusDays(3).toString());
        submitExpecting(find("#asset-form button"), "is in the co-marketing register");
        assertThat(text("#assets")).contains("Flywheel on " + marketplace);
        assertThat(find("#criteria tr[data-criterion=EXTERNAL_MARKETPLACES]").getText()).contains(marketplace);
        screenshot("playbook-launch-tracker");
    }

    @Test
    void theAdvisorRunsTheRulesItHasDataForAndListsTheRest() {
        signIn(OWNER_EMAIL, OWNER_PASSWORD);
        open("/console/playbook/health");
        assertThat(text("#health-summary")).contains("warning(s)").contains("checks running");
        assertThat(browser().findElements(By.cssSelector("section.health"))).hasSize(Stall.values().length);
        for (Stall s : new Stall[] {Stall.MODERATION_BACKLOG, Stall.IDLE_TEMPLATES, Stall.SINGLE_PILLAR}) {
            WebElement entry = find("section.health[data-stall=" + s + "]");
            assertThat(entry.getAttribute("class")).doesNotContain("not_available");
            assertThat(entry.getText()).contains(s.label()).contains("Checked:");
        }
        assertThat(find("nav.sidebar").getText()).contains("Launch tracker").contains("Health advisor");
        screenshot("playbook-health-advisor");

        open("/console");
        assertThat(text("main")).contains("90-day launch").contains("criteria met").contains("Ecosystem health");
    }

    /** Submits a form and waits for the next page's confirmation (the old page's message must not count). */
    private void submitExpecting(WebElement button, String confirmation) {
        button.click();
        new WebDriverWait(browser(), Duration.ofSeconds(30)).ignoring(StaleElementReferenceException.class)
                .until(d -> d.findElements(By.cssSelector(".flash.notice")).stream().anyMatch(e -> e.getText().contains(confirmation)));
    }

    private WebElement taskRow(String title) {
        return find("table.tasks").findElements(By.xpath("//table[contains(@class,'tasks')]//tr[.//span[text()='" + title + "']]")).get(0);
    }
}
