package dev.flywheel.platform.svg;

import java.util.List;
import java.util.Locale;

/**
 * Small server-rendered SVG charts: no script, no library, readable without colour (every bar and
 * cell carries its value as text and a title for screen readers). Labels are XML-escaped here.
 */
public final class Charts {

    private static final String[] PALETTE = {"#4f46e5", "#0f7b4f", "#b54708", "#0e7490", "#9333ea", "#be123c"};

    private Charts() {
    }

    public record Series(String name, List<Double> values) {
    }

    /** Vertical bars, one per label; null values are drawn as "no data". */
    public static String bars(String title, List<String> labels, List<Double> values, String format) {
        return groupedBars(title, labels, List.of(new Series(title, values)), format);
    }

    public static String groupedBars(String title, List<String> categories, List<Series> series, String format) {
        int width = 640;
        int height = 260;
        int left = 48;
        int bottom = 40;
        int top = 20;
        double max = 0;
        for (Series s : series) {
            for (Double v : s.values()) {
                if (v != null) {
                    max = Math.max(max, v);
                }
            }
        }
        max = max <= 0 ? 1 : max * 1.15;
        StringBuilder svg = open(title, width, height + (series.size() > 1 ? 24 : 0));
        int plotH = height - top - bottom;
        double group = (double) (width - left - 10) / Math.max(1, categories.size());
        double bar = Math.max(4, (group - 12) / series.size());
        svg.append(line(left, top + plotH, width - 10, top + plotH));
        for (int c = 0; c < categories.size(); c++) {
            double x0 = left + c * group + 6;
            for (int s = 0; s < series.size(); s++) {
                Double v = s < series.size() && c < series.get(s).values().size() ? series.get(s).values().get(c) : null;
                double x = x0 + s * bar;
                if (v == null) {
                    svg.append(text(x + bar / 2, top + plotH - 4, "n/a", "muted", "middle"));
                    continue;
                }
                double h = plotH * Math.max(0, v) / max;
                svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s</title></rect>",
                        x, top + plotH - h, bar - 2, h, PALETTE[s % PALETTE.length],
                        esc(series.get(s).name() + " · " + categories.get(c) + ": " + String.format(Locale.ROOT, format, v))));
                svg.append(text(x + (bar - 2) / 2, top + plotH - h - 4, String.format(Locale.ROOT, format, v), "value", "middle"));
            }
            svg.append(text(x0 + group / 2 - 6, top + plotH + 16, categories.get(c), "label", "middle"));
        }
        if (series.size() > 1) {
            legend(svg, series.stream().map(Series::name).toList(), height);
        }
        return svg.append("</svg>").toString();
    }

    /** A line per series over the labels (e.g. months). */
    public static String lines(String title, List<String> labels, List<Series> series, String format) {
        int width = 640;
        int height = 240;
        int left = 48;
        int top = 20;
        int bottom = 40;
        double max = 0;
        for (Series s : series) {
            for (Double v : s.values()) {
                if (v != null) {
                    max = Math.max(max, v);
                }
            }
        }
        max = max <= 0 ? 1 : max * 1.1;
        int plotH = height - top - bottom;
        double step = labels.size() <= 1 ? 0 : (double) (width - left - 20) / (labels.size() - 1);
        StringBuilder svg = open(title, width, height + (series.size() > 1 ? 24 : 0));
        svg.append(line(left, top + plotH, width - 10, top + plotH));
        svg.append(text(left - 6, top + 4, String.format(Locale.ROOT, format, max), "label", "end"));
        for (int s = 0; s < series.size(); s++) {
            StringBuilder points = new StringBuilder();
            List<Double> values = series.get(s).values();
            for (int i = 0; i < values.size(); i++) {
                if (values.get(i) == null) {
                    continue;
                }
                double x = left + i * step;
                double y = top + plotH - plotH * values.get(i) / max;
                points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
                svg.append(String.format(Locale.ROOT, "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"3\" fill=\"%s\"><title>%s</title></circle>", x, y,
                        PALETTE[s % PALETTE.length], esc(labels.get(i) + ": " + String.format(Locale.ROOT, format, values.get(i)))));
            }
            svg.append("<polyline fill=\"none\" stroke=\"").append(PALETTE[s % PALETTE.length]).append("\" stroke-width=\"2\" points=\"")
                    .append(points.toString().trim()).append("\"/>");
        }
        int every = Math.max(1, labels.size() / 8);
        for (int i = 0; i < labels.size(); i += every) {
            svg.append(text(left + i * step, top + plotH + 16, labels.get(i), "label", "middle"));
        }
        if (series.size() > 1) {
            legend(svg, series.stream().map(Series::name).toList(), height);
        }
        return svg.append("</svg>").toString();
    }

    /** A grid of cells shaded by value in [0, max]; each cell shows its text. */
    public static String heatmap(String title, List<String> rows, List<String> columns, Double[][] values, String[][] texts, double max) {
        int cellW = Math.max(44, Math.min(90, 560 / Math.max(1, columns.size())));
        int cellH = 26;
        int left = 140;
        int top = 28;
        int width = left + cellW * columns.size() + 10;
        int height = top + cellH * rows.size() + 10;
        StringBuilder svg = open(title, width, height);
        for (int c = 0; c < columns.size(); c++) {
            svg.append(text(left + c * cellW + cellW / 2.0, top - 8, columns.get(c), "label", "middle"));
        }
        for (int r = 0; r < rows.size(); r++) {
            svg.append(text(left - 8, top + r * cellH + cellH / 2.0 + 4, rows.get(r), "label", "end"));
            for (int c = 0; c < columns.size(); c++) {
                Double v = c < values[r].length ? values[r][c] : null;
                if (v == null) {
                    continue;
                }
                double shade = Math.max(0, Math.min(1, v / (max <= 0 ? 1 : max)));
                String fill = String.format(Locale.ROOT, "rgba(79,70,229,%.2f)", 0.08 + 0.8 * shade);
                svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\" stroke=\"#fff\"><title>%s</title></rect>",
                        left + c * cellW, top + r * cellH, cellW, cellH, fill, esc(rows.get(r) + " × " + columns.get(c) + ": " + texts[r][c])));
                svg.append(text(left + c * cellW + cellW / 2.0, top + r * cellH + cellH / 2.0 + 4, texts[r][c], shade > 0.55 ? "on-dark" : "value", "middle"));
            }
        }
        return svg.append("</svg>").toString();
    }

    private static void legend(StringBuilder svg, List<String> names, int y) {
        double x = 48;
        for (int i = 0; i < names.size(); i++) {
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%d\" width=\"10\" height=\"10\" fill=\"%s\"/>", x, y + 6, PALETTE[i % PALETTE.length]));
            svg.append(text(x + 14, y + 15, names.get(i), "label", "start"));
            x += 24 + names.get(i).length() * 7;
        }
    }

    private static StringBuilder open(String title, int width, int height) {
        return new StringBuilder(String.format(Locale.ROOT,
                "<svg class=\"chart\" role=\"img\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"100%%\" preserveAspectRatio=\"xMinYMin meet\"><title>%s</title>",
                width, height, esc(title)));
    }

    private static String line(double x1, double y1, double x2, double y2) {
        return String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#cfd1dc\"/>", x1, y1, x2, y2);
    }

    private static String text(double x, double y, String s, String cls, String anchor) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" class=\"%s\" text-anchor=\"%s\">%s</text>", x, y, cls, anchor, esc(s));
    }

    public static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;").replace("'", "&#39;");
    }
}
