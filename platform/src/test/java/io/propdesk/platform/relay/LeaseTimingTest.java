package io.propdesk.platform.relay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Issue 13 defect 8: the lease's timing, chosen for a starved machine, and the combinations it refuses. */
class LeaseTimingTest {

    @Test
    void theDefaultTermGivesFourRenewalsBeforeTheViewEndsAndSixBeforeTheTermEnds_issue13_defect8() {
        LeaseTiming timing = LeaseTiming.DEFAULT;

        assertThat(timing.ttl()).isEqualTo(Duration.ofSeconds(30));
        assertThat(timing.margin()).isEqualTo(Duration.ofSeconds(10));
        assertThat(timing.renewEvery()).isEqualTo(Duration.ofSeconds(5));
        assertThat(timing.view().dividedBy(timing.renewEvery())).isEqualTo(4);
        assertThat(timing.ttl().dividedBy(timing.renewEvery())).isEqualTo(6);
    }

    @Test
    void marginAndRenewalPauseKeepTheirProportionsWhenOnlyTheTermIsGiven_issue13_defect8() {
        LeaseTiming timing = LeaseTiming.of(Duration.ofSeconds(3), null, null);

        assertThat(timing.margin()).isEqualTo(Duration.ofSeconds(1));
        assertThat(timing.renewEvery()).isEqualTo(Duration.ofMillis(500));
    }

    @Test
    void aViewWithRoomForFewerThanTwoRenewalsIsRefused_issue13_defect8() {
        assertThatThrownBy(() -> LeaseTiming.of(Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(11)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("renewed at least twice");
    }

    @Test
    void aMarginThatSwallowsTheTermIsRefused_issue13_defect8() {
        assertThatThrownBy(() -> LeaseTiming.of(Duration.ofSeconds(10), Duration.ofSeconds(10), null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("margin");
    }
}
