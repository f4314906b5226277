package io.propdesk.dispatch.domain;

import static io.propdesk.dispatch.domain.Orders.COMPLETED_AT;
import static io.propdesk.dispatch.domain.Orders.LEADER;
import static io.propdesk.dispatch.domain.Orders.MONTH;
import static io.propdesk.dispatch.domain.Orders.ORDER;
import static io.propdesk.dispatch.domain.Orders.TICKET;
import static org.assertj.core.api.Assertions.assertThat;

import io.propdesk.contracts.Department;
import io.propdesk.contracts.TicketKind;
import io.propdesk.contracts.dispatch.ContractVisitScheduled;
import io.propdesk.contracts.dispatch.DispatchMode;
import io.propdesk.contracts.dispatch.OrderCancelled;
import io.propdesk.contracts.dispatch.OrderPickedUp;
import io.propdesk.contracts.dispatch.OrderReturned;
import io.propdesk.contracts.dispatch.ReworkProgressReported;
import io.propdesk.contracts.dispatch.WorkStarted;
import io.propdesk.platform.calendar.EstateCalendar;
import io.propdesk.platform.domain.RuleViolationException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A work order from dispatch to return (R2, R6, R7, R8, R9, R11), contract visits (H1, H6), month close (H8). */
class WorkOrderTest {

