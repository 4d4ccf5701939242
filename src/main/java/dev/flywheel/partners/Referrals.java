package dev.flywheel.partners;

import dev.flywheel.identity.Domains;
import dev.flywheel.identity.Organization;
import dev.flywheel.identity.Organizations;
import dev.flywheel.platform.Ids;
import dev.flywheel.platform.Mode;
import dev.flywheel.platform.Secrets;
import dev.flywheel.platform.jdbc.Sql;
import dev.flywheel.platform.web.ApiException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.json.JsonMapper;

/** Partner referral links, their clicks, coupon codes and the leads attributed to partners. */
@Service
class Referrals {

    record Link(String id, String partnerId, String code, String targetUrl, Instant createdAt) {
    }

    record Lead(String id, String email, String company, String domain, String partnerId, String attribution, String clickId, String coupon,
            List<String> flags, Instant createdAt) {
    }

    private final JdbcClient jdbc;
    private final Organizations organizations;
    private final PartnersProperties properties;
    private final JsonMapper json;
    private final Clock clock;

    Referrals(JdbcClient jdbc, Organizations organizations, PartnersProperties properties, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.organizations = organizations;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    /**
     * A new link. Its target must be on the owner's own site (the owner's domain or a subdomain, or
     * a path on this server), so links can never be used to redirect visitors elsewhere.
     */
    Link createLink(String partnerId, String target) {
        String checked = checkTarget(target);
        Link link = new Link(Ids.next("rfl"), partnerId, Secrets.randomBase62(10), checked, clock.instant());
        jdbc.sql("insert into referral_links (id, partner_id, code, target_url, created_at) values (:id, :partner, :code, :target, :now)")
                .param("id", link.id()).param("partner", partnerId).param("code", link.code()).param("target", checked)
                .param("now", Sql.at(link.createdAt())).update();
        return link;
    }

    String checkTarget(String target) {
        if (target == null || target.isBlank() || target.length() > 2000) {
            throw ApiException.invalid("target_url", "is required, up to 2000 characters");
        }
        if (target.startsWith("/") && !target.startsWith("//") && !target.contains("\\")) {
            return target;
        }
        URI uri;
        try {
            uri = URI.create(target);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid("target_url", "must be a URL such as https://www.example.com/pricing");
        }
        String host = uri.getHost() == null ? null : Domains.normalize(uri.getHost());
        String own = organizations.owner().domain();
        boolean ours = host != null && own != null && (host.equals(own) || host.endsWith("." + own));
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || !ours) {
            throw ApiException.invalid("target_url", "must be a page of the owner's site" + (own == null ? " (a path such as /pricing)" : " (" + own + ")"));
        }
        return uri.toString();
    }

    List<Link> links(String partnerId) {
        return jdbc.sql("select * from referral_links where partner_id = :partner order by id desc limit 100").param("partner", partnerId)
                .query((rs, n) -> new Link(rs.getString("id"), rs.getString("partner_id"), rs.getString("code"), rs.getString("target_url"),
                        Sql.instant(rs, "created_at"))).list();
    }

    Optional<Link> byCode(String code) {
        return jdbc.sql("select * from referral_links where code = :code").param("code", code)
                .query((rs, n) -> new Link(rs.getString("id"), rs.getString("partner_id"), rs.getString("code"), rs.getString("target_url"),
                        Sql.instant(rs, "created_at"))).optional();
    }

    /** Records a click; flags it when one address clicked this link more than the burst limit within a minute. */
    @Transactional
    boolean recordClick(Link link, String visitorId, String address) {
        Instant now = clock.instant();
        String ipHash = address == null ? null : Secrets.sha256Hex("referral-ip:" + address);
        long recent = ipHash == null ? 0 : jdbc.sql("""
                select count(*) from referral_clicks where link_id = :link and ip_hash = :ip and clicked_at > :since""")
                .param("link", link.id()).param("ip", ipHash).param("since", Sql.at(now.minus(Duration.ofMinutes(1)))).query(Long.class).single();
        boolean burst = recent >= properties.clickBurstLimit();
        jdbc.sql("""
                insert into referral_clicks (id, link_id, partner_id, visitor_id, ip_hash, burst, clicked_at)
                values (:id, :link, :partner, :visitor, :ip, :burst, :now)""")
                .param("id", Ids.next("rck")).param("link", link.id()).param("partner", link.partnerId()).param("visitor", visitorId)
                .param("ip", ipHash).param("burst", burst).param("now", Sql.at(now)).update();
        return burst;
    }

