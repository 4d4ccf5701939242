package dev.flywheel.events;

import dev.flywheel.platform.web.ApiException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The types every installation starts with: what Flywheel itself emits (origin {@code flywheel})
 * and a starter set of the product's usual events (origin {@code product}, with open schemas the
 * owner tightens by publishing a new version). Registered once on start; existing types are left
 * alone, so an owner's newer versions are never overwritten.
 */
@Component
@Order(10)
class BuiltInEventTypes implements ApplicationRunner {

    record BuiltIn(String name, String origin, String description, String schema, String example) {
    }

    private static final Logger log = LoggerFactory.getLogger(BuiltInEventTypes.class);

    static final List<BuiltIn> TYPES = List.of(
            flywheel("app.installed", "A customer account installed a marketplace app.",
                    props("\"app_id\":{\"type\":\"string\"},\"install_id\":{\"type\":\"string\"},\"scopes\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}", "app_id", "install_id"),
                    "{\"app_id\":\"app_01hx0000000000000000000000\",\"install_id\":\"ins_01hx0000000000000000000000\",\"scopes\":[\"deals:read\"]}"),
            flywheel("app.uninstalled", "A customer account removed a marketplace app; its access was revoked.",
                    props("\"app_id\":{\"type\":\"string\"},\"install_id\":{\"type\":\"string\"},\"reason\":{\"type\":\"string\"}", "app_id", "install_id"),
                    "{\"app_id\":\"app_01hx0000000000000000000000\",\"install_id\":\"ins_01hx0000000000000000000000\"}"),
            flywheel("api.version.deprecated", "A version of the public API was deprecated and will be retired.",
                    props("\"version\":{\"type\":\"string\"},\"sunset_on\":{\"type\":\"string\",\"format\":\"date\"}", "version"),
                    "{\"version\":\"2024-06-01\",\"sunset_on\":\"2025-06-01\"}"),
            flywheel("partner.tier_changed", "A partner moved to another tier of the partner program.",
                    props("\"partner_id\":{\"type\":\"string\"},\"from_tier\":{\"type\":[\"string\",\"null\"]},\"to_tier\":{\"type\":\"string\"}", "partner_id", "to_tier"),
                    "{\"partner_id\":\"prt_01hx0000000000000000000000\",\"from_tier\":\"silver\",\"to_tier\":\"gold\"}"),
            flywheel("deal_registration.approved", "A partner's deal registration was approved; its protection window started.",
                    props("\"deal_registration_id\":{\"type\":\"string\"},\"partner_id\":{\"type\":\"string\"},\"protected_until\":{\"type\":\"string\",\"format\":\"date\"}",
                            "deal_registration_id", "partner_id"),
                    "{\"deal_registration_id\":\"drg_01hx0000000000000000000000\",\"partner_id\":\"prt_01hx0000000000000000000000\",\"protected_until\":\"2025-04-30\"}"),
            flywheel("commission.earned", "A partner earned a commission.",
                    props("\"commission_id\":{\"type\":\"string\"},\"partner_id\":{\"type\":\"string\"},\"amount\":{\"type\":\"integer\",\"description\":\"minor units\"},\"currency\":{\"type\":\"string\",\"pattern\":\"^[A-Z]{3}$\"}",
                            "commission_id", "partner_id", "amount", "currency"),
                    "{\"commission_id\":\"com_01hx0000000000000000000000\",\"partner_id\":\"prt_01hx0000000000000000000000\",\"amount\":12000,\"currency\":\"USD\"}"),
            flywheel("payout.paid", "A payout to a partner was paid.",
                    props("\"payout_id\":{\"type\":\"string\"},\"partner_id\":{\"type\":\"string\"},\"amount\":{\"type\":\"integer\",\"description\":\"minor units\"},\"currency\":{\"type\":\"string\",\"pattern\":\"^[A-Z]{3}$\"}",
                            "payout_id", "partner_id", "amount", "currency"),
                    "{\"payout_id\":\"pay_01hx0000000000000000000000\",\"partner_id\":\"prt_01hx0000000000000000000000\",\"amount\":48000,\"currency\":\"EUR\"}"),
            flywheel("review.posted", "A customer posted a review of a marketplace app.",
                    props("\"review_id\":{\"type\":\"string\"},\"app_id\":{\"type\":\"string\"},\"rating\":{\"type\":\"integer\",\"minimum\":1,\"maximum\":5}", "review_id", "app_id", "rating"),
                    "{\"review_id\":\"rev_01hx0000000000000000000000\",\"app_id\":\"app_01hx0000000000000000000000\",\"rating\":5}"),
            flywheel("listing.published", "A marketplace listing was published.",
                    props("\"listing_id\":{\"type\":\"string\"},\"app_id\":{\"type\":\"string\"},\"name\":{\"type\":\"string\"}", "listing_id"),
                    "{\"listing_id\":\"lst_01hx0000000000000000000000\",\"app_id\":\"app_01hx0000000000000000000000\",\"name\":\"Acme Sync\"}"),
            flywheel("webhook_endpoint.disabled", "A webhook endpoint was disabled: it answered 410 Gone or failed continuously for too long.",
                    props("\"endpoint_id\":{\"type\":\"string\"},\"url\":{\"type\":\"string\"},\"reason\":{\"type\":\"string\"}", "endpoint_id", "reason"),
                    "{\"endpoint_id\":\"whk_01hx0000000000000000000000\",\"url\":\"https://example.com/hooks\",\"reason\":\"failing continuously since 2025-01-01T00:00:00Z\"}"),
            flywheel("webhook.test", "A test message sent on request to check that an endpoint receives and verifies webhooks.",
                    props("\"message\":{\"type\":\"string\"}", "message"),
                    "{\"message\":\"This is a test webhook from Flywheel.\"}"),
            product("user.created", "A user signed up for the product.",
                    "{\"user_id\":\"u_17\",\"email\":\"jane@acme.com\",\"role\":\"admin\"}"),
            product("subscription.upgraded", "A customer account moved to a higher plan.",
                    "{\"from_plan\":\"team\",\"to_plan\":\"business\",\"mrr\":49900,\"currency\":\"USD\"}"),
            product("payment.failed", "A customer account's payment failed.",
                    "{\"invoice_id\":\"in_1001\",\"amount\":49900,\"currency\":\"USD\",\"reason\":\"card_declined\"}"),
            product("task.completed", "A user completed a task in the product.",
                    "{\"task_id\":\"t_88\",\"project\":\"Launch\"}"),
            product("deal.closed_won", "A deal in the product's CRM was won.",
                    "{\"deal_id\":\"d_4711\",\"amount\":120000,\"currency\":\"USD\"}"));

