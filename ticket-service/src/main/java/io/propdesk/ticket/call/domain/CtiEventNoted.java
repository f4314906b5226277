package io.propdesk.ticket.call.domain;

/** Internal: the phone system's event of this kind arrived for the call, so its retry changes nothing. */
public record CtiEventNoted(String callId, CtiEvent event) {}
