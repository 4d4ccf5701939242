package dev.flywheel.mapping;

import java.util.Locale;

/**
 * What the other side of a partnership may learn from a population, from nothing to everything.
 * The side that loaded the population always sees all of it.
 */
enum SharingPolicy {
    /** Not listed, not counted: the other side does not learn it exists. */
    HIDDEN,
    /** Its name, kind, size and overlap counts with the other side's populations. */
    COUNTS,
    /** Counts, plus the overlapping accounts with the fields the owner of the list chose. */
    OVERLAPS,
    /** Every account with every field. */
    EVERYTHING;

    boolean atLeast(SharingPolicy other) {
        return compareTo(other) >= 0;
    }

    String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static SharingPolicy fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
