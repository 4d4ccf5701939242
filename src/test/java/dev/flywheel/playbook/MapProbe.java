package dev.flywheel.playbook;

import java.util.List;
import java.util.Optional;
import org.springframework.context.ApplicationContext;

/** Test support: builds the ecosystem map from the running context, for tests in other modules' packages that set up the live data. */
public final class MapProbe {

    /** A node as a test sees it. */
    public record Node(String id, String kind, String label, long weight) {
    }

    /** An edge as a test sees it. */
    public record Edge(String from, String to, String flow, long weight, String label, boolean indirect) {
    }

    private final List<Node> nodes;
    private final List<Edge> edges;

    private MapProbe(EcosystemMap map) {
        this.nodes = map.nodes().stream().map(n -> new Node(n.id(), n.kind().name().toLowerCase(), n.label(), n.weight())).toList();
        this.edges = map.edges().stream().map(e -> new Edge(e.from(), e.to(), e.flow().name().toLowerCase(), e.weight(), e.label(), e.indirect()))
                .toList();
    }

    public static MapProbe build(ApplicationContext context) {
        return new MapProbe(context.getBean(MapBuilder.class).build());
    }

    public Optional<Node> node(String id) {
        return nodes.stream().filter(n -> n.id().equals(id)).findFirst();
    }

    public List<Edge> edges(String from, String to) {
        return edges.stream().filter(e -> e.from().equals(from) && e.to().equals(to)).toList();
    }

    public List<Node> nodes() {
        return nodes;
    }

    /** The highlighted revenue chains (a template → an app it needs → the revenue that app earns). */
    public List<Edge> chains() {
        return edges.stream().filter(e -> e.indirect() && e.flow().equals("revenue")).toList();
    }
}
