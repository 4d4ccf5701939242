package dev.flywheel.partners;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import org.junit.jupiter.api.Test;

class FundRequestStatusTest {

    @Test
    void followsBudgetRequestClaimApprovalPaid() {
        assertThat(FundRequestStatus.REQUESTED.next()).containsExactlyInAnyOrder(FundRequestStatus.APPROVED, FundRequestStatus.DECLINED);
        assertThat(FundRequestStatus.APPROVED.next()).containsExactly(FundRequestStatus.CLAIMED);
        assertThat(FundRequestStatus.CLAIMED.next()).containsExactlyInAnyOrder(FundRequestStatus.CLAIM_APPROVED, FundRequestStatus.CLAIM_REJECTED);
        assertThat(FundRequestStatus.CLAIM_APPROVED.next()).containsExactly(FundRequestStatus.PAID);
    }

    @Test
    void finalStatesGoNowhereAndSaySo() {
        for (FundRequestStatus s : EnumSet.of(FundRequestStatus.DECLINED, FundRequestStatus.CLAIM_REJECTED, FundRequestStatus.PAID)) {
            assertThat(s.next()).isEmpty();
            assertThat(s.refusal(FundRequestStatus.APPROVED)).contains("final");
        }
        assertThat(FundRequestStatus.REQUESTED.canMoveTo(FundRequestStatus.PAID)).isFalse();
        assertThat(FundRequestStatus.REQUESTED.refusal(FundRequestStatus.PAID)).contains("can only become approved or declined");
    }

    @Test
    void onlyDeclinedAndRejectedGiveTheBudgetBack() {
        for (FundRequestStatus s : FundRequestStatus.values()) {
            assertThat(s.drawsOnBudget()).isEqualTo(s != FundRequestStatus.DECLINED && s != FundRequestStatus.CLAIM_REJECTED);
            assertThat(FundRequestStatus.fromWire(s.wire())).isEqualTo(s);
        }
    }
}
