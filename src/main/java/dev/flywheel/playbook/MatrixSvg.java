package dev.flywheel.playbook;

import java.util.List;

/** Draws the impact-vs-effort matrix as SVG: effort on x (1–5), impact on y (1–5), quadrants labelled. Pure. */
final class MatrixSvg {

    private static final int SIZE = 520;
    private static final int PAD = 50;

    private MatrixSvg() {
    }

    static String render(List<LeverPriority.Scored> levers) {
        double span = SIZE - 2.0 * PAD;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart matrix\" viewBox=\"0 0 ").append(SIZE).append(' ').append(SIZE)
                .append("\" width=\"").append(SIZE).append("\" height=\"").append(SIZE)
                .append("\" role=\"img\" aria-label=\"Impact versus effort matrix\" font-family=\"system-ui, sans-serif\" font-size=\"12\">");
        svg.append("<rect x=\"").append(PAD).append("\" y=\"").append(PAD).append("\" width=\"").append(span / 2).append("\" height=\"")
                .append(span / 2).append("\" fill=\"#ecfdf3\"/>");
        svg.append("<rect x=\"").append(PAD).append("\" y=\"").append(PAD).append("\" width=\"").append(span).append("\" height=\"").append(span)
                .append("\" fill=\"none\" stroke=\"#e3e4ec\"/>");
        double mid = PAD + span / 2;
        svg.append("<line x1=\"").append(mid).append("\" y1=\"").append(PAD).append("\" x2=\"").append(mid).append("\" y2=\"").append(PAD + span)
                .append("\" stroke=\"#cfd1dc\"/><line x1=\"").append(PAD).append("\" y1=\"").append(mid).append("\" x2=\"").append(PAD + span)
                .append("\" y2=\"").append(mid).append("\" stroke=\"#cfd1dc\"/>");
        label(svg, PAD + 6, PAD + 16, "Quick wins");
        label(svg, mid + 6, PAD + 16, "Big bets");
        label(svg, PAD + 6, PAD + span - 8, "Fill-ins");
        label(svg, mid + 6, PAD + span - 8, "Money pits");
        svg.append("<text x=\"").append(SIZE / 2).append("\" y=\"").append(SIZE - 12).append("\" text-anchor=\"middle\">Effort →</text>");
        svg.append("<text x=\"16\" y=\"").append(SIZE / 2).append("\" text-anchor=\"middle\" transform=\"rotate(-90 16 ").append(SIZE / 2)
                .append(")\">Impact →</text>");
        int i = 0;
        for (LeverPriority.Scored l : levers) {
            if (!l.scored()) {
                continue;
            }
            double x = PAD + (l.effort() - 1) / 4 * span;
            double y = PAD + span - (l.impact() - 1) / 4 * span;
            svg.append("<g class=\"lever\"><circle cx=\"").append(r(x)).append("\" cy=\"").append(r(y)).append("\" r=\"").append(6 + 2 * l.pillars().size())
                    .append("\" fill=\"#4f46e5\" fill-opacity=\"0.8\"><title>").append(MapSvg.escape(l.name() + ": impact " + r(l.impact())
                            + ", effort " + r(l.effort()))).append("</title></circle>");
            svg.append("<text x=\"").append(r(x + 10)).append("\" y=\"").append(r(y - 8 - (i++ % 2) * 10)).append("\">")
                    .append(MapSvg.escape(l.name())).append("</text></g>");
        }
        svg.append("</svg>");
        return svg.toString();
    }

    private static void label(StringBuilder svg, double x, double y, String text) {
        svg.append("<text x=\"").append(r(x)).append("\" y=\"").append(r(y)).append("\" fill=\"#5f6272\">").append(text).append("</text>");
    }

    private static String r(double v) {
        return String.valueOf(Math.round(v * 10) / 10.0);
    }
}
