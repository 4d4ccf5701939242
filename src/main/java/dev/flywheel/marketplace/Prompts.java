package dev.flywheel.marketplace;

import dev.flywheel.identity.Organization;
import dev.flywheel.identity.Organizations;
import dev.flywheel.platform.web.ApiException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Service;

/**
 * In-product prompts: given a customer account and what it just did ("created first
 * workspace"), the one listing most worth showing now. It learns from co-installs: accounts of
 * the same segment that installed what this account installed also installed X. The score is
 *
 * <pre>
 * 0.45 · relevance to the context (Lucene, best = 1)
 * + 0.40 · co-install affinity (same-segment accounts sharing an install, best = 1; segment popularity when the account has none)
 * + 0.15 · the listing's browse score from the ranking formula
 * </pre>
 *
 * over live listings the account has not installed; a listing needs some relevance or affinity
 * to be proposed at all.
 */
@Service
class Prompts {

    record Suggestion(Storefront.Ranked listing, double score, double relevance, double affinity, String reason) {
    }

    private final Storefront storefront;
    private final StorefrontIndex index;
    private final InstallationRepository installations;
    private final Organizations organizations;

    Prompts(Storefront storefront, StorefrontIndex index, InstallationRepository installations, Organizations organizations) {
        this.storefront = storefront;
        this.index = index;
        this.installations = installations;
        this.organizations = organizations;
    }

    Optional<Suggestion> suggest(String accountId, String context) {
        Organization account = organizations.find(accountId).filter(o -> o.kind() == dev.flywheel.identity.OrganizationKind.CUSTOMER)
                .orElseThrow(() -> ApiException.notFound("customer account", accountId));
        Set<String> installed = new HashSet<>();
        installations.ofAccount(account.id()).stream().filter(Installation::active).forEach(i -> installed.add(i.listingId()));
        Map<String, Double> relevance = new HashMap<>();
        if (context != null && !context.isBlank()) {
            index.search().search(context, ListingSearch.Filters.none()).hits().forEach(h -> relevance.put(h.id(), h.relevance()));
        }
        Map<String, Long> affinity = new HashMap<>();
        String reasonKind;
        if (!installed.isEmpty()) {
            installations.coInstalls(List.copyOf(installed), account.segment()).forEach(r -> affinity.put((String) r[0], (Long) r[1]));
            if (affinity.isEmpty() && account.segment() != null) {
                installations.coInstalls(List.copyOf(installed), null).forEach(r -> affinity.put((String) r[0], (Long) r[1]));
            }
            reasonKind = "installed by accounts that also use your apps";
        } else {
            installations.popularInSegment(account.segment()).forEach(r -> affinity.put((String) r[0], (Long) r[1]));
            reasonKind = account.segment() == null ? "popular with other accounts" : "popular with " + account.segment() + " accounts";
        }
        long maxAffinity = affinity.values().stream().mapToLong(Long::longValue).max().orElse(0);
        Suggestion best = null;
        for (StorefrontIndex.Entry entry : index.all()) {
            if (installed.contains(entry.id())) {
                continue;
            }
            double r = relevance.getOrDefault(entry.id(), 0.0);
            double a = maxAffinity == 0 ? 0 : (double) affinity.getOrDefault(entry.id(), 0L) / maxAffinity;
            if (r == 0 && a == 0) {
                continue;
            }
            Storefront.Ranked ranked = storefront.rankedById(entry.id()).orElse(null);
            if (ranked == null) {
                continue;
            }
            double score = 0.45 * r + 0.40 * a + 0.15 * ranked.total();
            if (best == null || score > best.score() || (score == best.score() && entry.id().compareTo(best.listing().entry().id()) < 0)) {
                String reason = r >= a ? "matches \"" + context + "\"" : reasonKind;
                best = new Suggestion(ranked, score, r, a, reason);
            }
        }
        return Optional.ofNullable(best);
    }
}
