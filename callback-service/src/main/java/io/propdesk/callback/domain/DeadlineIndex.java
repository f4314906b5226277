package io.propdesk.callback.domain;

import io.propdesk.contracts.SlaRule;
import java.time.Instant;
import java.util.Map;
import java.util.Set;

/**
 * Where the deadline ticker finds what came due: the open obligations with their due times, shared by every instance
 * of the service and kept across restarts (query.OpenObligations, fed from the service's topic).
 */
public interface DeadlineIndex {

    /** The tickets with an open obligation due by {@code now}, earliest first. */
    Set<String> ticketsDueBy(Instant now);

    /**
     * W1: the tickets with an open obligation whose at-risk moment has come by {@code now} and that was not announced
     * at risk yet, earliest first.
     */
    Set<String> ticketsAtRiskBy(Instant now);

    /** The open obligations by rule, for the service's gauges. */
    Map<SlaRule, Long> openByRule();
}
