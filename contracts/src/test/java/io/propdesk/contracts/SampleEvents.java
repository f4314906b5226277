package io.propdesk.contracts;

import io.propdesk.contracts.billing.ChargePosted;
import io.propdesk.contracts.billing.PriceListPublished;
import io.propdesk.contracts.billing.QuoteAccepted;
import io.propdesk.contracts.billing.QuoteDeclined;
import io.propdesk.contracts.billing.QuoteIssued;
import io.propdesk.contracts.billing.StatementIssued;
import io.propdesk.contracts.callback.CallbackAttempted;
import io.propdesk.contracts.callback.CallbackCallEnded;
import io.propdesk.contracts.callback.CallbackCompleted;
import io.propdesk.contracts.callback.CallbackRescheduled;
import io.propdesk.contracts.callback.CallbackScheduled;
import io.propdesk.contracts.callback.ComplaintSignedOff;
import io.propdesk.contracts.callback.FollowUpClosed;
import io.propdesk.contracts.callback.FollowUpOpened;
import io.propdesk.contracts.callback.FollowUpReopened;
import io.propdesk.contracts.callback.ObligationAtRisk;
import io.propdesk.contracts.callback.ObligationFulfilled;
import io.propdesk.contracts.callback.ObligationOpened;
import io.propdesk.contracts.callback.ObligationRescheduled;
import io.propdesk.contracts.callback.ObligationWithdrawn;
import io.propdesk.contracts.callback.SlaBreached;
import io.propdesk.contracts.callback.StewardAssigned;
import io.propdesk.contracts.callback.StewardReplied;
import io.propdesk.contracts.callcenter.CallRegistered;
import io.propdesk.contracts.dispatch.ContractSigned;
import io.propdesk.contracts.dispatch.ContractVisitScheduled;
import io.propdesk.contracts.dispatch.DispatchMode;
import io.propdesk.contracts.dispatch.MonthClosed;
import io.propdesk.contracts.dispatch.OrderCancelled;
import io.propdesk.contracts.dispatch.OrderCompleted;
import io.propdesk.contracts.dispatch.OrderDispatched;
import io.propdesk.contracts.dispatch.OrderPickedUp;
import io.propdesk.contracts.dispatch.OrderReturned;
import io.propdesk.contracts.dispatch.ReworkProgressReported;
import io.propdesk.contracts.dispatch.WorkStarted;
import io.propdesk.contracts.sla.SlaFact;
import io.propdesk.contracts.ticket.CallAnswered;
import io.propdesk.contracts.ticket.CallDirection;
import io.propdesk.contracts.ticket.CallEnded;
import io.propdesk.contracts.ticket.CallLinked;
import io.propdesk.contracts.ticket.CallStarted;
import io.propdesk.contracts.ticket.EstateConfigured;
import io.propdesk.contracts.ticket.HangupCause;
import io.propdesk.contracts.ticket.LateOrderExplained;
import io.propdesk.contracts.ticket.TicketClosed;
import io.propdesk.contracts.ticket.TicketOpened;
import io.propdesk.contracts.ticket.TicketReopened;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Object Mother: one instance of every public event with every component filled, so that round trips
 * and schema validation exercise every property.
 */
public final class SampleEvents {

    public static final String TICKET = "T-1001";
    public static final String ORDER = "WO-17";
    public static final String QUOTE = "Q-9";
    public static final String ESTATE = "E-1";
    public static final String UNIT = "U-3-1201";
    public static final String STEWARD = "S-7";
    public static final String CONTRACT = "C-42";
    public static final YearMonth MONTH = YearMonth.of(2026, 11);
    public static final Instant AT = Instant.parse("2026-11-03T01:30:00Z");

