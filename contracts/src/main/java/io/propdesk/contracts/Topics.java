package io.propdesk.contracts;

import java.util.List;

/** Kafka topic names; each service publishes only to its own topic, which keeps its data forever. */
public final class Topics {

    public static final String TICKET_EVENTS = "propdesk.ticket.events";
    public static final String DISPATCH_EVENTS = "propdesk.dispatch.events";
    public static final String CALLBACK_EVENTS = "propdesk.callback.events";
    public static final String BILLING_EVENTS = "propdesk.billing.events";
    /**
     * The warehouse feed (issue 18 item 6): one flat record per obligation outcome and per closed ticket, derived by
     * callback-service from its own topic; rebuildable into a fresh topic, so it keeps its data like the others.
     */
    public static final String SLA_FACTS = "propdesk.sla.facts";
    /** Inbound: the call-center system registers calls here (R1). */
    public static final String CALLCENTER_CALLS = "propdesk.callcenter.calls";

    private Topics() {}

    public static List<String> all() {
        return List.of(TICKET_EVENTS, DISPATCH_EVENTS, CALLBACK_EVENTS, BILLING_EVENTS, SLA_FACTS, CALLCENTER_CALLS);
    }

    /** Where a consumer group parks a message that keeps failing, so the other tickets keep flowing. */
    public static String deadLetter(String topic, String group) {
        return topic + "." + group + ".dlt";
    }
}
