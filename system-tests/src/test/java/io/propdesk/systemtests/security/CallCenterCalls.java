package io.propdesk.systemtests.security;

import io.propdesk.contracts.TicketKind;
import io.propdesk.contracts.Topics;
import io.propdesk.contracts.callcenter.CallRegistered;
import io.propdesk.contracts.cloudevents.CloudEventCodec;
import io.propdesk.contracts.cloudevents.CloudEventCodec.Envelope;
import io.propdesk.platform.relay.Relays;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.producer.KafkaProducer;

/** The call center's side of the personal-data tests: one person's calls, published as the call center would. */
final class CallCenterCalls {

    private CallCenterCalls() {}

    /**
     * A call that opens a ticket for {@code unitId}, and one the call center got wrong (an unknown unit, so it goes
     * to the dead-letter topic), both carrying the same person in the clear.
     */
    static void publishWithAMisdirectedCopy(
            String bootstrapServers, String estateId, String callId, String unitId, String name, String phone)
            throws Exception {
        try (KafkaProducer<String, byte[]> producer = Relays.producer(bootstrapServers)) {
            for (CallRegistered call : List.of(
                    new CallRegistered(
                            callId,
                            estateId,
                            unitId,
                            TicketKind.REPAIR,
                            false,
                            null,
                            "Leak",
                            name,
                            phone,
                            "desk-cc",
                            Instant.now(),
                            null),
                    new CallRegistered(
                            callId + "-bad",
                            estateId,
                            "no-such-unit",
                            TicketKind.REPAIR,
                            false,
                            null,
                            "Leak",
                            name,
                            phone,
                            "desk-cc",
                            Instant.now(),
                            null))) {
                producer.send(CloudEventCodec.toRecord(
                                Topics.CALLCENTER_CALLS, Envelope.of("ce-" + call.callId(), call.receivedAt(), call)))
                        .get();
            }
        }
    }
}
