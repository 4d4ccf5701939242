package dev.flywheel.marketplace;

import static dev.flywheel.marketplace.NameSimilarity.Verdict.*;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NameSimilarityTest {

    @ParameterizedTest
    @CsvSource({
        "Slack, Slack, CONFUSABLE",
        "SLACK!, Slack, CONFUSABLE",
        "S1ack, Slack, CONFUSABLE",
        "Sl4ck, Slack, CONFUSABLE",
        "Slakc, Slack, CONFUSABLE",
        "Slackk, Slack, CONFUSABLE",
        "Hubspoot, HubSpot, CONFUSABLE",
        "Mailchlmp, Mailchimp, CONFUSABLE",
        "Zendesk Sync, Zendesk, DERIVED",
        "Official Zendesk App, Zendesk, DERIVED",
        "Zendesk, Zendesk Sync, DISTINCT",
        "Timeline, Pipeline, DISTINCT",
        "Notion, Motion, DISTINCT",
        "Jira, Jura, DISTINCT",
        "Ledgerly, Leadfeeder, DISTINCT",
        "Café Sync, Cafe Sync, CONFUSABLE",
        "rnailchimp, mailchimp, CONFUSABLE"
    })
    void comparesNames(String candidate, String existing, NameSimilarity.Verdict expected) {
        assertThat(NameSimilarity.compare(candidate, existing)).isEqualTo(expected);
    }
}
