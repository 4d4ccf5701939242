package dev.flywheel.playbook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.flywheel.playbook.EcosystemMap.Edge;
import dev.flywheel.playbook.EcosystemMap.Flow;
import dev.flywheel.playbook.EcosystemMap.Kind;
import dev.flywheel.playbook.EcosystemMap.Node;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The map's pure parts: revenue chains, edge clean-up, and the SVG drawing of every kind of node. */
class MapDrawingTest {

    private static Map<String, Node> nodes(Node... nodes) {
        Map<String, Node> out = new LinkedHashMap<>();
        for (Node n : nodes) {
            out.put(n.id(), n);
        }
        return out;
    }

    private static final Node PRODUCT = new Node("product", Kind.PRODUCT, "Acme", 1, "identity");
    private static final Node TEMPLATE = new Node("template:t1", Kind.COMMUNITY, "Deals to Slack", 40, "community");
    private static final Node APP = new Node("app:timeline", Kind.INTEGRATION, "Timeline", 12, "marketplace");
    private static final Node TOOL = new Node("app:slack", Kind.INTEGRATION, "Slack", 3, "community");
    private static final Node FEES = new Node("revenue:marketplace_fees", Kind.REVENUE, "Marketplace fees", 288, "ledger");

    @Test
    void aTemplateNeedingAnAppThatEarnsRevenueBecomesOneHighlightedChain() {
        EcosystemMap map = MapBuilder.assemble(nodes(PRODUCT, TEMPLATE, APP, TOOL, FEES), List.of(
                new Edge("template:t1", "app:timeline", Flow.USERS, 40, "40 active uses need Timeline", true),
                new Edge("template:t1", "app:slack", Flow.USERS, 40, "40 active uses need Slack", true),
                new Edge("app:timeline", "revenue:marketplace_fees", Flow.REVENUE, 288, "GMV 960.00 USD, fees 288.00 USD", false),
                new Edge("revenue:marketplace_fees", "product", Flow.REVENUE, 288, "288.00 USD", false)));

        assertThat(map.revenueChains()).singleElement().satisfies(chain -> {
            assertThat(chain.from()).isEqualTo("template:t1");
            assertThat(chain.to()).isEqualTo("revenue:marketplace_fees");
            assertThat(chain.weight()).isEqualTo(40);
            assertThat(chain.label()).isEqualTo("Deals to Slack → drives installs of Timeline (12 active installs) → Marketplace fees: "
                    + "GMV 960.00 USD, fees 288.00 USD");
        });
    }

    @Test
    void edgesToMissingNodesAndRepeatsOfTheSameFlowAreDropped() {
        EcosystemMap map = MapBuilder.assemble(nodes(PRODUCT, APP), List.of(
                new Edge("app:timeline", "product", Flow.DATA, 12, "12 active installs", false),
                new Edge("app:timeline", "product", Flow.DATA, 99, "integration (from another provider)", true),
                new Edge("app:timeline", "revenue:marketplace_fees", Flow.REVENUE, 5, "no such node", false)));

        assertThat(map.edges()).singleElement().satisfies(e -> assertThat(e.label()).isEqualTo("12 active installs"));
        assertThat(map.revenueChains()).isEmpty();
    }

    @Test
    void everyKindOfNodeIsDrawnWithItsClassAndTheChainIsHighlighted() {
        Map<String, Node> all = nodes(PRODUCT, TEMPLATE, APP, FEES,
                new Node("event:invoice.paid", Kind.EVENT, "invoice.paid", 12_400, "events"),
                new Node("revenue:subscriptions", Kind.REVENUE, "Subscriptions (MRR)", 2_300_000, "insights"),
                new Node("customers", Kind.CUSTOMERS, "Customer accounts", 300, "identity"),
                new Node("partners:technology", Kind.PARTNERS, "Technology partners", 9, "identity"));
        EcosystemMap map = MapBuilder.assemble(all, List.of(
                new Edge("template:t1", "app:timeline", Flow.USERS, 40, "needs", true),
                new Edge("app:timeline", "revenue:marketplace_fees", Flow.REVENUE, 288, "fees", false),
                new Edge("product", "event:invoice.paid", Flow.DATA, 12_400, "events", false)));

        String svg = MapSvg.render(map);

        for (String kind : List.of("product", "community", "integration", "event", "revenue", "customers", "partners")) {
            assertThat(svg).contains("<g class=\"node " + kind + "\"");
        }
        assertThat(svg).contains("data-id=\"event:invoice.paid\"").contains(">invoice.paid</text>").contains(">12k</text>")
                .contains(">2.3M</text>");
        assertThat(svg).contains("class=\"edge revenue indirect chain\"").contains("stroke=\"" + MapSvg.CHAIN_COLOR + "\"");
    }

    @Test
    void aCrowdedBandShrinksCirclesAndAlternatesLabelsSoTheyDoNotCollide() {
        Map<String, Node> all = nodes(PRODUCT);
        for (int i = 0; i < 16; i++) {
            all.put("app:" + i, new Node("app:" + i, Kind.INTEGRATION, "Integration number " + i + " with a long name", 100_000, "marketplace"));
        }
        String svg = MapSvg.render(MapBuilder.assemble(all, List.of()));

        List<double[]> circles = new ArrayList<>();
        Matcher m = Pattern.compile("data-id=\"app:\\d+\"><circle cx=\"([\\d.]+)\" cy=\"([\\d.]+)\" r=\"([\\d.]+)\"").matcher(svg);
        while (m.find()) {
            circles.add(new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3))});
        }
        assertThat(circles).hasSize(16);
        for (int i = 1; i < circles.size(); i++) {
            double gap = circles.get(i)[0] - circles.get(i - 1)[0];
            assertThat(circles.get(i)[2] + circles.get(i - 1)[2]).as("neighbouring circles must not overlap").isLessThan(gap);
        }
        Matcher labels = Pattern.compile("data-id=\"app:(\\d+)\"><circle[^>]*><title>[^<]*</title></circle><text x=\"[\\d.]+\" y=\"([\\d.]+)\"[^>]*>([^<]*)</text>")
                .matcher(svg);
        List<Double> ys = new ArrayList<>();
        while (labels.find()) {
            ys.add(Double.parseDouble(labels.group(2)));
            assertThat(labels.group(3).length()).as("labels are shortened in a crowded band").isLessThanOrEqualTo(18);
        }
        assertThat(ys.get(0)).isGreaterThan(70).as("even labels below the circle");
        assertThat(ys.get(1)).isLessThan(70).as("odd labels above the circle");
    }
}
