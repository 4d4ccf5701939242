package dev.flywheel.community;

import dev.flywheel.platform.web.ApiException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What kind of automation a template's payload is, so a tool knows whether it can import it. */
enum TemplateFormat {
    /** An n8n workflow export ({@code nodes}, {@code connections}); served to n8n through the template-library API. */
    N8N_WORKFLOW("n8n-workflow"),
    /** A Zapier template (shared Zap definition). */
    ZAPIER_TEMPLATE("zapier-template"),
    /** A Make (Integromat) scenario blueprint. */
    MAKE_SCENARIO("make-scenario"),
    /** A recipe in the owner product's own automation format. */
    PRODUCT_NATIVE("product-native");

    private final String wire;

    TemplateFormat(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    static TemplateFormat fromWire(String value) {
        if (value != null) {
            String v = value.trim().toLowerCase(Locale.ROOT).replace('_', '-');
            for (TemplateFormat f : values()) {
                if (f.wire.equals(v)) {
                    return f;
                }
            }
        }
        throw ApiException.invalid("format", "must be one of " + Arrays.stream(values()).map(TemplateFormat::wire).collect(Collectors.joining(", ")));
    }
}
