package dev.flywheel.playbook;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Draws an {@link EcosystemMap} as SVG on the server: the product in the middle, customers left,
 * partners right, integrations on top, community below, hand-added nodes on the far left. Node
 * size and edge width grow with the logarithm of the real volume; indirect paths are dashed. Pure.
 */
final class MapSvg {

    static final int WIDTH = 960;
    static final int HEIGHT = 700;

    private record Point(double x, double y) {
    }

    private MapSvg() {
    }

    static String render(EcosystemMap map) {
        Map<EcosystemMap.Kind, List<EcosystemMap.Node>> byKind = new EnumMap<>(EcosystemMap.Kind.class);
        map.nodes().forEach(n -> byKind.computeIfAbsent(n.kind(), k -> new ArrayList<>()).add(n));
        Map<String, Point> at = new HashMap<>();
        place(byKind.get(EcosystemMap.Kind.PRODUCT), at, i -> new Point(WIDTH / 2.0, HEIGHT / 2.0 - 10));
        column(byKind.get(EcosystemMap.Kind.CUSTOMERS), at, 230, 200, HEIGHT - 200);
        column(byKind.get(EcosystemMap.Kind.PARTNERS), at, WIDTH - 150, 160, HEIGHT - 160);
        row(byKind.get(EcosystemMap.Kind.INTEGRATION), at, 80, 140, WIDTH - 140);
        List<EcosystemMap.Node> community = byKind.getOrDefault(EcosystemMap.Kind.COMMUNITY, List.of());
        List<EcosystemMap.Node> gallery = community.stream().filter(n -> n.id().equals("community")).toList();
        List<EcosystemMap.Node> templates = community.stream().filter(n -> !n.id().equals("community")).toList();
        place(gallery, at, i -> new Point(WIDTH / 2.0, HEIGHT - 200));
        row(templates, at, HEIGHT - 70, 120, WIDTH - 120);
        column(byKind.get(EcosystemMap.Kind.CUSTOM), at, 80, 90, HEIGHT - 90);

        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart ecosystem-map\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(HEIGHT).append("\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"Ecosystem map\" font-family=\"system-ui, sans-serif\">");
        svg.append("<title>Ecosystem map</title>");
        for (EcosystemMap.Edge e : map.edges()) {
            Point a = at.get(e.from());
            Point b = at.get(e.to());
            if (a == null || b == null) {
                continue;
            }
            double width = 1 + 1.5 * Math.log10(e.weight() + 1);
            svg.append("<line class=\"edge ").append(e.flow().name().toLowerCase(Locale.ROOT)).append(e.indirect() ? " indirect" : "")
                    .append("\" x1=\"").append(r(a.x())).append("\" y1=\"").append(r(a.y())).append("\" x2=\"").append(r(b.x()))
                    .append("\" y2=\"").append(r(b.y())).append("\" stroke=\"").append(color(e.flow())).append("\" stroke-width=\"")
                    .append(r(width)).append("\" stroke-opacity=\"0.55\"").append(e.indirect() ? " stroke-dasharray=\"6 4\"" : "").append(">")
                    .append("<title>").append(escape(e.flow().name().toLowerCase(Locale.ROOT) + " flow: " + e.label())).append("</title></line>");
        }
        for (EcosystemMap.Node n : map.nodes()) {
            Point p = at.get(n.id());
            double radius = n.kind() == EcosystemMap.Kind.PRODUCT ? 46 : Math.min(40, 12 + 6 * Math.log10(n.weight() + 1));
            svg.append("<g class=\"node ").append(n.kind().name().toLowerCase(Locale.ROOT)).append("\" data-id=\"").append(escape(n.id())).append("\">");
            svg.append("<circle cx=\"").append(r(p.x())).append("\" cy=\"").append(r(p.y())).append("\" r=\"").append(r(radius))
                    .append("\" fill=\"").append(fill(n.kind())).append("\" stroke=\"#1c1d26\" stroke-opacity=\"0.2\"><title>")
                    .append(escape(n.label() + " (" + n.weight() + ") — " + n.source())).append("</title></circle>");
            svg.append("<text x=\"").append(r(p.x())).append("\" y=\"").append(r(p.y() + radius + 14)).append("\" text-anchor=\"middle\" font-size=\"12\" fill=\"#1c1d26\">")
                    .append(escape(shorten(n.label()))).append("</text>");
            if (n.kind() != EcosystemMap.Kind.PRODUCT) {
                svg.append("<text x=\"").append(r(p.x())).append("\" y=\"").append(r(p.y() + 4)).append("\" text-anchor=\"middle\" font-size=\"11\" fill=\"#fff\">")
                        .append(n.weight()).append("</text>");
            }
            svg.append("</g>");
        }
        svg.append("</svg>");
        return svg.toString();
    }

    private interface Placer {
        Point at(int index);
    }

    private static void place(List<EcosystemMap.Node> nodes, Map<String, Point> at, Placer placer) {
        if (nodes == null) {
            return;
        }
        for (int i = 0; i < nodes.size(); i++) {
            at.put(nodes.get(i).id(), placer.at(i));
        }
    }

    private static void column(List<EcosystemMap.Node> nodes, Map<String, Point> at, double x, double top, double bottom) {
        if (nodes == null) {
            return;
        }
        int n = nodes.size();
        place(nodes, at, i -> new Point(x, n == 1 ? (top + bottom) / 2 : top + i * (bottom - top) / (n - 1)));
    }

    private static void row(List<EcosystemMap.Node> nodes, Map<String, Point> at, double y, double left, double right) {
        if (nodes == null) {
            return;
        }
        int n = nodes.size();
        place(nodes, at, i -> new Point(n == 1 ? (left + right) / 2 : left + i * (right - left) / (n - 1), y));
    }

    private static String color(EcosystemMap.Flow flow) {
        return switch (flow) {
            case DATA -> "#4f46e5";
            case REVENUE -> "#0f7b4f";
            case USERS -> "#b54708";
        };
    }

    private static String fill(EcosystemMap.Kind kind) {
        return switch (kind) {
            case PRODUCT -> "#1c1d26";
            case CUSTOMERS -> "#b54708";
            case PARTNERS -> "#4f46e5";
            case COMMUNITY -> "#0f7b4f";
            case INTEGRATION -> "#6d28d9";
            case CUSTOM -> "#5f6272";
        };
    }

    private static String shorten(String label) {
        return label.length() > 26 ? label.substring(0, 25) + "…" : label;
    }

    private static String r(double v) {
        return String.valueOf(Math.round(v * 10) / 10.0);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
