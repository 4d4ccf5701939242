package dev.flywheel.mapping;

import dev.flywheel.identity.AuditLog;
import dev.flywheel.identity.Caller;
import dev.flywheel.identity.OrganizationKind;
import dev.flywheel.identity.Organizations;
import dev.flywheel.platform.Ids;
import dev.flywheel.platform.paging.CursorPage;
import dev.flywheel.platform.paging.PageQuery;
import dev.flywheel.platform.web.ApiException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Loading populations and answering what each side may see of the other's. Every answer goes
 * through the population's sharing policy here, in one place.
 */
@Service
class AccountMapping {

    /** One cell of the overlap matrix. */
    record Cell(String ownerPopulationId, String partnerPopulationId, long overlap, boolean coSellPriority) {
    }

    record Matrix(String partnerId, List<Population> ownerPopulations, List<Population> partnerPopulations, List<Cell> cells,
            Long mutualCustomers) {
    }

    /** An account of a population as the viewer may see it. */
    record Account(String id, Map<String, String> fields, Boolean overlapping) {
    }

    static final int MAX_FIELDS = 30;

    private final PartnershipKeys keys;
    private final PopulationRepository repository;
    private final Organizations organizations;
    private final AuditLog audit;
    private final MappingProperties properties;
    private final JsonMapper json;
    private final Clock clock;

    AccountMapping(PartnershipKeys keys, PopulationRepository repository, Organizations organizations, AuditLog audit,
            MappingProperties properties, JsonMapper json, Clock clock) {
        this.keys = keys;
        this.repository = repository;
        this.organizations = organizations;
        this.audit = audit;
        this.properties = properties;
        this.json = json;
        this.clock = clock;
    }

    static Population.Side sideOf(Caller caller) {
        if (caller.organizationKind() == OrganizationKind.OWNER) {
            return Population.Side.OWNER;
        }
        if (caller.organizationKind() == OrganizationKind.PARTNER) {
            return Population.Side.PARTNER;
        }
        throw ApiException.forbidden("Account mapping is between the owner and its partners; customer accounts cannot use it.");
    }

    /** The partnership the caller acts in: a partner's own, or the one with the partner the owner names. */
    PartnershipKeys.Partnership partnership(Caller caller, String partnerId) {
        if (sideOf(caller) == Population.Side.PARTNER) {
            if (partnerId != null && !partnerId.equals(caller.organizationId())) {
                throw ApiException.notFound("partner", partnerId);
            }
            return keys.findOrCreate(caller.organizationId(), caller.mode());
        }
        if (partnerId == null || partnerId.isBlank()) {
            throw ApiException.invalid("partner_id", "is required for the owner: the partner this mapping is with");
        }
        organizations.find(partnerId).filter(o -> o.kind() == OrganizationKind.PARTNER)
                .orElseThrow(() -> ApiException.notFound("partner", partnerId));
        return keys.findOrCreate(partnerId, caller.mode());
    }

    @Transactional
    Population create(Caller caller, String partnerId, String name, PopulationKind kind, SharingPolicy policy, List<String> sharedFields,
            List<Map<String, String>> records) {
        PartnershipKeys.Partnership p = partnership(caller, partnerId);
        Population population = new Population(Ids.next("pop"), p.id(), p.partnerId(), sideOf(caller), name.trim(), kind, policy,
                fields(sharedFields), 0, 0, null, clock.instant());
        repository.insert(population);
        audit.record(caller.organizationId(), "mapping.population_created", population.id(),
                population.name() + " (" + kind.wire() + ", policy " + policy.wire() + ")");
        if (records != null) {
            return load(caller, population.id(), records);
        }
        return population;
    }

    /** Replaces the population's accounts and recounts its overlaps. */
    @Transactional
    Population load(Caller caller, String populationId, List<Map<String, String>> records) {
        Population population = own(caller, populationId);
        if (records.size() > properties.maxRecords()) {
            throw ApiException.invalid("records", "must be at most " + properties.maxRecords() + " per load");
        }
        PartnershipKeys.Partnership p = keys.lock(population.partnerId(), caller.mode());
        Map<String, PopulationRepository.NewRecord> byAccount = new LinkedHashMap<>();
        long skipped = 0;
        for (int i = 0; i < records.size(); i++) {
            Map<String, String> r = clean(records.get(i), i);
            String domain = MatchKeys.domainOf(r.get("domain"), r.get("email"));
            if (domain == null) {
                skipped++;
                continue;
            }
            String hmac = p.hmac("domain", domain);
            if (byAccount.containsKey(hmac)) {
                continue;
            }
            String email = MatchKeys.email(r.get("email"));
            byAccount.put(hmac, new PopulationRepository.NewRecord(hmac, email == null ? null : p.hmac("email", email),
                    p.seal(json.writeValueAsString(r))));
        }
        Instant now = clock.instant();
        repository.replaceRecords(population.id(), new ArrayList<>(byAccount.values()), skipped, now);
        SortedHashes hashes = SortedHashes.ofHex(byAccount.keySet());
        repository.storeHashes(population.id(), hashes);
        List<Population> others = repository.ofPartnership(p.id()).stream().filter(o -> o.side() != population.side()).toList();
        repository.recomputeOverlaps(population, hashes, others, now);
        audit.record(caller.organizationId(), "mapping.population_loaded", population.id(), byAccount.size() + " accounts, " + skipped + " skipped");
        return repository.find(population.id()).orElseThrow();
    }

