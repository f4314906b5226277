package io.propdesk.contracts.billing;

import io.propdesk.contracts.Description;
import io.propdesk.contracts.PublicEvent;
import java.time.Instant;

/**
 * The owner accepted the quote, which unblocks the paid work (R7). The owner's answer reaches the desk by phone or in
 * person; a staff member records it.
 *
 * <p>{@code acceptedBy} was published with the wrong meaning: it always carried the staff member, never the owner. It
 * keeps that value for the consumers that read it; {@code recordedBy} and {@code customerId} say it correctly.
 *
 * @param acceptedBy deprecated: the staff member, same as {@code recordedBy}; read {@code recordedBy} or
 *                   {@code customerId}
 */
public record QuoteAccepted(
        String ticketId,
        String quoteId,
        String orderId,

        @Description(
                value = "Deprecated: despite its name, the staff member who explained the fee and recorded the "
                        + "owner's acceptance, not the owner. Same value as recordedBy; read recordedBy, and customerId for "
                        + "the owner.",
                deprecated = true)
        @Deprecated
        String acceptedBy,

        Instant acceptedAt,

        @Description("The staff member (steward or front desk) who explained the fee to the owner and recorded the "
                + "owner's acceptance (R7).")
        String recordedBy,

        @Description("The customer who accepted the quote: the owner of the order's unit, identified as billing does "
                + "on statements (the unit id, or the estate id for work on common areas); same as ChargePosted's "
                + "customerId (H7).")
        String customerId)
        implements PublicEvent {}
