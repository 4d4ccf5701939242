/**
 * The app marketplace: technology partners' listings, the submission and security review
 * pipeline, installs, verified reviews, the published ranking formula, Lucene search,
 * certification tiers, pricing and revenue share, in-product prompts and partner analytics.
 *
 * <p>Other modules use {@link dev.flywheel.marketplace.Marketplace} and the read-only
 * {@link dev.flywheel.marketplace.MarketplaceActivity}, listen to
 * {@link dev.flywheel.marketplace.AppInstalled} / {@link dev.flywheel.marketplace.AppUninstalled} /
 * {@link dev.flywheel.marketplace.ListingPublished}, and the ledger module implements
 * {@link dev.flywheel.marketplace.RevenueShareLedger}.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Marketplace")
package dev.flywheel.marketplace;
