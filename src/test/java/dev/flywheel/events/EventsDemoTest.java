package dev.flywheel.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.platform.demo.DemoSize;
import dev.flywheel.support.IntegrationTest;
import java.util.Random;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

@Tag("database")
class EventsDemoTest extends IntegrationTest {

    @Autowired
    EventsDemo demo;

    @Test
    void fillsTheEventLogOfEveryCustomerAccount() {
        String account = unique("demo-acct");
        assertThat(api().as(OWNER_KEY).put("/api/v1/accounts/" + account, "{\"name\":\"Demo Co\"}").status()).isEqualTo(201);
        demo.contribute(DemoSize.small(), new Random(7));
        JsonNode events = api().as(OWNER_KEY).get("/api/v1/events?limit=100&account=" + account).json().get("data");
        assertThat(events.size()).isPositive();
        assertThat(events.findValuesAsString("type")).contains("user.created");
        assertThat(events.get(0).get("source").asString()).isNotBlank();
    }
}
