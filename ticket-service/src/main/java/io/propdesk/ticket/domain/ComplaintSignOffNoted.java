package io.propdesk.ticket.domain;

import java.time.Instant;

/** Internal: the ticket knows its complaint was signed off (C3). Not published; callback-service owns the fact. */
public record ComplaintSignOffNoted(String ticketId, String stewardId, Instant signedOffAt) {}
