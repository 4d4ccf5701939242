package dev.flywheel.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.support.Api;
import dev.flywheel.support.BrowserTest;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

class EventsBrowserTest extends BrowserTest {

    private Api owner() {
        return api().as(OWNER_KEY);
    }

    /** A type with a breaking second version and a deprecation, so every flag of the catalog shows. */
    private String publishedType() {
        String name = "browse" + unique("t").replace("-", "") + ".closed_won";
        assertThat(owner().post("/api/v1/event-types", """
                {"name":"%s","description":"A deal was won in the CRM","schema":{"type":"object","properties":{"amount":{"type":"integer"}}},
                 "example":{"amount":120000}}""".formatted(name)).status()).isEqualTo(201);
        assertThat(owner().post("/api/v1/event-types", """
                {"name":"%s","schema":{"type":"object","properties":{"amount":{"type":"string"},"currency":{"type":"string"}}},
                 "example":{"amount":"1200.00","currency":"EUR"}}""".formatted(name)).status()).isEqualTo(201);
        assertThat(owner().post("/api/v1/event-types/" + name + "/deprecate", "{\"note\":\"use deal.won instead\"}").status()).isEqualTo(200);
        return name;
    }

    @Test
    void anOwnerBrowsesTheCatalogAndFiltersAndPagesTheEventLog() {
        String type = publishedType();
        String account = unique("cus");
        StringBuilder batch = new StringBuilder("{\"events\":[");
        for (int i = 0; i < 55; i++) {
            batch.append(i == 0 ? "" : ",").append("""
                    {"type":"%s","account":"%s","source":"crm","outcome":"won","data":{"amount":"%d.00"}}""".formatted(type, account, i));
        }
        assertThat(owner().post("/api/v1/events/batch", batch.append("]}").toString()).status()).isEqualTo(202);

        signIn(OWNER_EMAIL, OWNER_PASSWORD);
        open("/console/events/catalog?q=" + type);
        assertThat(text("#event-types tbody")).contains(type).contains("v2").contains("breaking").contains("deprecated");
        find("#event-types tbody a").click();
        assertThat(text("h1")).isEqualTo(type);
        assertThat(text("#deprecation")).contains("use deal.won instead");
        assertThat(text("#versions tbody")).contains("v2").contains("breaking").contains("amount").contains("first version");
        assertThat(text("#sample").replaceAll("\\s", "")).contains("\"schema_version\":2").contains("\"currency\":\"EUR\"");
        browser().findElement(By.linkText("v1")).click();
        assertThat(text("#schema")).contains("\"integer\"");
        assertThat(text("#sample").replaceAll("\\s", "")).contains("\"schema_version\":1").contains("120000");

        open("/console/events");
        find("#filters select[name=type] option[value='" + type + "']").click();
        type("#filters input[name=account]", account);
        find("#filters button[type=submit]").click();
        assertThat(text("#events tbody")).contains(type).contains(account).contains("crm");
        assertThat(browser().findElements(By.cssSelector("#events tbody tr"))).hasSize(50);
        find("#next-page").click();
        find("#events tbody tr");
        assertThat(path()).contains("account=" + account).contains("starting_after=evt_");
        assertThat(browser().findElements(By.cssSelector("#events tbody tr"))).hasSize(5);
        find("#events tbody a").click();
        assertThat(text("#event-tags")).contains(account).contains("won");
        assertThat(text("#data")).contains("amount");

        open("/console/events?account=" + unique("nobody"));
        assertThat(text(".empty")).contains("No event matches");
    }

    @Test
    void aPartnerUserReadsTheCatalogButNotTheEventLog() {
        String type = publishedType();
        String email = uniqueEmail("catalog-partner");
        assertThat(owner().post("/api/v1/partners", "{\"name\":\"Catalog Reader\",\"type\":\"technology\",\"admin_email\":\"" + email + "\"}")
                .status()).isEqualTo(201);
        browser().get(linkIn(awaitMailTo(email)));
        type("input[name=name]", "Cat Reader");
        type("input[name=password]", "a-long-enough-password");
        type("input[name=confirmation]", "a-long-enough-password");
        find("form button[type=submit]").click();
        assertThat(text(".flash.notice")).contains("Your account is ready");

        signIn(email, "a-long-enough-password");
        assertThat(text("#sidebar")).contains("Event catalog").doesNotContain("Event log");
        open("/console/events/catalog?q=" + type);
        find("#event-types tbody a").click();
        assertThat(text("#versions tbody")).contains("breaking");
        assertThat(text("#sample")).contains(type);

        open("/console/events");
        assertThat(text("h1")).contains("403");
    }
}
