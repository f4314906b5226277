package io.propdesk.contracts.dispatch;

import io.propdesk.contracts.PublicEvent;
import java.time.Instant;

/**
 * The rework liaison's daily progress report on a rework with the developer's contractor (R6); a day
 * without one is a breach. The steward follows the same reports.
 *
 * @param contractor the contractor's name (x公司工程部)
 * @param resolved   the contractor has fixed the defect; no further daily reports are due
 */
public record ReworkProgressReported(
        String ticketId,
        String orderId,
        String reportedBy,
        String contractor,
        String progress,
        boolean resolved,
        Instant reportedAt)
        implements PublicEvent {}
