package dev.flywheel.mapping;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Arrays;

/** Lets the insights benchmark call the mapping module's overlap code (package-private) exactly as the server does. */
public final class OverlapBenchAccess {

    private OverlapBenchAccess() {
    }

    /** Both populations' hashes sorted from their hex form, then merged. */
    public static long inMemory(String[] ownerHex, String[] partnerHex) {
        return SortedHashes.ofHex(Arrays.asList(ownerHex)).intersect(SortedHashes.ofHex(Arrays.asList(partnerHex)));
    }

    /** Stores a population's sorted hashes as the server does when it is loaded. */
    public static void store(Connection db, String populationId, String[] hex) throws Exception {
        try (PreparedStatement ps = db.prepareStatement("insert into mapping_population_hashes (population_id, accounts, hashes) values (?, ?, ?)")) {
            SortedHashes h = SortedHashes.ofHex(Arrays.asList(hex));
            ps.setString(1, populationId);
            ps.setLong(2, h.size());
            ps.setBytes(3, h.toBytes());
            ps.executeUpdate();
        }
    }

    /** What a load does for the count: sort the loaded population, read the other's stored hashes, merge. */
    public static long onLoad(Connection db, String[] loadedHex, String otherPopulationId) throws Exception {
        SortedHashes loaded = SortedHashes.ofHex(Arrays.asList(loadedHex));
        try (PreparedStatement ps = db.prepareStatement("select hashes from mapping_population_hashes where population_id = ?")) {
            ps.setString(1, otherPopulationId);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return loaded.intersect(SortedHashes.fromBytes(rs.getBytes(1)));
            }
        }
    }
}
