package dev.flywheel.playbook;

import java.util.List;

/**
 * One source of live data for the ecosystem map. Each module whose data belongs on the map gets a
 * small provider; the map only ever draws what some provider found, so it grows as modules land.
 */
interface MapProvider {

    /** The nodes and edges this source contributes; edges may point at nodes of other providers (e.g. {@code product}). */
    Contribution contribute();

    record Contribution(List<EcosystemMap.Node> nodes, List<EcosystemMap.Edge> edges) {
    }
}
