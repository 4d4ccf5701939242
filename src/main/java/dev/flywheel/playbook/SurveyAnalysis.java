package dev.flywheel.playbook;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Analyses an integration survey. Each respondent names the tools they use daily alongside the
 * product, the integrations that would drive renewal or expansion, and whether they evaluated
 * competitors on integrations.
 *
 * <ul>
 * <li>A tool is <em>common</em> when at least 30% of respondents use it daily (count × 10 ≥
 * respondents × 3, in whole numbers so 3 of 10 counts and 2 of 7 does not).</li>
 * <li>Score = frequency × impact, where frequency is the share of respondents using it daily and
 * impact = 1 + 2 × (share naming it for renewal or expansion) + (share of its users who evaluated
 * competitors on integrations). The top 10 by score are shown with a feasibility flag.</li>
 * </ul>
 * Pure.
 */
final class SurveyAnalysis {

    /** One respondent's answers (tool names as typed). */
    record Response(String respondent, List<String> dailyTools, List<String> renewalTools, boolean evaluatedCompetitors) {
    }

    /** A tool's figures. */
    record ToolScore(String tool, int dailyUsers, int renewalMentions, int usersWhoEvaluatedCompetitors, BigDecimal frequency,
            BigDecimal impact, BigDecimal score, boolean common, ToolNames.Feasibility feasibility) {
    }

    record Result(int respondents, List<ToolScore> common, List<ToolScore> top10, List<ToolScore> all) {
    }

    private SurveyAnalysis() {
    }

    static boolean isCommon(int mentions, int respondents) {
        return respondents > 0 && (long) mentions * 10 >= (long) respondents * 3;
    }

    static Result analyse(List<Response> responses) {
        int n = responses.size();
        Map<String, int[]> figures = new HashMap<>(); // [daily, renewal, evaluated]
        for (Response r : responses) {
            Set<String> daily = normalised(r.dailyTools());
            Set<String> renewal = normalised(r.renewalTools());
            for (String tool : daily) {
                int[] f = figures.computeIfAbsent(tool, t -> new int[3]);
                f[0]++;
                if (r.evaluatedCompetitors()) {
                    f[2]++;
                }
            }
            for (String tool : renewal) {
                figures.computeIfAbsent(tool, t -> new int[3])[1]++;
            }
        }
        List<ToolScore> all = new ArrayList<>();
        figures.forEach((tool, f) -> {
            BigDecimal frequency = share(f[0], n);
            BigDecimal impact = BigDecimal.ONE.add(share(f[1], n).multiply(BigDecimal.valueOf(2))).add(share(f[2], f[0]));
            BigDecimal score = frequency.multiply(impact).setScale(4, RoundingMode.HALF_EVEN);
            all.add(new ToolScore(tool, f[0], f[1], f[2], frequency, impact.setScale(4, RoundingMode.HALF_EVEN), score, isCommon(f[0], n),
                    ToolNames.feasibility(tool)));
        });
        all.sort(Comparator.comparing(ToolScore::score).reversed().thenComparing(ToolScore::dailyUsers, Comparator.reverseOrder())
                .thenComparing(ToolScore::tool));
        List<ToolScore> common = all.stream().filter(ToolScore::common)
                .sorted(Comparator.comparingInt(ToolScore::dailyUsers).reversed().thenComparing(ToolScore::tool)).toList();
        return new Result(n, common, all.stream().limit(10).toList(), List.copyOf(all));
    }

    private static Set<String> normalised(List<String> typed) {
        Set<String> out = new LinkedHashSet<>();
        for (String t : typed) {
            ToolNames.canonical(t).ifPresent(out::add);
        }
        return out;
    }

    private static BigDecimal share(int part, int whole) {
        return whole == 0 ? BigDecimal.ZERO : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_EVEN);
    }

    /**
     * Reads survey CSV with a header row. Columns (case-insensitive): {@code respondent},
     * {@code daily_tools}, {@code renewal_integrations}, {@code evaluated_competitors} (yes/no,
     * true/false, 1/0). Tools within a cell are separated by {@code ;} or {@code ,} (inside quotes).
     */
    static List<Response> parseCsv(String csv) {
        List<List<String>> rows = Csv.parse(csv);
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("The CSV is empty: it needs a header row and one row per respondent.");
        }
        List<String> header = rows.get(0).stream().map(h -> h.trim().toLowerCase(Locale.ROOT).replace(' ', '_')).toList();
        int respondent = header.indexOf("respondent");
        int daily = header.indexOf("daily_tools");
        int renewal = header.indexOf("renewal_integrations");
        int evaluated = header.indexOf("evaluated_competitors");
        if (daily < 0 || renewal < 0 || evaluated < 0) {
            throw new IllegalArgumentException("The header must name the columns daily_tools, renewal_integrations and evaluated_competitors "
                    + "(respondent is optional); found: " + String.join(", ", header));
        }
        List<Response> out = new ArrayList<>();
        for (int i = 1; i < rows.size(); i++) {
            List<String> row = rows.get(i);
            if (row.stream().allMatch(String::isBlank)) {
                continue;
            }
            String who = respondent >= 0 && respondent < row.size() && !row.get(respondent).isBlank() ? row.get(respondent).trim() : "row " + (i + 1);
            out.add(new Response(who, tools(cell(row, daily)), tools(cell(row, renewal)), yes(cell(row, evaluated))));
        }
        return out;
    }

    private static String cell(List<String> row, int index) {
        return index < row.size() ? row.get(index) : "";
    }

    private static List<String> tools(String cell) {
        return java.util.Arrays.stream(cell.split("[;,]")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static boolean yes(String cell) {
        String v = cell.trim().toLowerCase(Locale.ROOT);
        return v.equals("yes") || v.equals("y") || v.equals("true") || v.equals("1");
    }

    /** A small RFC 4180 reader: quoted fields, doubled quotes, commas and newlines inside quotes. */
    static final class Csv {

        private Csv() {
        }

        static List<List<String>> parse(String text) {
            List<List<String>> rows = new ArrayList<>();
            List<String> row = new ArrayList<>();
            StringBuilder field = new StringBuilder();
            boolean quoted = false;
            String s = text == null ? "" : text.replace("\r\n", "\n").replace('\r', '\n');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (quoted) {
                    if (c == '"' && i + 1 < s.length() && s.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else if (c == '"') {
                        quoted = false;
                    } else {
                        field.append(c);
                    }
                } else if (c == '"') {
                    quoted = true;
                } else if (c == ',') {
                    row.add(field.toString());
                    field.setLength(0);
                } else if (c == '\n') {
                    row.add(field.toString());
                    field.setLength(0);
                    rows.add(row);
                    row = new ArrayList<>();
                } else {
                    field.append(c);
                }
            }
            if (field.length() > 0 || !row.isEmpty()) {
                row.add(field.toString());
                rows.add(row);
            }
            return rows;
        }
    }
}