    private final EventCatalog catalog;
    private final JsonMapper json;

    BuiltInEventTypes(EventCatalog catalog, JsonMapper json) {
        this.catalog = catalog;
        this.json = json;
    }

    @Override
    public void run(ApplicationArguments args) {
        int added = 0;
        for (BuiltIn t : TYPES) {
            if (catalog.find(t.name()).isPresent()) {
                continue;
            }
            try {
                catalog.publish(t.name(), t.description(), json.readTree(t.schema()), json.readTree(t.example()), t.origin());
                added++;
            } catch (ApiException raced) {
                log.debug("Built-in event type {} was registered by another node", t.name());
            }
        }
        if (added > 0) {
            log.info("Registered {} built-in event types", added);
        }
    }

    private static BuiltIn flywheel(String name, String description, String schema, String example) {
        return new BuiltIn(name, "flywheel", description, schema, example);
    }

    /** The product's starter types accept any object until the owner publishes a stricter version. */
    private static BuiltIn product(String name, String description, String example) {
        return new BuiltIn(name, "product", description, "{\"type\":\"object\"}", example);
    }

    private static String props(String properties, String... required) {
        String names = String.join("\",\"", required);
        return "{\"type\":\"object\",\"properties\":{" + properties + "},\"required\":[\"" + names + "\"]}";
    }
}
