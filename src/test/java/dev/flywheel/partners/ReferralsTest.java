package dev.flywheel.partners;

import static dev.flywheel.support.Problems.assertProblem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.support.Api;
import dev.flywheel.support.IntegrationTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("database")
class ReferralsTest extends IntegrationTest {

    private static final HttpClient NO_REDIRECTS = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    private Api owner() {
        return api().as(OWNER_KEY);
    }

    private HttpResponse<String> follow(String code, String cookie) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl() + "/r/" + code)).GET();
        if (cookie != null) {
            request.header("Cookie", cookie);
        }
        return NO_REDIRECTS.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aClickSetsAFirstPartyCookieAndTheLeadIsAttributedToTheLastClick() throws Exception {
        PartnerFixtures.Partner first = PartnerFixtures.partner(owner(), "referral");
        PartnerFixtures.Partner last = PartnerFixtures.partner(owner(), "referral");
        Api.Response link1 = api().as(first.key()).post("/api/v1/partners/" + first.id() + "/referral-links", "{\"target_url\":\"/partners/apply\"}");
        assertThat(link1.status()).as(link1.body()).isEqualTo(201);
        assertThat(link1.text("url")).endsWith("/r/" + link1.text("code"));
        String link2 = api().as(last.key()).post("/api/v1/partners/" + last.id() + "/referral-links", "{\"target_url\":\"/partners/apply\"}").text("code");

        HttpResponse<String> click = follow(link1.text("code"), null);
        assertThat(click.statusCode()).isEqualTo(302);
        assertThat(click.headers().firstValue("Location").orElseThrow()).endsWith("/partners/apply");
        String setCookie = click.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith("fw_ref=").contains("Max-Age=7776000").contains("HttpOnly").contains("SameSite=Lax");
        String visitor = setCookie.substring("fw_ref=".length(), setCookie.indexOf(';'));
        follow(link2, "fw_ref=" + visitor);

        Api.Response lead = owner().post("/api/v1/referral-leads", "{\"email\":\"buyer@" + PartnerFixtures.prospectDomain() + "\",\"visitor_id\":\"" + visitor + "\"}");
        assertThat(lead.status()).as(lead.body()).isEqualTo(201);
        assertThat(lead.text("partner_id")).isEqualTo(last.id());
        assertThat(lead.text("attribution")).isEqualTo("last_click");
        assertThat(lead.json().get("flags").size()).isZero();
        assertThat(follow("nope", null).statusCode()).isEqualTo(404);
    }

    @Test
    void aCouponWinsAndSelfReferralsAreFlagged() {
        PartnerFixtures.Partner p = PartnerFixtures.partner(owner(), "referral");
        String code = "SAVE" + Long.toString(Instant.now().toEpochMilli(), 36).toUpperCase();
        assertThat(owner().post("/api/v1/partners/" + p.id() + "/coupons", "{\"code\":\"" + code + "\"}").status()).isEqualTo(201);
        assertProblem(owner().post("/api/v1/partners/" + p.id() + "/coupons", "{\"code\":\"" + code + "\"}"), 409, "/problems/conflict");
        Api.Response lead = owner().post("/api/v1/referral-leads", "{\"email\":\"me@" + p.domain() + "\",\"coupon\":\"" + code.toLowerCase() + "\"}");
        assertThat(lead.text("partner_id")).isEqualTo(p.id());
        assertThat(lead.text("attribution")).isEqualTo("coupon");
        assertThat(lead.json().get("flags").get(0).asString()).startsWith("self-referral");
        assertProblem(owner().post("/api/v1/referral-leads", "{\"email\":\"x@y.com\",\"coupon\":\"NOSUCHCODE\"}"), 400, "/problems/validation");
    }

    @Test
    void linksCannotRedirectOffTheOwnersSite() {
        PartnerFixtures.Partner p = PartnerFixtures.partner(owner(), "referral");
        for (String target : List.of("https://evil.example/", "//evil.example/x", "javascript:alert(1)", "/\\evil.example")) {
            assertProblem(api().as(p.key()).post("/api/v1/partners/" + p.id() + "/referral-links", "{\"target_url\":\"" + target.replace("\\", "\\\\") + "\"}"),
                    400, "/problems/validation");
        }
    }

    @Test
    void attributionRulesArePure() {
        Instant now = Instant.parse("2026-06-01T00:00:00Z");
        var old = new Attribution.Click("rck_1", "prt_old", now.minusSeconds(91L * 24 * 3600), false);
        var a = new Attribution.Click("rck_2", "prt_a", now.minusSeconds(3600), false);
        var b = new Attribution.Click("rck_3", "prt_b", now.minusSeconds(60), true);
        assertThat(Attribution.attribute(Attribution.Rule.FIRST_CLICK, null, List.of(b, a, old), now, 90).partnerId()).isEqualTo("prt_a");
        assertThat(Attribution.attribute(Attribution.Rule.LAST_CLICK, null, List.of(b, a, old), now, 90).partnerId()).isEqualTo("prt_b");
        assertThat(Attribution.attribute(Attribution.Rule.LAST_CLICK, "prt_c", List.of(b), now, 90).how()).isEqualTo("coupon");
        assertThat(Attribution.attribute(Attribution.Rule.LAST_CLICK, null, List.of(old), now, 90).partnerId()).isNull();
    }
}
