package dev.flywheel.playbook;

import java.util.List;

/**
 * The ecosystem as a graph: nodes of a few kinds and weighted edges for data, revenue and user
 * flow. Built by {@link MapProvider}s from live data, plus what people added by hand.
 */
record EcosystemMap(List<Node> nodes, List<Edge> edges) {

    /** What a node stands for; EVENT is a data-flow point (an event type), REVENUE a revenue channel. */
    enum Kind {
        PRODUCT, CUSTOMERS, PARTNERS, COMMUNITY, INTEGRATION, EVENT, REVENUE, CUSTOM
    }

    enum Flow {
        DATA, REVENUE, USERS
    }

    /**
     * @param id stable within one map (e.g. {@code partners:technology}), so edges and edits can refer to it
     * @param weight the real volume behind it (accounts, partners, active uses), shown and used for size
     * @param source what data it comes from, so nobody mistakes it for a guess
     */
    record Node(String id, Kind kind, String label, long weight, String source) {
    }

    /** An edge; {@code indirect} marks a path that reaches the product through another node (a template through an app). */
    record Edge(String from, String to, Flow flow, long weight, String label, boolean indirect) {
    }

    /** The indirect connections that end in revenue (a template → an app it needs → the revenue that app earns), for highlighting. */
    public List<Edge> revenueChains() {
        return edges.stream().filter(e -> e.indirect() && e.flow() == Flow.REVENUE).toList();
    }
}