    private static final Map<Class<? extends PublicEvent>, PublicEvent> SAMPLES = Stream.<Supplier<PublicEvent>>of(
                    SampleEvents::ticketOpened,
                    () -> new LateOrderExplained(TICKET, ORDER, "parts out of stock", "F-2", at(30)),
                    () -> new TicketReopened(TICKET, "owner not satisfied on callback", at(40)),
                    () -> new TicketClosed(TICKET, "repaired and called back", at(50)),
                    SampleEvents::estateConfigured,
                    () -> new OrderDispatched(
                            TICKET,
                            ORDER,
                            ESTATE,
                            "A-1",
                            "B-3",
                            UNIT,
                            TicketKind.CLEANING_HOURLY,
                            Department.CLEANING,
                            true,
                            CONTRACT,
                            "3 hours, kitchen and bathrooms",
                            at(24 * 60),
                            DispatchMode.CONTRACT_DISPATCHER,
                            "DD-1",
                            SlaRule.R8,
                            "WO-16",
                            "F-2",
                            at(1)),
                    () -> new OrderPickedUp(TICKET, ORDER, Department.CLEANING, "TL-5", "W-11", at(2)),
                    () -> new WorkStarted(TICKET, ORDER, QUOTE, "W-11", at(3)),
                    () -> new OrderCompleted(
                            TICKET,
                            ORDER,
                            ESTATE,
                            TicketKind.REPAIR,
                            Department.ENGINEERING,
                            true,
                            "W-11",
                            "replaced tap",
                            at(4)),
                    () -> new OrderReturned(
                            TICKET,
                            ORDER,
                            ESTATE,
                            TicketKind.REPAIR,
                            Department.ENGINEERING,
                            true,
                            "TL-5",
                            "signed by owner",
                            at(4),
                            at(4 + 120),
                            false,
                            at(5)),
                    () -> new OrderCancelled(
                            TICKET, ORDER, Department.ENGINEERING, "owner declined the quote", QUOTE, at(5)),
                    () -> new ReworkProgressReported(
                            TICKET, ORDER, "RL-1", "x公司工程部", "waterproofing redone", false, at(6)),
                    () -> new ContractSigned(
                            CONTRACT,
                            UNIT,
                            ESTATE,
                            UNIT,
                            TicketKind.CLEANING_MONTHLY,
                            Department.CLEANING,
                            LocalDate.of(2026, 11, 1),
                            LocalDate.of(2027, 10, 31),
                            Set.of(DayOfWeek.MONDAY, DayOfWeek.THURSDAY),
                            LocalTime.of(9, 30),
                            Money.cny("1280"),
                            3,
                            STEWARD,
                            "TL-5",
                            at(7)),
                    () -> new ContractVisitScheduled(
                            TICKET, CONTRACT, ORDER, UNIT, Department.CLEANING, at(24 * 60), "W-11", "DD-1", at(8)),
                    () -> new MonthClosed(
                            MONTH,
                            412,
                            410,
                            2,
                            "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                            "DD-1",
                            Instant.parse("2026-12-01T02:00:00Z")),
                    () -> new StewardAssigned(TICKET, STEWARD, ORDER, at(9)),
                    () -> new StewardReplied(TICKET, STEWARD, "plumber on site, parts tomorrow", at(10)),
                    () -> new ComplaintSignedOff(TICKET, STEWARD, "noise stopped, owner confirmed", at(11)),
                    () -> new CallbackScheduled(
                            TICKET,
                            "CB-1",
                            ORDER,
                            TicketKind.COMPLAINT,
                            Severity.MAJOR,
                            "F-2",
                            CallerRole.allowedFor(Severity.MAJOR),
                            at(60),
                            at(12),
                            ESTATE + ":" + UNIT,
                            "pii:v1:E-1:U-3-1201#1:q2V0c2VhbGVkLXBob25l"),
                    () -> new ObligationOpened(
                            TICKET,
                            "CALL-555",
                            "R6@" + ORDER + "@2026-11-03",
                            SlaRule.R6,
                            "liaison",
                            ORDER,
                            "CB-1",
                            java.time.LocalDate.of(2026, 11, 3),
                            ESTATE,
                            Department.ENGINEERING,
                            "steward-li",
                            "F-2",
                            AT,
                            at(24 * 60)),
                    () -> new ObligationRescheduled(TICKET, "CALL-555", "R5@CB-1", SlaRule.R5, at(60), at(120), at(30)),
                    () -> new ObligationWithdrawn(TICKET, "CALL-555", "R5@CB-1", SlaRule.R5, "order cancelled", at(40)),
                    () -> new CallbackAttempted(TICKET, "CB-1", "M-1", CallerRole.MANAGER, "no answer", at(13)),
                    () -> new CallbackCompleted(
                            TICKET, "CB-1", "M-1", CallerRole.MANAGER, true, "owner happy", at(14), 5),
                    () -> new ObligationFulfilled(
                            TICKET,
                            "CALL-555",
                            "OB-1",
                            SlaRule.R4,
                            ORDER,
                            ESTATE,
                            Department.ENGINEERING,
                            STEWARD,
                            "F-2",
                            "evt-88",
                            at(240),
                            at(300),
                            at(241),
                            60,
                            45),
                    () -> new SlaBreached(
                            TICKET,
                            "CALL-555",
                            "OB-2",
                            SlaRule.R8,
                            ORDER,
                            ESTATE,
                            Department.ENGINEERING,
                            STEWARD,
                            "F-2",
                            1,
                            at(120),
                            at(121)),
                    () -> new FollowUpOpened(
                            TICKET,
                            ESTATE,
                            TicketKind.COMPLAINT,
                            Severity.MAJOR,
                            true,
                            "F-2",
                            STEWARD,
                            Department.ENGINEERING,
                            CONTRACT,
                            AT,
                            "AREA-N",
                            "B-7"),
                    () -> new FollowUpClosed(TICKET, "ticket closed", at(300)),
                    () -> new FollowUpReopened(TICKET, at(310)),
                    () -> new CallbackRescheduled(TICKET, "CB-1", at(60), at(90), at(30)),
                    () -> new CallbackCallEnded(TICKET, "CB-1", "CALL-9", true, "F-2", at(20)),
                    () -> new ObligationAtRisk(
                            TICKET,
                            "CALL-555",
                            "OB-1",
                            SlaRule.R4,
                            "steward",
                            ORDER,
                            ESTATE,
                            Department.ENGINEERING,
                            STEWARD,
                            "F-2",
                            at(240),
                            at(210),
                            30),
                    () -> new PriceListPublished(
                            Department.CLEANING,
                            3,
                            LocalDate.of(2026, 11, 1),
                            List.of(new PriceListPublished.Item("CL-H", "hourly cleaning", "hour", Money.cny("45"))),
                            "BM-1",
                            at(16)),
                    () -> new QuoteIssued(
                            TICKET,
                            QUOTE,
                            ORDER,
                            Department.ENGINEERING,
                            3,
                            List.of(new QuoteIssued.Line(
                                    "EN-TAP", "replace tap", 2, Money.cny("64"), Money.cny("128"))),
                            Money.cny("128"),
                            "TL-5",
                            at(17)),
                    () -> new QuoteAccepted(TICKET, QUOTE, ORDER, "steward-li", at(18), "steward-li", UNIT),
                    () -> new QuoteDeclined(TICKET, QUOTE, ORDER, "too expensive", at(19)),
                    () -> new ChargePosted(
                            TICKET,
                            "CH-1",
                            ORDER,
                            QUOTE,
                            CONTRACT,
                            UNIT,
                            Department.ENGINEERING,
                            "replace tap",
                            Money.cny("128.00"),
                            MONTH,
                            at(20)),
                    () -> new StatementIssued(
                            UNIT,
                            MONTH,
                            "ST-2026-11-U-3-1201",
                            ESTATE,
                            List.of(new StatementIssued.Line(
                                    "CH-1", TICKET, ORDER, CONTRACT, "replace tap", Money.cny("128"))),
                            Money.cny("128"),
                            Instant.parse("2026-12-01T03:00:00Z")),
                    () -> new SlaFact(
                            SlaFact.obligationFactId("OB-2"),
                            SlaFact.OBLIGATION,
                            2,
                            TICKET,
                            "CALL-555",
                            "OB-2",
                            ESTATE,
                            "AREA-N",
                            "B-7",
                            Department.ENGINEERING,
                            STEWARD,
                            "F-2",
                            SlaRule.R8,
                            TicketKind.REPAIR,
                            true,
                            Severity.MAJOR,
                            ORDER,
                            "MET_LATE",
                            true,
                            false,
                            AT,
                            at(120),
                            at(121),
                            at(180),
                            60,
                            60,
                            3,
                            1),
                    () -> new CallStarted(
                            "CALL-555",
                            CallDirection.IN,
                            "pii:v1:E-1:U-3#1:c2VhbGVk",
                            "pii:v1:E-1:U-3#1:aG90bGluZQ",
                            List.of("F-2"),
                            "front-desk",
                            ESTATE,
                            ESTATE + ":" + UNIT,
                            "CB-1",
                            List.of(),
                            AT),
                    () -> new CallAnswered("CALL-555", CallDirection.IN, List.of("F-2"), "8001", ESTATE, "CB-1", at(1)),
                    () -> new CallEnded(
                            "CALL-555",
                            CallDirection.IN,
                            HangupCause.NORMAL_CLEARING,
                            true,
                            95,
                            TICKET,
                            ESTATE,
                            ESTATE + ":" + UNIT,
                            "CB-1",
                            List.of(),
                            AT,
                            at(3)),
                    () -> new CallLinked("CALL-555", TICKET, at(2)),
                    () -> new CallRegistered(
                            "CALL-555",
                            ESTATE,
                            UNIT,
                            TicketKind.CLEANING_HOURLY,
                            true,
                            Severity.NORMAL,
                            "3 hours cleaning",
                            "Mr Wang",
                            "+86 138 0000 0000",
                            "F-2",
                            AT,
                            at(24 * 60)))
            .map(Supplier::get)
            .collect(Collectors.toUnmodifiableMap(PublicEvent::getClass, event -> event));