    void createCoupon(String partnerId, String code) {
        try {
            jdbc.sql("insert into referral_coupons (code, partner_id, created_at) values (:code, :partner, :now)")
                    .param("code", code.toUpperCase(Locale.ROOT)).param("partner", partnerId).param("now", Sql.at(clock.instant())).update();
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("The coupon code " + code.toUpperCase(Locale.ROOT) + " is taken; choose another.");
        }
    }

    /** Captures a lead and attributes it to a partner by coupon or by the visitor's referral clicks. */
    @Transactional
    Lead captureLead(Mode mode, String email, String company, String domain, String visitorId, String coupon) {
        Instant now = clock.instant();
        String couponPartner = null;
        if (coupon != null) {
            couponPartner = jdbc.sql("select partner_id from referral_coupons where code = :code").param("code", coupon.toUpperCase(Locale.ROOT))
                    .query(String.class).optional().orElseThrow(() -> ApiException.invalid("coupon", "is not a known coupon code"));
        }
        List<Attribution.Click> clicks = visitorId == null ? List.of() : jdbc.sql("""
                select id, partner_id, clicked_at, burst from referral_clicks where visitor_id = :visitor order by clicked_at limit 200""")
                .param("visitor", visitorId)
                .query((rs, n) -> new Attribution.Click(rs.getString("id"), rs.getString("partner_id"), Sql.instant(rs, "clicked_at"),
                        rs.getBoolean("burst"))).list();
        Attribution.Rule rule = properties.attribution().equals("first") ? Attribution.Rule.FIRST_CLICK : Attribution.Rule.LAST_CLICK;
        Attribution.Result result = Attribution.attribute(rule, couponPartner, clicks, now, properties.referralCookieDays());
        List<String> flags = new ArrayList<>();
        String leadDomain = domain != null ? Domains.normalize(domain) : email.substring(email.lastIndexOf('@') + 1).toLowerCase(Locale.ROOT);
        if (result.partnerId() != null) {
            Organization partner = organizations.find(result.partnerId()).orElseThrow();
            flags.addAll(FraudRules.check(new FraudRules.Facts(partner.domain(), leadDomain, email, List.of())));
            if (result.click() != null && result.click().burst()) {
                flags.add("click burst: the attributed click came in a burst of clicks from one address");
            }
        }
        Lead lead = new Lead(Ids.next("rld"), email.trim().toLowerCase(Locale.ROOT), company, leadDomain, result.partnerId(), result.how(),
                result.click() == null ? null : result.click().id(), coupon == null ? null : coupon.toUpperCase(Locale.ROOT), flags, now);
        jdbc.sql("""
                insert into referral_leads (id, mode, email, company, domain, partner_id, attribution, click_id, coupon, flags, created_at)
                values (:id, :mode, :email, :company, :domain, :partner, :how, :click, :coupon, :flags, :now)""")
                .param("id", lead.id()).param("mode", mode.wire()).param("email", lead.email()).param("company", company)
                .param("domain", lead.domain()).param("partner", lead.partnerId()).param("how", lead.attribution()).param("click", lead.clickId())
                .param("coupon", lead.coupon()).param("flags", flags.isEmpty() ? null : json.writeValueAsString(flags)).param("now", Sql.at(now))
                .update();
        return lead;
    }

    long clicks(String partnerId) {
        return jdbc.sql("select count(*) from referral_clicks where partner_id = :partner").param("partner", partnerId).query(Long.class).single();
    }
}
