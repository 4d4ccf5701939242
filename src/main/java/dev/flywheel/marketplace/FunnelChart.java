package dev.flywheel.marketplace;

import java.util.List;
import java.util.Locale;

/**
 * Server-rendered SVG charts of a listing's funnel: one line per stage over the days, and a bar
 * per requested scope for its consent drop-off. Only numbers and fixed labels go in, and every
 * text is escaped anyway.
 */
final class FunnelChart {

    private static final String[] COLORS = {"#5b5bd6", "#0e9384", "#dc6803", "#039855", "#7a5af8", "#d92d20"};
    private static final int W = 760;
    private static final int H = 260;
    private static final int PAD = 40;

    private FunnelChart() {
    }

    static String daily(List<Funnel.Day> days) {
        long max = 1;
        for (Funnel.Day d : days) {
            for (String stage : Funnel.STAGES) {
                max = Math.max(max, d.count(stage));
            }
        }
        StringBuilder svg = open(W, H + 30, "Daily funnel");
        axis(svg, max);
        int n = Math.max(1, days.size() - 1);
        for (int s = 0; s < Funnel.STAGES.size(); s++) {
            String stage = Funnel.STAGES.get(s);
            StringBuilder points = new StringBuilder();
            for (int i = 0; i < days.size(); i++) {
                double x = PAD + (double) (W - 2 * PAD) * i / n;
                double y = H - PAD - (double) (H - 2 * PAD) * days.get(i).count(stage) / max;
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
            }
            svg.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(COLORS[s]).append("\" points=\"")
                    .append(points.toString().trim()).append("\"><title>").append(escape(stage)).append("</title></polyline>");
            svg.append("<rect x=\"").append(PAD + s * 118).append("\" y=\"").append(H + 8).append("\" width=\"10\" height=\"10\" fill=\"")
                    .append(COLORS[s]).append("\"/><text x=\"").append(PAD + s * 118 + 14).append("\" y=\"").append(H + 17)
                    .append("\" font-size=\"11\">").append(escape(stage.replace('_', ' '))).append("</text>");
        }
        if (!days.isEmpty()) {
            svg.append(text(PAD, H - PAD + 16, days.get(0).date().toString(), "start"));
            svg.append(text(W - PAD, H - PAD + 16, days.get(days.size() - 1).date().toString(), "end"));
        }
        return svg.append("</svg>").toString();
    }

    static String scopes(List<Funnel.ScopeDropOff> scopes) {
        int rowH = 26;
        int height = Math.max(1, scopes.size()) * rowH + 20;
        StringBuilder svg = open(W, height, "Consent drop-off per scope");
        for (int i = 0; i < scopes.size(); i++) {
            Funnel.ScopeDropOff s = scopes.get(i);
            int y = 10 + i * rowH;
            int width = (int) Math.round((W - 260) * s.dropOff());
            svg.append(text(10, y + 15, s.scope(), "start"));
            svg.append("<rect x=\"180\" y=\"").append(y + 3).append("\" width=\"").append(width).append("\" height=\"16\" fill=\"#d92d20\"/>");
            svg.append(text(186 + width, y + 15, String.format(Locale.ROOT, "%.0f%% of %d", s.dropOff() * 100, s.shown()), "start"));
        }
        if (scopes.isEmpty()) {
            svg.append(text(10, 20, "No consent screens shown yet.", "start"));
        }
        return svg.append("</svg>").toString();
    }

    private static StringBuilder open(int w, int h, String title) {
        return new StringBuilder("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ").append(w).append(' ').append(h)
                .append("\" width=\"").append(w).append("\" height=\"").append(h).append("\" font-family=\"sans-serif\" role=\"img\"><title>")
                .append(escape(title)).append("</title><rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>");
    }

    private static void axis(StringBuilder svg, long max) {
        svg.append("<line x1=\"").append(PAD).append("\" y1=\"").append(H - PAD).append("\" x2=\"").append(W - PAD).append("\" y2=\"")
                .append(H - PAD).append("\" stroke=\"#ccc\"/><line x1=\"").append(PAD).append("\" y1=\"").append(PAD).append("\" x2=\"")
                .append(PAD).append("\" y2=\"").append(H - PAD).append("\" stroke=\"#ccc\"/>");
        svg.append(text(PAD - 6, PAD + 4, String.valueOf(max), "end")).append(text(PAD - 6, H - PAD, "0", "end"));
    }

    private static String text(int x, int y, String value, String anchor) {
        return "<text x=\"" + x + "\" y=\"" + y + "\" font-size=\"11\" text-anchor=\"" + anchor + "\">" + escape(value) + "</text>";
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
