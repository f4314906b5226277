package io.propdesk.dispatch.domain;

import static org.assertj.core.api.Assertions.assertThat;

import io.propdesk.contracts.Department;
import io.propdesk.contracts.Money;
import io.propdesk.contracts.TicketKind;
import io.propdesk.contracts.dispatch.ContractSigned;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Which visits of a contract are opened ahead of time (H1, H6). Tuesdays and Fridays at 10:00 Asia/Shanghai;
 * signed Tuesday 2026-12-01 09:00 local.
 */
class ContractVisitsTest {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Instant SIGNED = Instant.parse("2026-12-01T01:00:00Z");
    private static final Duration WEEK = Duration.ofDays(7);

    private static ContractSigned contract(LocalDate end) {
        return new ContractSigned(
                "C-1",
                "b1-101",
                "sunrise",
                "b1-101",
                TicketKind.CLEANING_MONTHLY,
                Department.CLEANING,
                LocalDate.parse("2026-12-01"),
                end,
                Set.of(DayOfWeek.TUESDAY, DayOfWeek.FRIDAY),
                LocalTime.of(10, 0),
                Money.cny("800"),
                3,
                null,
                "leader-wu",
                SIGNED);
    }

    private static List<String> dates(List<ContractVisits.Visit> visits) {
        return visits.stream().map(v -> v.date().toString()).toList();
    }

    @Test
    void theVisitsWithinTheHorizonAreOpenedWithTheirConfirmedTime_H1_H6() {
        List<ContractVisits.Visit> visits = ContractVisits.due(contract(null), SHANGHAI, null, SIGNED, WEEK);
        assertThat(dates(visits)).containsExactly("2026-12-01", "2026-12-04");
        assertThat(visits.get(0).serviceTime()).isEqualTo(Instant.parse("2026-12-01T02:00:00Z"));
        assertThat(visits.get(0).orderId()).isEqualTo("WO-VISIT-C-1-2026-12-01");
    }

    @Test
    void visitsAlreadyOpenedAreNotOpenedAgainAsTheHorizonMoves_H1() {
        Instant through = Instant.parse("2026-12-04T02:00:00Z");
        Instant weekLater = SIGNED.plus(WEEK);
        assertThat(dates(ContractVisits.due(contract(null), SHANGHAI, through, weekLater, WEEK)))
                .containsExactly("2026-12-08", "2026-12-11");
    }

    @Test
    void noVisitBeforeTheSigningNorAfterTheContractEnds_H1() {
        Instant afternoon = Instant.parse("2026-12-01T07:00:00Z"); // 15:00, after Tuesday's 10:00 visit
        ContractSigned signedLate = new ContractSigned(
                "C-1",
                "b1-101",
                "sunrise",
                "b1-101",
                TicketKind.CLEANING_MONTHLY,
                Department.CLEANING,
                LocalDate.parse("2026-11-01"),
                LocalDate.parse("2026-12-03"),
                Set.of(DayOfWeek.TUESDAY, DayOfWeek.FRIDAY),
                LocalTime.of(10, 0),
                Money.cny("800"),
                3,
                null,
                "x",
                afternoon);
        assertThat(ContractVisits.due(signedLate, SHANGHAI, null, afternoon, WEEK))
                .isEmpty();
    }
}
