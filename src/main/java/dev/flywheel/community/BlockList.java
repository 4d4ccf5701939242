package dev.flywheel.community;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * Checks submitted text against the owner's block-list: whole words (case-insensitive) and
 * domains (the domain itself and any subdomain, wherever a host name appears). Pure.
 */
final class BlockList {

    /** A blocked term found at a place: a field name or a JSON path. */
    record Hit(String path, String kind, String term) {
    }

    private static final Pattern HOST = Pattern.compile("(?i)\\b((?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]{2,63})\\b");

    private final List<Pattern> words;
    private final Set<String> domains;

    BlockList(Set<String> words, Set<String> domains) {
        this.words = words.stream().map(w -> Pattern.compile("(?iu)(?<![\\p{L}\\p{N}])" + Pattern.quote(w) + "(?![\\p{L}\\p{N}])")).toList();
        this.domains = domains.stream().map(d -> d.toLowerCase(Locale.ROOT)).collect(java.util.stream.Collectors.toSet());
    }

    List<Hit> check(Map<String, String> texts, JsonNode payload) {
        List<Hit> hits = new ArrayList<>();
        texts.forEach((path, text) -> checkText(path, text, hits));
        if (payload != null) {
            walk(payload, "$", hits);
        }
        return hits;
    }

    private void walk(JsonNode node, String path, List<Hit> hits) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                walk(e.getValue(), path + "." + e.getKey(), hits);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                walk(node.get(i), path + "[" + i + "]", hits);
            }
        } else if (node.isString()) {
            checkText(path, node.asString(), hits);
        }
    }

    private void checkText(String path, String text, List<Hit> hits) {
        if (text == null || text.isEmpty()) {
            return;
        }
        for (Pattern word : words) {
            Matcher m = word.matcher(text);
            if (m.find()) {
                hits.add(new Hit(path, "word", m.group()));
            }
        }
        if (!domains.isEmpty()) {
            Matcher m = HOST.matcher(text);
            while (m.find()) {
                String host = m.group(1).toLowerCase(Locale.ROOT);
                for (String domain : domains) {
                    if (host.equals(domain) || host.endsWith("." + domain)) {
                        hits.add(new Hit(path, "domain", domain));
                    }
                }
            }
        }
    }
}
