package io.propdesk.callback.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.propdesk.contracts.SlaRule;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** Issue 14 item 6: obligation ids are published and stored, so their string form stays {@code <ticket>:<rule>:<key>}. */
class ObligationIdTest {

    @Test
    void everyFactoryFormatsTheIdAsPublishedBefore_issue14_item6() {
        assertThat(ObligationId.replyWindow("T-1", 3).format()).isEqualTo("T-1:R4:3");
        assertThat(ObligationId.signOff("T-1", 1).format()).isEqualTo("T-1:C3:1");
        assertThat(ObligationId.jointFollowUp("T-1", 2).format()).isEqualTo("T-1:C4:2");
        assertThat(ObligationId.quoteDecision("T-1", "WO-7").format()).isEqualTo("T-1:R7:WO-7");
        assertThat(ObligationId.returnOf("T-1", "WO-7", true).format()).isEqualTo("T-1:R8:WO-7");
        assertThat(ObligationId.returnOf("T-1", "WO-7", false).format()).isEqualTo("T-1:R9:WO-7");
        assertThat(ObligationId.reportDay("T-1", LocalDate.parse("2026-12-30")).format())
                .isEqualTo("T-1:R6:2026-12-30");
        assertThat(ObligationId.callback("T-1", SlaRule.R5, "CB1-T-1").format()).isEqualTo("T-1:R5:CB1-T-1");
        assertThat(ObligationId.callback("T-1", SlaRule.C2, "CB1-T-1")).hasToString("T-1:C2:CB1-T-1");
    }

    @Test
    void aPublishedIdParsesBackToItsTicketRuleAndKey_issue14_item6() {
        assertThat(ObligationId.parse("T-1:R8:WO-7")).isEqualTo(ObligationId.returnOf("T-1", "WO-7", true));
        assertThat(ObligationId.parse("T-1:R5:CB2-T-1")).isEqualTo(new ObligationId("T-1", SlaRule.R5, "CB2-T-1"));
        // a key may itself hold a colon: the ticket ends at the first rule segment
        assertThat(ObligationId.parse("T-1:R7:WO:9")).isEqualTo(ObligationId.quoteDecision("T-1", "WO:9"));
    }

    @Test
    void textWithoutARuleIsNotAnObligationId_issue14_item6() {
        assertThatThrownBy(() -> ObligationId.parse("T-1:X1:2"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("T-1:X1:2");
    }
}