    private AggregateTestFixture<WorkOrder> fixture;
    private final Set<String> closedMonths = new HashSet<>();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(WorkOrder.class);
        fixture.registerInjectableResource((ClosedMonths) closedMonths::contains);
        fixture.registerInjectableResource(new ReturnDeadlines() {
            @Override
            public EstateCalendar calendar(String estateId) {
                return EstateCalendar.DEFAULT; // Asia/Shanghai, 08:30-17:30
            }

            @Override
            public int paidReturnHours(String estateId) {
                return 2;
            }
        });
    }

    @Test
    void aTicketsOrderGoesToItsDepartmentWithTheReturnRuleThatApplies_R2_R8_R9() {
        DispatchOrder order = Orders.aRepair(true);
        fixture.givenNoPriorActivity()
                .when(order)
                .expectEvents(Orders.dispatched(order), new OrderEnteredInRegister(ORDER, MONTH, "b1-101"))
                .expectState(o -> {
                    assertThat(o.status()).isEqualTo(OrderStatus.DISPATCHED);
                    assertThat(o.dispatched().returnRule().name()).isEqualTo("R8");
                });
        fixture.givenNoPriorActivity()
                .when(Orders.aRepair(false))
                .expectState(o -> assertThat(o.dispatched().returnRule().name()).isEqualTo("R9"));
    }

    @Test
    void aContractVisitIsEnteredInTheRegisterWithItsConfirmedTimeForTheDesignatedDispatcher_H1_H6() {
        Instant visitAt = Instant.parse("2026-12-04T02:00:00Z");
        DispatchOrder visit = new DispatchOrder(
                "WO-VISIT-C-1-2026-12-04",
                "VISIT-C-1-2026-12-04",
                "sunrise",
                "north",
                "b1",
                "b1-101",
                TicketKind.CLEANING_MONTHLY,
                Department.CLEANING,
                true,
                "C-1",
                "owner-wang",
                "visit",
                visitAt,
                DispatchMode.CONTRACT_DISPATCHER,
                "dispatcher-he",
                null,
                "contract-scheduler",
                Orders.DISPATCHED_AT,
                MONTH);
        fixture.givenNoPriorActivity()
                .when(visit)
                .expectEvents(
                        Orders.dispatched(visit),
                        new OrderEnteredInRegister(visit.orderId(), MONTH, "owner-wang"),
                        new ContractVisitScheduled(
                                "VISIT-C-1-2026-12-04",
                                "C-1",
                                visit.orderId(),
                                "owner-wang",
                                Department.CLEANING,
                                visitAt,
                                null,
                                "contract-scheduler",
                                Orders.DISPATCHED_AT));
    }

    @Test
    void theAreaLeaderPicksUpTheOrderAssignedToHim_R2() {
        Instant at = Instant.parse("2026-12-01T03:00:00Z");
        fixture.given(Orders.dispatchedEvents(Orders.aRepair(false)))
                .when(new PickUpOrder(ORDER, LEADER, "plumber-zhang", at))
                .expectEvents(new OrderPickedUp(TICKET, ORDER, Department.ENGINEERING, LEADER, "plumber-zhang", at));
    }

    @Test
    void anotherLeaderCannotPickUpAnOrderAssignedToTheAreaLeader_R2() {
        fixture.given(Orders.dispatchedEvents(Orders.aRepair(false)))
                .when(new PickUpOrder(ORDER, "leader-other", null, Instant.now()))
                .expectException(RuleViolationException.class)
                .expectExceptionMessage("order WO-T-1 is assigned to leader-wu, not to leader-other (R2)")
                .expectNoEvents();
    }

    @Test
    void inAnOpenPoolTheFirstLeaderWinsAndTheSecondIsRefused_R2() {
        DispatchOrder pooled =
                Orders.order(TicketKind.CLEANING_HOURLY, Department.CLEANING, true, DispatchMode.OPEN_POOL, null);
        Instant at = Instant.parse("2026-12-01T03:00:00Z");
        fixture.given(Orders.dispatchedEvents(pooled))
                .when(new PickUpOrder(ORDER, "leader-a", null, at))
                .expectEvents(new OrderPickedUp(TICKET, ORDER, Department.CLEANING, "leader-a", null, at));
        fixture.given(Orders.dispatchedEvents(pooled))
                .andGiven(new OrderPickedUp(TICKET, ORDER, Department.CLEANING, "leader-a", null, at))
                .when(new PickUpOrder(ORDER, "leader-b", null, at.plusSeconds(5)))
                .expectException(RuleViolationException.class)
                .expectExceptionMessage("order WO-T-1 was already picked up by leader-a (R2)")
                .expectNoEvents();
    }

    @Test
    void aPaidOrderCannotStartBeforeItsQuoteIsAccepted_R7() {
        fixture.given(Orders.dispatchedEvents(Orders.aRepair(true)))
                .andGiven(Orders.pickedUp())
                .when(new StartWork(ORDER, LEADER, Instant.now()))
                .expectException(RuleViolationException.class)
                .expectExceptionMessage("order WO-T-1 is paid and its quote is not accepted yet; work may start once "
                        + "the owner accepts it (R7)")
                .expectNoEvents();
    }

    @Test
    void aPaidOrderStartsOnceItsQuoteIsAcceptedAndNamesTheQuote_R7() {
        Instant at = Instant.parse("2026-12-01T04:00:00Z");
        fixture.given(Orders.dispatchedEvents(Orders.aRepair(true)))
                .andGiven(Orders.pickedUp())
                .andGivenCommands(new RecordQuoteAccepted(ORDER, "Q-9", "owner-wang", at.minusSeconds(60)))
                .when(new StartWork(ORDER, LEADER, at))
                .expectEvents(new WorkStarted(TICKET, ORDER, "Q-9", LEADER, at));
    }

    @Test
    void aReDeliveredQuoteAcceptanceChangesNothing_R7() {
        fixture.given(Orders.dispatchedEvents(Orders.aRepair(true)))
                .andGiven(new QuoteAcceptanceRecorded(ORDER, "Q-9", "owner-wang", Instant.now()))
                .when(new RecordQuoteAccepted(ORDER, "Q-9", "owner-wang", Instant.now()))
                .expectNoEvents();
    }

    @Test
    void aFreeOrderStartsWithoutAQuote_R7() {
        Instant at = Instant.parse("2026-12-01T04:00:00Z");
        fixture.given(Orders.dispatchedEvents(Orders.aRepair(false)))
                .andGiven(Orders.pickedUp())
                .when(new StartWork(ORDER, LEADER, at))
                .expectEvents(new WorkStarted(TICKET, ORDER, null, LEADER, at));
    }

    @Test
    void aDeclinedQuoteCancelsTheOrderAndNothingMoreHappensOnIt_R7() {
        Instant at = Instant.parse("2026-12-01T04:00:00Z");
        fixture.given(Orders.dispatchedEvents(Orders.aRepair(true)))
                .when(new CancelOrder(ORDER, "quote Q-9 declined: too dear", "Q-9", at))
                .expectEvents(new OrderCancelled(
                        TICKET, ORDER, Department.ENGINEERING, "quote Q-9 declined: too dear", "Q-9", at));
        fixture.given(Orders.dispatchedEvents(Orders.aRepair(true)))
                .andGiven(new OrderCancelled(TICKET, ORDER, Department.ENGINEERING, "declined", "Q-9", at))
                .when(new PickUpOrder(ORDER, LEADER, null, at))
                .expectException(RuleViolationException.class)
                .expectNoEvents();
    }

    @Test
    void workCannotStartBeforePickUpNorCompleteBeforeItStarted_R2() {
        fixture.given(Orders.dispatchedEvents(Orders.aRepair(false)))
                .when(new StartWork(ORDER, LEADER, Instant.now()))
                .expectException(RuleViolationException.class)
                .expectExceptionMessage(
                        "order WO-T-1 is DISPATCHED; work starts once the order has been picked up (R2)");
        fixture.given(Orders.dispatchedEvents(Orders.aRepair(false)))
                .andGiven(Orders.pickedUp())
                .when(new CompleteOrder(ORDER, LEADER, "done", Instant.now()))
                .expectException(RuleViolationException.class);
    }

    @Test
    void onlyACompletedOrderIsReturned_R9() {
        fixture.given(Orders.dispatchedEvents(Orders.aRepair(false)))
                .andGiven(Orders.pickedUp())
                .when(new ReturnOrder(ORDER, "desk-chen", null, Instant.now()))
                .expectException(RuleViolationException.class)
                .expectExceptionMessage(
                        "order WO-T-1 is PICKED_UP; only a completed order goes back to the front " + "desk (R9)");
    }

    @Test
    void aPaidOrderReturnedWithinTwoHoursOfCompletionIsOnTime_R8() {
        Instant returned = COMPLETED_AT.plus(Duration.ofMinutes(119));
        fixture.given(Orders.completedEvents(true))
                .when(new ReturnOrder(ORDER, "desk-chen", "slip back", returned))
                .expectEvents(returned(true, COMPLETED_AT.plus(Duration.ofHours(2)), false, returned));
    }

    @Test
    void aPaidOrderReturnedMoreThanTwoHoursAfterCompletionIsLate_R8() {
        Instant returned = COMPLETED_AT.plus(Duration.ofMinutes(121));
        fixture.given(Orders.completedEvents(true))
                .when(new ReturnOrder(ORDER, "desk-chen", "slip back", returned))
                .expectEvents(returned(true, COMPLETED_AT.plus(Duration.ofHours(2)), true, returned));
    }

    @Test
    void aFreeOrderReturnedBeforeTheWorkingDayEndsIsOnTime_R9() {
        Instant endOfDay = Instant.parse("2026-12-01T09:30:00Z"); // 17:30 local
        Instant returned = endOfDay.minusSeconds(60);
        fixture.given(Orders.completedEvents(false))
                .when(new ReturnOrder(ORDER, "desk-chen", "slip back", returned))
                .expectEvents(returned(false, endOfDay, false, returned));
    }

    @Test
    void aFreeOrderReturnedTheNextMorningIsLate_R9() {
        Instant endOfDay = Instant.parse("2026-12-01T09:30:00Z");
        Instant nextMorning = Instant.parse("2026-12-02T01:00:00Z");
        fixture.given(Orders.completedEvents(false))
                .when(new ReturnOrder(ORDER, "desk-chen", "slip back", nextMorning))
                .expectEvents(returned(false, endOfDay, true, nextMorning));
    }

    private static OrderReturned returned(boolean paid, Instant due, boolean late, Instant at) {
        return new OrderReturned(
                TICKET,
                ORDER,
                "sunrise",
                TicketKind.REPAIR,
                Department.ENGINEERING,
                paid,
                "desk-chen",
                "slip back",
                COMPLETED_AT,
                due,
                late,
                at);
    }

    @Test
    void aLateOrderShowsUnexplainedUntilItsComplaintBookEntryArrives_R11() {
        Instant nextMorning = Instant.parse("2026-12-02T01:00:00Z");
        List<Object> late = new java.util.ArrayList<>(Orders.completedEvents(false));
        late.add(returned(false, Instant.parse("2026-12-01T09:30:00Z"), true, nextMorning));
        WorkOrder replayed = Orders.replayed(late);
        assertThat(replayed.lateUnexplained()).isTrue();
        assertThat(WorkOrderView.of(replayed).timeliness().lateUnexplained()).isTrue();
        Instant explainedAt = nextMorning.plusSeconds(600);
        fixture.given(late)
                .when(new RecordLateExplanation(ORDER, "parts arrived late", "desk-chen", explainedAt))
                .expectEvents(new LateExplanationRecorded(ORDER, "parts arrived late", "desk-chen", explainedAt))
                .expectState(o -> assertThat(o.lateUnexplained()).isFalse());
    }

    @Test
    void reworkGetsOneReportADayUntilItIsResolved_R6() {
        DispatchOrder rework = Orders.order(
                TicketKind.REWORK, Department.REWORK_LIAISON, false, DispatchMode.AREA_LEADER, "liaison-x");
        LocalDate day = LocalDate.parse("2026-12-02");
        Instant at = Instant.parse("2026-12-02T09:00:00Z");
        fixture.given(Orders.dispatchedEvents(rework))
                .when(new ReportReworkProgress(
                        ORDER, day, "contractor inspected the wall", "X Co. engineering", "liaison-x", false, at))
                .expectEvents(
                        new ReworkReportFiled(ORDER, day),
                        new ReworkProgressReported(
                                TICKET,
                                ORDER,
                                "liaison-x",
                                "X Co. engineering",
                                "contractor inspected the wall",
                                false,
                                at));
        fixture.given(Orders.dispatchedEvents(rework))
                .andGiven(new ReworkReportFiled(ORDER, day))
                .when(new ReportReworkProgress(ORDER, day, "again", "X Co.", "liaison-x", false, at))
                .expectException(RuleViolationException.class)
                .expectExceptionMessage(
                        "order WO-T-1 already has its rework report for 2026-12-02; one report a day (R6)");
        fixture.given(Orders.dispatchedEvents(rework))
                .andGiven(
                        new ReworkReportFiled(ORDER, day),
                        new ReworkProgressReported(TICKET, ORDER, "liaison-x", "X Co.", "fixed", true, at))
                .when(new ReportReworkProgress(ORDER, day.plusDays(1), "more", "X Co.", "liaison-x", false, at))
                .expectException(RuleViolationException.class)
                .expectExceptionMessage("the rework of order WO-T-1 is closed; no further reports (R6)");
    }

    @Test
    void onlyReworkOrdersGetReworkReports_R6() {
        fixture.given(Orders.dispatchedEvents(Orders.aRepair(false)))
                .when(new ReportReworkProgress(
                        ORDER, LocalDate.parse("2026-12-02"), "x", "X Co.", "liaison-x", false, Instant.now()))
                .expectException(RuleViolationException.class)
                .expectNoEvents();
    }

    @Test
    void theOrdersOfAClosedMonthRejectEveryCommand_H8() {
        closedMonths.add(MONTH);
        fixture.given(Orders.dispatchedEvents(Orders.aRepair(false)))
                .when(new PickUpOrder(ORDER, LEADER, null, Instant.now()))
                .expectException(RuleViolationException.class)
                .expectExceptionMessage(
                        "order WO-T-1 belongs to 2026-12, which is closed and archived; it no longer " + "changes (H8)")
                .expectNoEvents();
        fixture.given(Orders.completedEvents(false))
                .when(new ReturnOrder(ORDER, "desk-chen", null, Instant.now()))
                .expectException(RuleViolationException.class)
                .expectExceptionMessage("order WO-T-1 belongs to 2026-12, which is closed and archived; it no longer "
                        + "changes (H8)");
    }

    @Test
    void aFollowUpOrderNamesTheOrderItFollowsUp_R5() {
        DispatchOrder first = Orders.aRepair(false);
        DispatchOrder followUp = new DispatchOrder(
                "WO-T-1-R1",
                TICKET,
                "sunrise",
                "north",
                "b1",
                "b1-101",
                TicketKind.REPAIR,
                Department.ENGINEERING,
                false,
                null,
                "b1-101",
                "again",
                null,
                DispatchMode.AREA_LEADER,
                LEADER,
                first.orderId(),
                "desk-chen",
                Orders.DISPATCHED_AT,
                MONTH);
        fixture.givenNoPriorActivity()
                .when(followUp)
                .expectState(o -> assertThat(o.dispatched().followUpOf()).isEqualTo("WO-T-1"));
    }
}
