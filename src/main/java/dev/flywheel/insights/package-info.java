/**
 * Insights: what the ecosystem is worth. Facts come in from the product (MRR changes,
 * touchpoints, won and lost opportunities, integration installs, partner API activity) by API
 * batches and CSV; the module answers retention by integration depth (NRR, GRR, logo churn, MRR
 * movements, cohorts), partner attribution under five models, integration adoption, A/B
 * experiments and the quarterly compounding scorecard. The main database is the system of
 * record; every figure is computed from its rows on request, so answers are exact.
 *
 * <p>Other modules use {@link dev.flywheel.insights.IntegrationInstalls} to report installs as
 * they happen (the seam the marketplace plugs into).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Insights")
package dev.flywheel.insights;
