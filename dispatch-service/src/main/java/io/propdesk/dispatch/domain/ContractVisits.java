package io.propdesk.dispatch.domain;

import io.propdesk.contracts.dispatch.ContractSigned;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * Which visits of a contract are due to be opened (H1, H6): every agreed weekday at the agreed local time, from the
 * signing on, up to the horizon ahead of now. Each visit's ids derive from (contract, date) alone, so opening the same
 * visit again, after a restart or from a second instance, always lands on the same order.
 */
public final class ContractVisits {

    private ContractVisits() {}

    public record Visit(String contractId, LocalDate date, Instant serviceTime) {

        public String ticketId() {
            return "VISIT-" + contractId + "-" + date;
        }

        public String orderId() {
            return "WO-" + ticketId();
        }
    }

    /**
     * @param openedThrough the service time of the last visit already opened (all before it are), or null
     */
    public static List<Visit> due(
            ContractSigned contract, ZoneId zone, Instant openedThrough, Instant now, Duration horizon) {
        Instant until = now.plus(horizon);
        LocalDate from =
                max(contract.startDate(), contract.signedAt().atZone(zone).toLocalDate());
        if (openedThrough != null) {
            from = max(from, openedThrough.atZone(zone).toLocalDate());
        }
        LocalDate to = until.atZone(zone).toLocalDate();
        if (contract.endDate() != null && contract.endDate().isBefore(to)) {
            to = contract.endDate();
        }
        List<Visit> visits = new ArrayList<>();
        for (LocalDate date = from; !date.isAfter(to); date = date.plusDays(1)) {
            if (!contract.visitDays().contains(date.getDayOfWeek())) {
                continue;
            }
            Instant serviceTime = date.atTime(contract.visitTime()).atZone(zone).toInstant();
            boolean afterSigning = !serviceTime.isBefore(contract.signedAt());
            boolean notYetOpened = openedThrough == null || serviceTime.isAfter(openedThrough);
            if (afterSigning && notYetOpened && !serviceTime.isAfter(until)) {
                visits.add(new Visit(contract.contractId(), date, serviceTime));
            }
        }
        return visits;
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }
}
