package io.propdesk.dispatch.integration;

import io.propdesk.contracts.Topics;
import io.propdesk.contracts.billing.QuoteAccepted;
import io.propdesk.contracts.billing.QuoteDeclined;
import io.propdesk.dispatch.domain.CancelOrder;
import io.propdesk.dispatch.domain.OrderDesk;
import io.propdesk.dispatch.domain.RecordQuoteAccepted;
import io.propdesk.platform.kafka.InboundEvents;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Billing's answer to a paid order's quote (R7): accepted lets the work start, declined cancels the order. A quote
 * for an order dispatch does not hold is retried and then parked on the dead-letter topic.
 */
@Component
public class QuoteListener {

    public static final String GROUP = "dispatch-service.quotes";

    private final InboundEvents inbound;
    private final OrderDesk desk;

    public QuoteListener(InboundEvents inbound, OrderDesk desk) {
        this.inbound = inbound;
        this.desk = desk;
    }

    @KafkaListener(topics = Topics.BILLING_EVENTS, groupId = GROUP, batch = "true")
    public void on(List<ConsumerRecord<String, byte[]>> poll) {
        // issue 19: only quote decisions are acted on, so only they are marked
        inbound.handle(poll, Set.of(QuoteAccepted.class, QuoteDeclined.class), event -> {
            if (event.data() instanceof QuoteAccepted a) {
                desk.send(a.orderId(), new RecordQuoteAccepted(a.orderId(), a.quoteId(), recorder(a), a.acceptedAt()));
            } else if (event.data() instanceof QuoteDeclined d) {
                desk.send(
                        d.orderId(),
                        new CancelOrder(
                                d.orderId(),
                                "quote " + d.quoteId() + " declined: " + d.reason(),
                                d.quoteId(),
                                d.declinedAt()));
            }
        });
    }

    /** The staff member who recorded the owner's acceptance; billing published it only as acceptedBy before recordedBy. */
    @SuppressWarnings("deprecation")
    static String recorder(QuoteAccepted accepted) {
        return accepted.recordedBy() != null ? accepted.recordedBy() : accepted.acceptedBy();
    }
}
