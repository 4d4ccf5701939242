package dev.flywheel.community;

import dev.flywheel.platform.Money;
import java.math.BigDecimal;

/**
 * How a paid template's price is shared: the contributor keeps {@code contributorShare} of it and
 * the owner keeps the rest as its fee. The fee is rounded once ({@link Money#times}, HALF_EVEN)
 * and the contributor's share is the price minus the fee, so the two always add up to the price
 * exactly. When the owner itself contributed the template, the whole price is the owner's fee.
 * Pure.
 */
record SaleSplit(Money gmv, Money contributorShare, Money fee) {

    static SaleSplit of(Money price, BigDecimal contributorShare, boolean ownerIsAuthor) {
        if (price.amount() <= 0) {
            throw new IllegalArgumentException("A sale must be a positive amount, got " + price);
        }
        if (contributorShare.signum() < 0 || contributorShare.compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("The contributor's share must be between 0 and 1, got " + contributorShare);
        }
        if (ownerIsAuthor) {
            return new SaleSplit(price, Money.zero(price.currency()), price);
        }
        Money fee = price.times(BigDecimal.ONE.subtract(contributorShare));
        return new SaleSplit(price, price.minus(fee), fee);
    }
}
