package io.propdesk.ticket.domain;

/** Internal: a callback's outcome was applied to the ticket, so a repeated outcome changes nothing. */
public record CallbackOutcomeNoted(String ticketId, String callbackId) {}
