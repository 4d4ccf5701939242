package dev.flywheel.playbook;

import java.util.List;

/**
 * One source of live data for the ecosystem map. Each module whose data belongs on the map gets a
 * small provider; the map only ever draws what some provider found, so it grows as modules land.
 */
interface MapProvider {

    /** The nodes and edges this source contributes; edges may point at nodes of other providers (e.g. {@code product}). */
    Contribution contribute();

    /**
     * Providers run in this order; when two contribute a node with the same id, the first one's
     * node is kept (the marketplace's app, with its installs, over the community's name of it).
     */
    default int order() {
        return 100;
    }

    /** A provider from a function, run at {@code order}. */
    static MapProvider of(int order, java.util.function.Supplier<Contribution> contribution) {
        return new MapProvider() {
            @Override
            public Contribution contribute() {
                return contribution.get();
            }

            @Override
            public int order() {
                return order;
            }
        };
    }

    record Contribution(List<EcosystemMap.Node> nodes, List<EcosystemMap.Edge> edges) {
    }
}
