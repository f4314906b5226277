package io.propdesk.contracts.callback;

import io.propdesk.contracts.PublicEvent;
import java.time.Instant;

/** The steward signed the register to confirm the complaint was handled; without it no close (C3). */
public record ComplaintSignedOff(String ticketId, String stewardId, String note, Instant signedOffAt)
        implements PublicEvent {}
