package dev.flywheel.mapping;

import dev.flywheel.platform.Ids;
import dev.flywheel.platform.jdbc.Sql;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class PopulationRepository {

    /** A stored record: its keyed hashes and sealed fields. */
    record StoredRecord(String id, String accountHmac, String emailHmac, String sealedFields) {
    }

    /** A record as loaded, before storing. */
    record NewRecord(String accountHmac, String emailHmac, String sealedFields) {
    }

    private final JdbcClient jdbc;
    private final JdbcTemplate template;

    PopulationRepository(JdbcClient jdbc, JdbcTemplate template) {
        this.jdbc = jdbc;
        this.template = template;
    }

    void insert(Population p) {
        jdbc.sql("""
                insert into mapping_populations (id, partnership_id, side, name, kind, policy, shared_fields, records, skipped, loaded_at, created_at)
                values (:id, :partnership, :side, :name, :kind, :policy, :fields, 0, 0, null, :at)""")
                .param("id", p.id()).param("partnership", p.partnershipId()).param("side", p.side().wire()).param("name", p.name())
                .param("kind", p.kind().wire()).param("policy", p.policy().wire()).param("fields", String.join(",", p.sharedFields()))
                .param("at", Sql.at(p.createdAt())).update();
    }

    Optional<Population> find(String id) {
        return jdbc.sql(SELECT + " where p.id = :id").param("id", id).query(PopulationRepository::map).optional();
    }

    List<Population> ofPartnership(String partnershipId) {
        return jdbc.sql(SELECT + " where p.partnership_id = :id order by p.id").param("id", partnershipId).query(PopulationRepository::map).list();
    }

    void updatePolicy(String id, SharingPolicy policy, List<String> fields) {
        jdbc.sql("update mapping_populations set policy = :policy, shared_fields = :fields where id = :id")
                .param("id", id).param("policy", policy.wire()).param("fields", String.join(",", fields)).update();
    }

    /** Replaces every record of the population. */
    void replaceRecords(String populationId, List<NewRecord> records, long skipped, Instant at) {
        jdbc.sql("delete from mapping_records where population_id = :id").param("id", populationId).update();
        List<Object[]> rows = new ArrayList<>(records.size());
        for (NewRecord r : records) {
            rows.add(new Object[] {Ids.next("mrc"), populationId, r.accountHmac(), r.emailHmac(), r.sealedFields()});
        }
        for (int i = 0; i < rows.size(); i += 1000) {
            template.batchUpdate("insert into mapping_records (id, population_id, account_hmac, email_hmac, sealed_fields) values (?, ?, ?, ?, ?)",
                    rows.subList(i, Math.min(rows.size(), i + 1000)));
        }
        jdbc.sql("update mapping_populations set records = :n, skipped = :s, loaded_at = :at where id = :id")
                .param("id", populationId).param("n", records.size()).param("s", skipped).param("at", Sql.at(at)).update();
    }

    /** Keeps the population's sorted hashes beside its records (in the same transaction as the records). */
    void storeHashes(String populationId, SortedHashes hashes) {
        jdbc.sql("delete from mapping_population_hashes where population_id = :id").param("id", populationId).update();
        jdbc.sql("insert into mapping_population_hashes (population_id, accounts, hashes) values (:id, :n, :h)")
                .param("id", populationId).param("n", hashes.size()).param("h", hashes.toBytes()).update();
    }

    /** The population's sorted hashes; rebuilt from its records when the derived copy is missing. */
    SortedHashes hashes(String populationId) {
        return jdbc.sql("select hashes from mapping_population_hashes where population_id = :id").param("id", populationId)
                .query((rs, n) -> SortedHashes.fromBytes(rs.getBytes(1))).optional()
                .orElseGet(() -> SortedHashes.ofHex(jdbc.sql("select account_hmac from mapping_records where population_id = :id")
                        .param("id", populationId).query(String.class).list()));
    }

    /**
     * Recounts the overlap of one population with each population of the other side: an exact
     * merge of the two sorted hash arrays in memory, stored as one count per pair.
     */
    void recomputeOverlaps(Population loaded, SortedHashes loadedHashes, List<Population> others, Instant at) {
        String column = loaded.side() == Population.Side.OWNER ? "owner_population_id" : "partner_population_id";
        jdbc.sql("delete from mapping_overlaps where " + column + " = :id").param("id", loaded.id()).update();
        for (Population other : others) {
            long n = loadedHashes.intersect(hashes(other.id()));
            String owner = loaded.side() == Population.Side.OWNER ? loaded.id() : other.id();
            String partner = loaded.side() == Population.Side.OWNER ? other.id() : loaded.id();
            jdbc.sql("insert into mapping_overlaps (owner_population_id, partner_population_id, overlap, computed_at) values (:o, :p, :n, :at)")
                    .param("o", owner).param("p", partner).param("n", n).param("at", Sql.at(at)).update();
        }
    }

    long overlap(String ownerPopulationId, String partnerPopulationId) {
        return jdbc.sql("select overlap from mapping_overlaps where owner_population_id = :o and partner_population_id = :p")
                .param("o", ownerPopulationId).param("p", partnerPopulationId).query(Long.class).optional().orElse(0L);
    }

    /** Distinct accounts present in at least one of each group of populations. */
    long distinctOverlap(List<String> ownerPopulations, List<String> partnerPopulations) {
        if (ownerPopulations.isEmpty() || partnerPopulations.isEmpty()) {
            return 0;
        }
        if (ownerPopulations.size() == 1 && partnerPopulations.size() == 1) {
            return overlap(ownerPopulations.get(0), partnerPopulations.get(0));
        }
        return SortedHashes.union(ownerPopulations.stream().map(this::hashes).toList())
                .intersect(SortedHashes.union(partnerPopulations.stream().map(this::hashes).toList()));
    }

    /** Records of a population, by id descending, optionally only those also in {@code against}. */
    List<StoredRecord> records(String populationId, String against, String after, int limit) {
        return jdbc.sql("""
                select r.id, r.account_hmac, r.email_hmac, r.sealed_fields from mapping_records r
                where r.population_id = :id
                  and (cast(:against as varchar) is null or exists (select 1 from mapping_records o where o.population_id = :against and o.account_hmac = r.account_hmac))
                  and (cast(:after as varchar) is null or r.id < :after)
                order by r.id desc limit :limit""")
                .param("id", populationId).param("against", against).param("after", after).param("limit", limit)
                .query((rs, n) -> new StoredRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4))).list();
    }

    boolean contains(String populationId, String accountHmac) {
        return jdbc.sql("select count(*) from mapping_records where population_id = :id and account_hmac = :h")
                .param("id", populationId).param("h", accountHmac).query(Long.class).single() > 0;
    }

    List<StoredRecord> withEmail(String emailHmac) {
        return jdbc.sql("select id, account_hmac, email_hmac, sealed_fields from mapping_records where email_hmac = :h")
                .param("h", emailHmac).query((rs, n) -> new StoredRecord(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4))).list();
    }

    void reseal(String recordId, String sealedFields) {
        jdbc.sql("update mapping_records set sealed_fields = :s, email_hmac = null where id = :id").param("id", recordId).param("s", sealedFields).update();
    }

    List<String> partnershipIds() {
        return jdbc.sql("select id from mapping_partnerships").query(String.class).list();
    }

    private static final String SELECT = """
            select p.*, s.partner_id from mapping_populations p join mapping_partnerships s on s.id = p.partnership_id""";

    private static Population map(ResultSet rs, int n) throws SQLException {
        String fields = rs.getString("shared_fields");
        return new Population(rs.getString("id"), rs.getString("partnership_id"), rs.getString("partner_id"),
                Population.Side.valueOf(rs.getString("side").toUpperCase(java.util.Locale.ROOT)), rs.getString("name"),
                PopulationKind.fromWire(rs.getString("kind")), SharingPolicy.fromWire(rs.getString("policy")),
                fields == null || fields.isBlank() ? List.of() : Arrays.asList(fields.split(",")), rs.getLong("records"), rs.getLong("skipped"),
                Sql.instant(rs, "loaded_at"), Sql.instant(rs, "created_at"));
    }
}
