package dev.flywheel.playbook;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.springframework.stereotype.Service;

/** Builds the ecosystem map from every provider's live data plus the nodes and edges people added. */
@Service
class MapBuilder {

    private final List<MapProvider> providers;
    private final PlaybookRepository repository;

    MapBuilder(List<MapProvider> providers, PlaybookRepository repository) {
        this.providers = providers.stream().sorted(Comparator.comparingInt(MapProvider::order)).toList();
        this.repository = repository;
    }

    EcosystemMap build() {
        Map<String, EcosystemMap.Node> nodes = new LinkedHashMap<>();
        List<EcosystemMap.Edge> edges = new ArrayList<>();
        for (MapProvider provider : providers) {
            MapProvider.Contribution c = provider.contribute();
            c.nodes().forEach(n -> nodes.putIfAbsent(n.id(), n));
            edges.addAll(c.edges());
        }
        for (PlaybookRepository.MapAddition a : repository.mapAdditions()) {
            if ("node".equals(a.kind())) {
                nodes.putIfAbsent(a.id(), new EcosystemMap.Node(a.id(), EcosystemMap.Kind.CUSTOM, a.label(), a.weight() == null ? 1 : a.weight(),
                        "added by hand"));
            }
        }
        for (PlaybookRepository.MapAddition a : repository.mapAdditions()) {
            if ("edge".equals(a.kind()) && nodes.containsKey(a.sourceNode()) && nodes.containsKey(a.targetNode())) {
                edges.add(new EcosystemMap.Edge(a.sourceNode(), a.targetNode(), EcosystemMap.Flow.valueOf(a.flow().toUpperCase(Locale.ROOT)),
                        a.weight() == null ? 1 : a.weight(), a.label(), false));
            }
        }
        return assemble(nodes, edges);
    }

    /**
     * Keeps the edges whose two ends are on the map, once per (from, to, flow) — the first
     * provider's wins, as for nodes — and adds the revenue chains {@link IndirectPaths} finds.
     */
    static EcosystemMap assemble(Map<String, EcosystemMap.Node> nodes, List<EcosystemMap.Edge> edges) {
        Set<String> seen = new HashSet<>();
        List<EcosystemMap.Edge> drawable = new ArrayList<>();
        for (EcosystemMap.Edge e : edges) {
            if (nodes.containsKey(e.from()) && nodes.containsKey(e.to()) && !e.from().equals(e.to()) && seen.add(e.from() + "\n" + e.to() + "\n" + e.flow())) {
                drawable.add(e);
            }
        }
        List<EcosystemMap.Node> all = List.copyOf(nodes.values());
        for (EcosystemMap.Edge chain : IndirectPaths.revenueChains(all, drawable)) {
            if (seen.add(chain.from() + "\n" + chain.to() + "\n" + chain.flow())) {
                drawable.add(chain);
            }
        }
        return new EcosystemMap(all, List.copyOf(drawable));
    }
}
