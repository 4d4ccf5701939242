package dev.flywheel.insights;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.support.Api;
import dev.flywheel.support.BrowserTest;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

class InsightsBrowserTest extends BrowserTest {

    @Test
    void theDashboardDrawsEveryChartAndSaysWhereDataIsMissing() {
        signIn(OWNER_EMAIL, OWNER_PASSWORD);
        open("/console/insights?from=2024-01&to=2024-12");
        assertThat(text("h1")).isEqualTo("Ecosystem insights");
        List<WebElement> charts = browser().findElements(By.cssSelector("svg.chart"));
        assertThat(charts.size()).isGreaterThanOrEqualTo(3);
        assertThat(browser().findElements(By.cssSelector("#retention tbody tr"))).hasSize(3);
        assertThat(text("#retention tbody")).contains("0", "1-2", "3+");
        assertThat(text("#scorecard")).contains("Integration adoption rate", "NRR gap").contains("community module is not part of this installation");
        assertThat(text("#attribution")).contains("Partner-sourced");
        assertThat(text("#sidebar")).contains("Ecosystem insights", "Account mapping");
    }

    @Test
    void theOverlapMatrixShowsMutualCustomersForTheChosenPartner() {
        Api owner = api().as(OWNER_KEY);
        String partnerId = owner.post("/api/v1/partners", "{\"name\":\"Matrix Partner\",\"type\":\"technology\",\"admin_email\":\"" + uniqueEmail("mx") + "\"}").text("id");
        String key = owner.post("/api/v1/partners/" + partnerId + "/api-keys", "{\"name\":\"k\"}").text("key");
        String tag = unique("b");
        owner.post("/api/v1/mapping/populations", "{\"partner_id\":\"" + partnerId + "\",\"name\":\"Our customers\",\"kind\":\"customers\",\"policy\":\"counts\","
                + "\"records\":[{\"domain\":\"a-" + tag + ".com\"},{\"domain\":\"b-" + tag + ".com\"},{\"domain\":\"c-" + tag + ".com\"}]}");
        api().as(key).post("/api/v1/mapping/populations", "{\"name\":\"Their customers\",\"kind\":\"customers\",\"policy\":\"counts\","
                + "\"records\":[{\"domain\":\"a-" + tag + ".com\"},{\"domain\":\"b-" + tag + ".com\"},{\"domain\":\"z-" + tag + ".com\"}]}");

        signIn(OWNER_EMAIL, OWNER_PASSWORD);
        open("/console/mapping?partner_id=" + partnerId);
        assertThat(text("#mutual")).isEqualTo("2 mutual customers");
        assertThat(text("svg.chart")).contains("2 ★");
        assertThat(text("main table")).contains("Our customers", "Their customers", "yours", "theirs");
    }
}
