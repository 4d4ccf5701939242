package dev.flywheel.playbook;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Service;

/** Builds the ecosystem map from every provider's live data plus the nodes and edges people added. */
@Service
class MapBuilder {

    private final List<MapProvider> providers;
    private final PlaybookRepository repository;

    MapBuilder(List<MapProvider> providers, PlaybookRepository repository) {
        this.providers = providers;
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
        List<EcosystemMap.Edge> drawable = edges.stream().filter(e -> nodes.containsKey(e.from()) && nodes.containsKey(e.to())).toList();
        return new EcosystemMap(List.copyOf(nodes.values()), drawable);
    }
}
