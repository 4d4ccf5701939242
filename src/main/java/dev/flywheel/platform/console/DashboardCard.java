package dev.flywheel.platform.console;

import java.util.List;

/**
 * A card on the console home page: a title, a few figures, and where to go for more.
 *
 * @param figures label and value pairs, shown large
 * @param link path of the page behind the card, or null
 */
public record DashboardCard(String title, List<Figure> figures, String link, int order) {

    public record Figure(String label, String value) {
    }
}
