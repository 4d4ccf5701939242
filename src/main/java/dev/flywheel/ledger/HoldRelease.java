package dev.flywheel.ledger;

import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Makes held commissions available when their hold ends. Every node may run it at the same time:
 * each release is a conditional update plus a posting with a unique reference, so it happens once.
 */
@Component
class HoldRelease {

    private static final Logger log = LoggerFactory.getLogger(HoldRelease.class);

    private final Ledger ledger;
    private final Clock clock;

    HoldRelease(Ledger ledger, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${flywheel.ledger.release-interval:PT10M}", initialDelayString = "PT1M")
    void releaseDue() {
        int released = ledger.releaseDue(clock.instant());
        if (released > 0) {
            log.info("{} held commissions became available", released);
        }
    }
}
