package io.propdesk.dispatch.domain;

import io.propdesk.contracts.dispatch.MonthClosed;
import io.propdesk.dispatch.domain.CloseMonth.MonthOrder;
import io.propdesk.platform.domain.RuleViolationException;
import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Closing a month: checked, then archived with a content hash (H8, R11). */
class MonthTest {

    private static final YearMonth NOVEMBER = YearMonth.parse("2026-11");
    private static final Instant AT = Instant.parse("2026-12-01T13:00:00Z");
    private AggregateTestFixture<Month> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Month.class);
    }

    private static CloseMonth close(MonthOrder... orders) {
        return new CloseMonth(Month.idOf(NOVEMBER), NOVEMBER, List.of(orders), "abc123", "manager-liu", AT);
    }

    @Test
    void aMonthWithAnOrderNeitherReturnedNorExplainedCannotCloseAndNamesIt_H8() {
        fixture.givenNoPriorActivity()
                .when(close(
                        new MonthOrder("WO-1", OrderStatus.RETURNED, false, false),
                        new MonthOrder("WO-2", OrderStatus.STARTED, false, false)))
                .expectException(RuleViolationException.class)
                .expectExceptionMessage("2026-11 cannot close: 1 order(s) neither returned nor explained in the "
                        + "complaint book: WO-2 (H8)")
                .expectNoEvents();
    }

    @Test
    void aLateReturnWithoutItsComplaintBookEntryKeepsTheMonthOpen_H8_R11() {
        fixture.givenNoPriorActivity()
                .when(close(new MonthOrder("WO-1", OrderStatus.RETURNED, true, false)))
                .expectException(RuleViolationException.class)
                .expectNoEvents();
    }

    @Test
    void aMonthOfReturnedExplainedAndCancelledOrdersClosesWithItsCountsAndHash_H8() {
        fixture.givenNoPriorActivity()
                .when(close(
                        new MonthOrder("WO-1", OrderStatus.RETURNED, false, false),
                        new MonthOrder("WO-2", OrderStatus.RETURNED, true, true),
                        new MonthOrder("WO-3", OrderStatus.STARTED, false, true),
                        new MonthOrder("WO-4", OrderStatus.CANCELLED, false, false)))
                .expectEvents(new MonthClosed(NOVEMBER, 4, 2, 2, "abc123", "manager-liu", AT));
    }
}
