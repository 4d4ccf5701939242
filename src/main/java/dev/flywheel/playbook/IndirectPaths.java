package dev.flywheel.playbook;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Finds the indirect connections worth highlighting on the map: a community asset (a template)
 * that needs an app, where that app earns revenue through a revenue channel. Each becomes one
 * dashed revenue edge from the template straight to the channel, weighted by the template's use
 * and labelled with the whole path, so "this template drives installs of an app that drives
 * revenue" can be seen at a glance. Pure.
 */
final class IndirectPaths {

    private IndirectPaths() {
    }

    static List<EcosystemMap.Edge> revenueChains(List<EcosystemMap.Node> nodes, List<EcosystemMap.Edge> edges) {
        Map<String, EcosystemMap.Node> byId = nodes.stream().collect(Collectors.toMap(EcosystemMap.Node::id, Function.identity(), (a, b) -> a));
        List<EcosystemMap.Edge> chains = new ArrayList<>();
        for (EcosystemMap.Edge toApp : edges) {
            EcosystemMap.Node template = byId.get(toApp.from());
            EcosystemMap.Node app = byId.get(toApp.to());
            if (!isTemplate(template) || app == null || app.kind() != EcosystemMap.Kind.INTEGRATION) {
                continue;
            }
            for (EcosystemMap.Edge earns : edges) {
                EcosystemMap.Node channel = byId.get(earns.to());
                if (earns.from().equals(app.id()) && earns.flow() == EcosystemMap.Flow.REVENUE && channel != null
                        && channel.kind() == EcosystemMap.Kind.REVENUE) {
                    chains.add(new EcosystemMap.Edge(template.id(), channel.id(), EcosystemMap.Flow.REVENUE, Math.max(1, toApp.weight()),
                            template.label() + " → drives installs of " + app.label() + " (" + app.weight() + " active installs) → "
                                    + channel.label() + ": " + earns.label(), true));
                }
            }
        }
        return chains;
    }

    private static boolean isTemplate(EcosystemMap.Node node) {
        return node != null && node.kind() == EcosystemMap.Kind.COMMUNITY && !node.id().equals("community");
    }
}
