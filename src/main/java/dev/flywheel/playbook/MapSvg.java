package dev.flywheel.playbook;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Draws an {@link EcosystemMap} as SVG on the server, in bands: apps along the top, the event
 * types that carry the product's data below them, the product in the middle with customers on
 * its left and partners on its right, revenue channels below it, then the template gallery and
 * its templates at the bottom; hand-added nodes on the far left. Node size and edge width grow
 * with the logarithm of the real volume; indirect paths are dashed, and the revenue chains (a
 * template → an app → revenue) are drawn over everything in a highlight colour. In a crowded
 * band, circles shrink to fit and every other label goes above its circle so labels do not
 * collide. Pure.
 */
final class MapSvg {

    static final int WIDTH = 1100;
    static final int HEIGHT = 880;
    static final String CHAIN_COLOR = "#d97706";

    /** Where a node goes, the largest circle that fits there, and whether its label goes above it. */
    private record Point(double x, double y, double maxRadius, boolean labelAbove, int labelChars) {
    }

    private MapSvg() {
    }

    static String render(EcosystemMap map) {
        Map<EcosystemMap.Kind, List<EcosystemMap.Node>> byKind = new EnumMap<>(EcosystemMap.Kind.class);
        map.nodes().forEach(n -> byKind.computeIfAbsent(n.kind(), k -> new ArrayList<>()).add(n));
        Map<String, Point> at = new HashMap<>();
        List<EcosystemMap.Node> products = byKind.getOrDefault(EcosystemMap.Kind.PRODUCT, List.of());
        for (int i = 0; i < products.size(); i++) {
            at.put(products.get(i).id(), new Point(WIDTH / 2.0 + i * 110, 400, 46, false, 26));
        }
        row(byKind.get(EcosystemMap.Kind.INTEGRATION), at, 70, 150, WIDTH - 150);
        row(byKind.get(EcosystemMap.Kind.EVENT), at, 215, 230, WIDTH - 230);
        column(byKind.get(EcosystemMap.Kind.CUSTOMERS), at, 240, 330, 470);
        column(byKind.get(EcosystemMap.Kind.PARTNERS), at, WIDTH - 170, 250, 560);
        row(byKind.get(EcosystemMap.Kind.REVENUE), at, 560, WIDTH / 2.0 - 300, WIDTH / 2.0 + 300);
        List<EcosystemMap.Node> community = byKind.getOrDefault(EcosystemMap.Kind.COMMUNITY, List.of());
        row(community.stream().filter(n -> n.id().equals("community")).toList(), at, 690, WIDTH / 2.0, WIDTH / 2.0);
        row(community.stream().filter(n -> !n.id().equals("community")).toList(), at, 815, 120, WIDTH - 120);
        column(byKind.get(EcosystemMap.Kind.CUSTOM), at, 70, 110, HEIGHT - 110);

        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart ecosystem-map\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(HEIGHT).append("\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
                .append("\" role=\"img\" aria-label=\"Ecosystem map\" font-family=\"system-ui, sans-serif\">");
        svg.append("<title>Ecosystem map</title>");
        List<EcosystemMap.Edge> chains = map.revenueChains();
        for (EcosystemMap.Edge e : map.edges()) {
            if (!chains.contains(e)) {
                edge(svg, e, at, false);
            }
        }
        for (EcosystemMap.Edge e : chains) {
            edge(svg, e, at, true);
        }
        for (EcosystemMap.Node n : map.nodes()) {
            Point p = at.get(n.id());
            double radius = n.kind() == EcosystemMap.Kind.PRODUCT ? 46 : Math.min(p.maxRadius(), 12 + 6 * Math.log10(n.weight() + 1));
            svg.append("<g class=\"node ").append(n.kind().name().toLowerCase(Locale.ROOT)).append("\" data-id=\"").append(escape(n.id())).append("\">");
            svg.append("<circle cx=\"").append(r(p.x())).append("\" cy=\"").append(r(p.y())).append("\" r=\"").append(r(radius))
                    .append("\" fill=\"").append(fill(n.kind())).append("\" stroke=\"#1c1d26\" stroke-opacity=\"0.2\"><title>")
                    .append(escape(n.label() + " (" + n.weight() + ") — " + n.source())).append("</title></circle>");
            double labelY = p.labelAbove() ? p.y() - radius - 6 : p.y() + radius + 14;
            svg.append("<text x=\"").append(r(p.x())).append("\" y=\"").append(r(labelY)).append("\" text-anchor=\"middle\" font-size=\"12\" fill=\"#1c1d26\">")
                    .append(escape(shorten(n.label(), p.labelChars()))).append("</text>");
            if (n.kind() != EcosystemMap.Kind.PRODUCT) {
                svg.append("<text x=\"").append(r(p.x())).append("\" y=\"").append(r(p.y() + 4)).append("\" text-anchor=\"middle\" font-size=\"11\" fill=\"#fff\">")
                        .append(compact(n.weight())).append("</text>");
            }
            svg.append("</g>");
        }
        svg.append("</svg>");
        return svg.toString();
    }

    private static void edge(StringBuilder svg, EcosystemMap.Edge e, Map<String, Point> at, boolean chain) {
        Point a = at.get(e.from());
        Point b = at.get(e.to());
        if (a == null || b == null) {
            return;
        }
        double width = 1 + 1.5 * Math.log10(e.weight() + 1) + (chain ? 1 : 0);
        svg.append("<line class=\"edge ").append(e.flow().name().toLowerCase(Locale.ROOT)).append(e.indirect() ? " indirect" : "")
                .append(chain ? " chain" : "").append("\" x1=\"").append(r(a.x())).append("\" y1=\"").append(r(a.y())).append("\" x2=\"")
                .append(r(b.x())).append("\" y2=\"").append(r(b.y())).append("\" stroke=\"").append(chain ? CHAIN_COLOR : color(e.flow()))
                .append("\" stroke-width=\"").append(r(width)).append("\" stroke-opacity=\"").append(chain ? "0.9" : "0.5").append("\"")
                .append(e.indirect() ? " stroke-dasharray=\"6 4\"" : "").append(">")
                .append("<title>").append(escape(e.flow().name().toLowerCase(Locale.ROOT) + " flow: " + e.label())).append("</title></line>");
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
        double gap = n <= 1 ? Double.MAX_VALUE : (bottom - top) / (n - 1);
        double max = Math.max(8, Math.min(40, (gap - 20) / 2));
        place(nodes, at, i -> new Point(x, n == 1 ? (top + bottom) / 2 : top + i * gap, max, false, 26));
    }

    /** A band of nodes; when they are close, circles shrink to fit and labels alternate above and below. */
    private static void row(List<EcosystemMap.Node> nodes, Map<String, Point> at, double y, double left, double right) {
        if (nodes == null) {
            return;
        }
        int n = nodes.size();
        double gap = n <= 1 ? Double.MAX_VALUE : (right - left) / (n - 1);
        double max = Math.max(8, Math.min(40, gap / 2 - 4));
        boolean crowded = gap < 150;
        // Alternating labels may use twice the gap; a label of 12px type is about 6.5px a character.
        int chars = crowded ? (int) Math.max(8, Math.min(26, gap * 2 / 6.5)) : 26;
        place(nodes, at, i -> new Point(n == 1 ? (left + right) / 2 : left + i * gap, y, max, crowded && i % 2 == 1, chars));
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
            case EVENT -> "#0e7490";
            case REVENUE -> "#15803d";
            case CUSTOM -> "#5f6272";
        };
    }

    /** A weight in few characters, so it fits inside a small circle: 950, 12k, 3.4M. */
    static String compact(long value) {
        if (value < 1000) {
            return String.valueOf(value);
        }
        if (value < 1_000_000) {
            return value < 10_000 ? (Math.round(value / 100.0) / 10.0) + "k" : Math.round(value / 1000.0) + "k";
        }
        return (Math.round(value / 100_000.0) / 10.0) + "M";
    }

    private static String shorten(String label, int max) {
        return label.length() > max ? label.substring(0, max - 1) + "…" : label;
    }

    private static String r(double v) {
        return String.valueOf(Math.round(v * 10) / 10.0);
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
