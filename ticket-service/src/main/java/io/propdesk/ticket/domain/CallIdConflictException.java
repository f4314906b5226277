package io.propdesk.ticket.domain;

import io.propdesk.platform.domain.RuleViolationException;

/**
 * R1: a call id names one call. A second registration under a used call id whose call differs from the first one is
 * refused (409 naming {@code callId} on REST, the dead-letter topic with this reason on Kafka) and stores nothing. The
 * message names neither the differing fields nor their values: a caller must not be able to probe, field by field,
 * what another call holds.
 */
public class CallIdConflictException extends RuleViolationException {

    private final String callId;

    public CallIdConflictException(String callId) {
        super("R1", "callId " + callId + " was registered before for a different call; a call id names one call");
        this.callId = callId;
    }

    public String callId() {
        return callId;
    }
}
