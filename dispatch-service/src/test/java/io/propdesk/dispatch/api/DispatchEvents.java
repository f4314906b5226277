package io.propdesk.dispatch.api;

import io.propdesk.contracts.Channel;
import io.propdesk.contracts.Severity;
import io.propdesk.contracts.TicketKind;
import io.propdesk.contracts.ticket.EstateConfigured;
import io.propdesk.contracts.ticket.TicketOpened;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;

/** Object Mother for the other services' events dispatch consumes. */
final class DispatchEvents {

    private DispatchEvents() {}

    static TicketOpened ticket(String ticketId, TicketKind kind, boolean paid, String areaId, Instant at) {
        return new TicketOpened(
                ticketId,
                "call-" + ticketId,
                "sunrise",
                areaId,
                "b1",
                "b1-101",
                kind,
                paid,
                kind == TicketKind.COMPLAINT ? Severity.NORMAL : null,
                "kitchen tap leaking",
                "Wang",
                "13800000000",
                Channel.PHONE,
                "desk-chen",
                "steward-li",
                at,
                kind.housekeeping() ? at.plusSeconds(86_400) : null,
                at);
    }

    /** An estate in Asia/Shanghai, Monday to Saturday 08:30-17:30, paid orders back within 2 hours. */
    static EstateConfigured estate(String estateId, Instant at) {
        return new EstateConfigured(
                estateId,
                "Sunrise Garden",
                "Asia/Shanghai",
                LocalTime.of(8, 30),
                LocalTime.of(17, 30),
                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.SATURDAY),
                List.of(),
                List.of(new EstateConfigured.Area("north", "North")),
                List.of(new EstateConfigured.Building(
                        "b1", "north", "Building 1", "steward-li", List.of("b1-101", "b1-102"))),
                2,
                at);
    }
}