    private SampleEvents() {}

    public static PublicEvent of(Class<? extends PublicEvent> eventClass) {
        PublicEvent sample = SAMPLES.get(eventClass);
        if (sample == null) {
            throw new IllegalArgumentException(
                    "no sample for " + eventClass.getSimpleName() + "; add one to SampleEvents");
        }
        return sample;
    }

    public static Set<Class<? extends PublicEvent>> classes() {
        return SAMPLES.keySet();
    }

    public static TicketOpened ticketOpened() {
        return new TicketOpened(
                TICKET,
                "CALL-555",
                ESTATE,
                "A-1",
                "B-3",
                UNIT,
                TicketKind.COMPLAINT,
                false,
                Severity.MAJOR,
                "noise from the plant room at night",
                "Mr Wang",
                "+86 138 0000 0000",
                Channel.CALL_CENTER,
                "F-2",
                STEWARD,
                AT.minusSeconds(120),
                at(24 * 60),
                AT);
    }

    public static EstateConfigured estateConfigured() {
        return new EstateConfigured(
                ESTATE,
                "Harbour View",
                "Asia/Shanghai",
                LocalTime.of(8, 30),
                LocalTime.of(17, 30),
                Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY),
                List.of(LocalDate.of(2026, 10, 1), LocalDate.of(2027, 2, 17)),
                List.of(new EstateConfigured.Area("A-1", "North")),
                List.of(new EstateConfigured.Building("B-3", "A-1", "Tower 3", STEWARD, List.of(UNIT, "U-3-1202"))),
                2,
                AT,
                List.of("+864001234567"));
    }

    private static Instant at(int minutesAfter) {
        return AT.plus(Duration.ofMinutes(minutesAfter));
    }
}
