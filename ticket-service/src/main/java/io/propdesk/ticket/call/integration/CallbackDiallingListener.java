package io.propdesk.ticket.call.integration;

import io.propdesk.contracts.Topics;
import io.propdesk.contracts.callback.CallbackCompleted;
import io.propdesk.contracts.callback.CallbackScheduled;
import io.propdesk.platform.kafka.InboundEvents;
import io.propdesk.platform.kafka.PollWrites;
import io.propdesk.platform.kafka.ReadModelFetch;
import io.propdesk.ticket.call.domain.DialableCallbacks;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * §4: ticket-service learns the callbacks it may dial from callback-service's topic, with who may make each call
 * (C2), and stops dialling one once it is completed.
 */
@Component
public class CallbackDiallingListener {

    public static final String GROUP = "ticket-service.callback-dialling";

    private final InboundEvents inbound;
    private final DialableCallbacks callbacks;

    public CallbackDiallingListener(InboundEvents inbound, DialableCallbacks callbacks) {
        this.inbound = inbound;
        this.callbacks = callbacks;
    }

    @KafkaListener(
            topics = Topics.CALLBACK_EVENTS,
            groupId = GROUP,
            batch = "true",
            properties = ReadModelFetch.BATCHES)
    public void on(List<ConsumerRecord<String, byte[]>> poll) {
        // issue 19: only these are acted on, so only they are marked; the poll's changes are stored at once, before
        // its markers
        PollWrites writes = callbacks.pollWrites();
        inbound.handle(
                poll,
                Set.of(CallbackScheduled.class, CallbackCompleted.class),
                event -> {
                    if (event.data() instanceof CallbackScheduled scheduled) {
                        callbacks.scheduled(scheduled, writes);
                    } else if (event.data() instanceof CallbackCompleted completed) {
                        callbacks.completed(completed.callbackId(), completed.completedAt(), writes);
                    }
                },
                writes::store);
    }
}
