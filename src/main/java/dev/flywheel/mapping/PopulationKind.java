package dev.flywheel.mapping;

import java.util.Locale;

/** What a population lists. */
enum PopulationKind {
    CUSTOMERS, OPPORTUNITIES, PROSPECTS, CUSTOM;

    String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    static PopulationKind fromWire(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
