package dev.flywheel.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.support.BrowserTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import java.util.List;

@Tag("database")
class PlaybookBrowserTest extends BrowserTest {

    @Test
    void theEcosystemMapIsDrawnFromLiveDataAndExports() {
        String partner = unique("Mapped Partner");
        api().as(OWNER_KEY).post("/api/v1/partners", "{\"name\":\"" + partner + "\",\"type\":\"solution\",\"admin_email\":\"" + uniqueEmail("map") + "\"}");
        // Live data behind the new kinds of node: events of a type (a data-flow point) and subscription revenue (a revenue channel).
        String type = "mapdraw" + unique("t").replaceAll("[^a-z0-9]", "") + ".done";
        api().as(OWNER_KEY).post("/api/v1/event-types", "{\"name\":\"" + type + "\",\"description\":\"Drawn on the map\","
                + "\"schema\":{\"type\":\"object\"},\"example\":{}}");
        assertThat(api().as(OWNER_KEY).post("/api/v1/events", "{\"type\":\"" + type + "\",\"account\":\"cus_map\",\"data\":{}}").status())
                .isEqualTo(202);
        String account = unique("mapmrr");
        api().as(OWNER_KEY).put("/api/v1/accounts/" + account, "{\"name\":\"Paying " + account + "\"}");
        api().as(OWNER_KEY).post("/api/v1/insights/facts/mrr-changes", "{\"data\":[{\"id\":\"" + unique("chg") + "\",\"account_id\":\"" + account
                + "\",\"effective_on\":\"" + java.time.LocalDate.now().minusDays(1) + "\",\"mrr\":25000}]}");
        signIn(OWNER_EMAIL, OWNER_PASSWORD);
        open("/console/playbook/map");

        WebElement svg = find("#map svg.ecosystem-map");
        assertThat(svg.findElements(By.cssSelector("g.node.product circle"))).hasSize(1);
        assertThat(svg.findElements(By.cssSelector("g.node[data-id='partners:solution']"))).hasSize(1);
        List<WebElement> events = svg.findElements(By.cssSelector("g.node.event"));
        assertThat(events).isNotEmpty();
        assertThat(events.get(0).findElement(By.tagName("circle")).getSize().getWidth()).isGreaterThan(10);
        assertThat(events.get(0).findElement(By.tagName("text")).getText()).isNotBlank();
        WebElement subscriptions = svg.findElement(By.cssSelector("g.node.revenue[data-id='revenue:subscriptions']"));
        assertThat(subscriptions.findElement(By.tagName("text")).getText()).isEqualTo("Subscriptions (MRR)");
        assertThat(svg.findElements(By.cssSelector("line.edge.revenue")).size()).isGreaterThanOrEqualTo(2);
        assertThat(svg.findElements(By.cssSelector("line.edge")).size()).isGreaterThanOrEqualTo(1);
        assertThat(svg.getSize().getWidth()).isGreaterThan(300);

        String label = unique("Agency network");
        type("input[name=label]", label);
        find("form[action$='/map/nodes'] button").click();
        assertThat(text(".flash.notice")).contains(label);
        assertThat(find("#map svg").getText()).contains(label.substring(0, Math.min(label.length(), 25)));
        screenshot("playbook-ecosystem-map");

        // The exports are downloads (Content-Disposition: attachment), so they are fetched from the signed-in page.
        String json = (String) ((JavascriptExecutor) browser()).executeAsyncScript(
                "const done = arguments[arguments.length - 1]; fetch('/console/playbook/map.json').then(r => r.text()).then(done);");
        assertThat(json).contains("\"partners:solution\"").contains(label).contains("\"revenue:subscriptions\"").contains("\"kind\":\"event\"");
        String exported = (String) ((JavascriptExecutor) browser()).executeAsyncScript(
                "const done = arguments[arguments.length - 1]; fetch('/console/playbook/map.svg').then(r => r.text()).then(done);");
        assertThat(exported).startsWith("<svg").contains("class=\"node event\"").contains("data-id=\"revenue:subscriptions\"");
    }

    @Test
    void stakeholderScoresDrawTheMatrixAndThePriorityList() {
        signIn(OWNER_EMAIL, OWNER_PASSWORD);
        open("/console/playbook/matrix");
        type("input[name=stakeholder]", unique("Head of partnerships"));
        type("input[name=impact_lev_builtin_templates]", "5");
        type("input[name=effort_lev_builtin_templates]", "2");
        type("input[name=impact_lev_builtin_webinars]", "2");
        type("input[name=effort_lev_builtin_webinars]", "4");
        find("#survey-form button[type=submit]").click();
        assertThat(text(".flash.notice")).contains("Saved 2 score(s)");

        assertThat(find("#matrix svg.matrix").findElements(By.cssSelector("g.lever circle")).size()).isGreaterThanOrEqualTo(2);
        String priority = text("#priority");
        assertThat(priority).contains("Template marketplace").contains("Co-branded webinars");
        screenshot("playbook-matrix");
    }

    @Test
    void theRoiCalculatorShowsTheWorkedExample() {
        signIn(OWNER_EMAIL, OWNER_PASSWORD);
        open("/console/playbook/roi?visitors=500&conversion=8&arpu=150");
        assertThat(text("#roi-result")).contains("500 visitors × 8%").contains("$6,000 × 12 months").contains("$72,000");
        open("/console/playbook/decision?CRITICAL_MASS=yes&USE_CASES=yes&ENGINEERING=yes&CENTRALITY=no&ECONOMICS=no");
        assertThat(text("#verdict")).contains("Hybrid").contains("3 of 5");
    }
}
