package dev.flywheel.insights;

import dev.flywheel.identity.Organization;
import dev.flywheel.identity.OrganizationKind;
import dev.flywheel.identity.Organizations;
import dev.flywheel.platform.Mode;
import dev.flywheel.platform.paging.CursorPage;
import dev.flywheel.platform.paging.PageQuery;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** What insights needs from identity's customer accounts and partners, read through the Organizations facade. */
@Component
class AccountDirectory {

    private final Organizations organizations;

    AccountDirectory(Organizations organizations) {
        this.organizations = organizations;
    }

    /** Signup date per account external id (accounts without one are left out). */
    Map<String, LocalDate> signups(Mode mode) {
        Map<String, LocalDate> out = new HashMap<>();
        PageQuery query = PageQuery.first(PageQuery.MAX_LIMIT);
        while (true) {
            CursorPage<Organization> page = organizations.accounts(mode, null, query);
            for (Organization o : page.data()) {
                if (o.signedUpOn() != null && o.externalId() != null) {
                    out.put(o.externalId(), o.signedUpOn());
                }
            }
            if (!page.hasMore()) {
                return out;
            }
            query = new PageQuery(PageQuery.MAX_LIMIT, page.nextStartingAfter());
        }
    }

    long partnerCount() {
        return organizations.count(OrganizationKind.PARTNER);
    }

    String partnerName(String partnerId) {
        Optional<Organization> o = organizations.find(partnerId);
        return o.map(Organization::name).orElse(partnerId);
    }
}