    @Transactional
    Population setPolicy(Caller caller, String populationId, SharingPolicy policy, List<String> sharedFields) {
        Population population = own(caller, populationId);
        repository.updatePolicy(population.id(), policy, fields(sharedFields));
        audit.record(caller.organizationId(), "mapping.policy_changed", population.id(), population.policy().wire() + " -> " + policy.wire());
        return repository.find(population.id()).orElseThrow();
    }

    /** The caller's own populations and the other side's that are not hidden. */
    List<Population> visible(Caller caller, String partnerId) {
        PartnershipKeys.Partnership p = partnership(caller, partnerId);
        Population.Side me = sideOf(caller);
        return repository.ofPartnership(p.id()).stream().filter(x -> x.side() == me || x.policy() != SharingPolicy.HIDDEN).toList();
    }

    Matrix matrix(Caller caller, String partnerId) {
        List<Population> visible = visible(caller, partnerId);
        List<Population> owner = visible.stream().filter(x -> x.side() == Population.Side.OWNER).toList();
        List<Population> partner = visible.stream().filter(x -> x.side() == Population.Side.PARTNER).toList();
        List<Cell> cells = new ArrayList<>();
        for (Population o : owner) {
            for (Population q : partner) {
                long n = repository.overlap(o.id(), q.id());
                cells.add(new Cell(o.id(), q.id(), n, coSell(n, q)));
            }
        }
        List<String> ownerCustomers = owner.stream().filter(x -> x.kind() == PopulationKind.CUSTOMERS).map(Population::id).toList();
        List<String> partnerCustomers = partner.stream().filter(x -> x.kind() == PopulationKind.CUSTOMERS).map(Population::id).toList();
        Long mutual = ownerCustomers.isEmpty() || partnerCustomers.isEmpty() ? null : repository.distinctOverlap(ownerCustomers, partnerCustomers);
        String pid = visible.isEmpty() ? partnership(caller, partnerId).partnerId() : visible.get(0).partnerId();
        return new Matrix(pid, owner, partner, cells, mutual);
    }

    /** Co-sell priority: the overlap is at least the threshold share of the partner's customers. */
    boolean coSell(long overlap, Population partnerPopulation) {
        return partnerPopulation.kind() == PopulationKind.CUSTOMERS && partnerPopulation.records() > 0
                && BigDecimal.valueOf(overlap).compareTo(properties.coSellThreshold().multiply(BigDecimal.valueOf(partnerPopulation.records()))) >= 0;
    }

    /**
     * The accounts of a population as the caller may see them. Own populations: all fields. The
     * other side's: nothing unless its policy allows — overlaps: only accounts also in one of the
     * caller's own populations ({@code against}), only the chosen fields; everything: all. Filtering
     * own accounts {@code against} the other side's list is allowed only where that list shares
     * overlapping accounts, since the filter itself would reveal them.
     */
    CursorPage<Account> accounts(Caller caller, String populationId, String againstId, PageQuery query) {
        Population population = accessible(caller, populationId);
        Population.Side me = sideOf(caller);
        Population against = againstId == null ? null : accessible(caller, againstId);
        if (against != null && !against.partnershipId().equals(population.partnershipId())) {
            throw ApiException.invalid("against", "must be a population of the same partnership");
        }
        if (against != null && against.side() == population.side()) {
            throw ApiException.invalid("against", "must be a population of the other side");
        }
        boolean mine = population.side() == me;
        if (mine && against != null && !against.policy().atLeast(SharingPolicy.OVERLAPS)) {
            throw ApiException.forbidden("The other side shares only counts for '" + against.name() + "'; its overlapping accounts are not shared.");
        }
        if (!mine) {
            if (!population.policy().atLeast(SharingPolicy.OVERLAPS)) {
                throw ApiException.forbidden("'" + population.name() + "' is shared as counts only; its accounts are not shared.");
            }
            if (population.policy() == SharingPolicy.OVERLAPS && against == null) {
                throw ApiException.invalid("against", "is required: this population shares only the accounts that overlap with one of your own populations");
            }
        }
        PartnershipKeys.Partnership p = keys.find(population.partnerId(), caller.mode()).orElseThrow();
        List<PopulationRepository.StoredRecord> rows = repository.records(population.id(), against == null ? null : against.id(),
                query.startingAfter(), query.fetchSize());
        boolean allFields = mine || population.policy() == SharingPolicy.EVERYTHING;
        List<Account> out = new ArrayList<>();
        for (PopulationRepository.StoredRecord r : rows) {
            Map<String, String> fields = json.readValue(p.open(r.sealedFields()), new TypeReference<LinkedHashMap<String, String>>() {
            });
            if (!allFields) {
                fields.keySet().retainAll(population.sharedFields());
            }
            out.add(new Account(r.id(), fields, against == null ? null : Boolean.TRUE));
        }
        return CursorPage.of(out, query, Account::id);
    }

