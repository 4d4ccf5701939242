package dev.flywheel.identity;

import dev.flywheel.platform.Ids;
import dev.flywheel.platform.Mode;
import dev.flywheel.platform.demo.DemoContributor;
import dev.flywheel.platform.demo.DemoSize;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * The demo's organizations and people: customer accounts across segments and signup dates,
 * partners of every archetype with their teams, and a few customer admins. Every demo user signs
 * in with the password {@value #DEMO_PASSWORD}.
 */
@Component
class IdentityDemo implements DemoContributor {

    static final String DEMO_PASSWORD = "flywheel-demo";
    private static final Logger log = LoggerFactory.getLogger(IdentityDemo.class);

    private static final List<String> FIRST = List.of("Acme", "Blue", "Bright", "Cedar", "Delta", "Echo", "Falcon", "Granite", "Harbor",
            "Iris", "Juniper", "Kite", "Lumen", "Maple", "Nimbus", "Orbit", "Pioneer", "Quartz", "River", "Summit", "Tidal",
            "Umber", "Vector", "Willow", "Yonder", "Zenith", "Copper", "Northwind", "Silver", "Atlas");
    private static final List<String> SECOND = List.of("Labs", "Works", "Systems", "Logistics", "Health", "Retail", "Analytics",
            "Foods", "Capital", "Studio", "Robotics", "Energy", "Media", "Cloud", "Dynamics", "Goods", "Partners", "Security");
    private static final List<String> SEGMENTS = List.of("smb", "smb", "smb", "mid-market", "mid-market", "enterprise");
    private static final List<String> PEOPLE = List.of("ada", "alan", "grace", "linus", "margaret", "dennis", "barbara", "ken",
            "radia", "tim", "frances", "john", "katherine", "edsger", "hedy", "donald");
    private static final List<String> PARTNER_WORDS = List.of("Integrations", "Consulting", "Digital", "Advisors", "Connect",
            "Solutions", "Agency", "Apps", "Group", "Collective");

    private final OrganizationRepository organizations;
    private final UserRepository users;
    private final PasswordEncoder passwords;
    private final Clock clock;

    IdentityDemo(OrganizationRepository organizations, UserRepository users, PasswordEncoder passwords, Clock clock) {
        this.organizations = organizations;
        this.users = users;
        this.passwords = passwords;
        this.clock = clock;
    }

    @Override
    public int order() {
        return 10;
    }

    @Override
    public void contribute(DemoSize size, Random random) {
        Instant now = clock.instant();
        String hash = passwords.encode(DEMO_PASSWORD);
        // Generating into a database that already has data (a second run, tests) must not collide with it.
        Set<String> usedDomains = organizations.allDomains();
        Set<String> usedExternalIds = organizations.externalIds(Mode.LIVE);
        int nextExternal = 10000;
        LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
        for (int i = 0; i < size.customerAccounts(); i++) {
            String name = FIRST.get(random.nextInt(FIRST.size())) + " " + SECOND.get(random.nextInt(SECOND.size()));
            String domain = uniqueDomain(name, usedDomains, random);
            LocalDate signedUp = today.minusDays(random.nextInt(3 * 365));
            while (usedExternalIds.contains("cus_" + nextExternal)) {
                nextExternal++;
            }
            String externalId = "cus_" + nextExternal++;
            Organization account = new Organization(Ids.next("acc"), OrganizationKind.CUSTOMER, name, domain, null,
                    externalId, Mode.LIVE, SEGMENTS.get(random.nextInt(SEGMENTS.size())), signedUp, null, now, now);
            organizations.insert(account);
            if (i < Math.max(1, size.customerAccounts() / 60)) {
                users.insert(new User(Ids.next("usr"), account.id(), "admin@" + domain, "Admin of " + name, Role.CUSTOMER_ADMIN,
                        UserStatus.ACTIVE, now, null), hash);
            }
        }
        for (PartnerType type : PartnerType.values()) {
            for (int i = 0; i < size.partnersPerType(); i++) {
                String name = FIRST.get(random.nextInt(FIRST.size())) + " " + PARTNER_WORDS.get(random.nextInt(PARTNER_WORDS.size()));
                String domain = uniqueDomain(name, usedDomains, random);
                Organization partner = new Organization(Ids.next("prt"), OrganizationKind.PARTNER, name, domain, type, null,
                        Mode.LIVE, null, null, null, now, now);
                organizations.insert(partner);
                for (int u = 0; u < size.usersPerPartner(); u++) {
                    Role role = u == 0 ? Role.PARTNER_ADMIN : Role.PARTNER_MEMBER;
                    String person = PEOPLE.get((i + u) % PEOPLE.size());
                    users.insert(new User(Ids.next("usr"), partner.id(), person + "." + u + "@" + domain, capitalize(person), role,
                            UserStatus.ACTIVE, now, null), hash);
                }
            }
        }
        log.info("Demo users (partner and customer admins, e.g. ada.0@<partner domain>) sign in with the password '{}'.", DEMO_PASSWORD);
    }

    private static String uniqueDomain(String name, Set<String> used, Random random) {
        String base = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "");
        String domain = base + ".example";
        while (!used.add(domain)) {
            domain = base + (random.nextInt(9000) + 1000) + ".example";
        }
        return domain;
    }

    private static String capitalize(String s) {
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