    /** Every record, across partnerships, whose email is this person's, with its fields. */
    List<Map<String, String>> personData(String email) {
        List<Map<String, String>> out = new ArrayList<>();
        forEachRecordOf(email, (p, r) -> out.add(json.readValue(p.open(r.sealedFields()), new TypeReference<LinkedHashMap<String, String>>() {
        })));
        return out;
    }

    /**
     * Removes a person from every population: their email and any field holding it are dropped
     * from the sealed fields, the email hash is cleared, and the account's keyed hash stays, so
     * overlap counts do not change.
     */
    @Transactional
    int erase(Caller caller, String email) {
        int[] n = {0};
        String normalized = MatchKeys.email(email);
        forEachRecordOf(email, (p, r) -> {
            Map<String, String> fields = json.readValue(p.open(r.sealedFields()), new TypeReference<LinkedHashMap<String, String>>() {
            });
            fields.values().removeIf(v -> v != null && v.toLowerCase(java.util.Locale.ROOT).contains(normalized));
            repository.reseal(r.id(), p.seal(json.writeValueAsString(fields)));
            n[0]++;
        });
        audit.record(caller.organizationId(), "privacy.erased", "sha256:" + dev.flywheel.platform.Secrets.sha256Hex(normalized).substring(0, 16),
                "account mapping: " + n[0] + " records");
        return n[0];
    }

    private void forEachRecordOf(String email, java.util.function.BiConsumer<PartnershipKeys.Partnership, PopulationRepository.StoredRecord> action) {
        String normalized = MatchKeys.email(email);
        for (PartnershipKeys.Partnership p : keys.all()) {
            for (PopulationRepository.StoredRecord r : repository.withEmail(p.hmac("email", normalized))) {
                action.accept(p, r);
            }
        }
    }

    private Population own(Caller caller, String populationId) {
        Population population = accessible(caller, populationId);
        if (population.side() != sideOf(caller)) {
            throw ApiException.forbidden("Only the side that loaded a population may change it.");
        }
        return population;
    }

    /** A population of a partnership the caller belongs to, hidden ones of the other side excluded. */
    private Population accessible(Caller caller, String populationId) {
        Population.Side me = sideOf(caller);
        return repository.find(populationId)
                .filter(x -> me == Population.Side.OWNER || x.partnerId().equals(caller.organizationId()))
                .filter(x -> keys.find(x.partnerId(), caller.mode()).map(k -> k.id().equals(x.partnershipId())).orElse(false))
                .filter(x -> x.side() == me || x.policy() != SharingPolicy.HIDDEN)
                .orElseThrow(() -> ApiException.notFound("population", populationId));
    }

    private static List<String> fields(List<String> names) {
        if (names == null) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String n : names) {
            String f = n.trim().toLowerCase(java.util.Locale.ROOT);
            if (!f.matches("[a-z][a-z0-9_]{0,39}")) {
                throw ApiException.invalid("shared_fields", "must be field names (lower case letters, digits, _)");
            }
            out.add(f);
        }
        return out;
    }

    private static Map<String, String> clean(Map<String, String> record, int index) {
        if (record.size() > MAX_FIELDS) {
            throw ApiException.invalid("records[" + index + "]", "must have at most " + MAX_FIELDS + " fields");
        }
        Map<String, String> out = new LinkedHashMap<>();
        record.forEach((k, v) -> {
            String name = k.trim().toLowerCase(java.util.Locale.ROOT);
            if (!name.matches("[a-z][a-z0-9_]{0,39}")) {
                throw ApiException.invalid("records[" + index + "]." + k, "is not a field name (lower case letters, digits, _)");
            }
            if (v != null && v.length() > 500) {
                throw ApiException.invalid("records[" + index + "]." + k, "must be at most 500 characters");
            }
            if (v != null && !v.isBlank()) {
                out.put(name, v.trim());
            }
        });
        return out;
    }
}
