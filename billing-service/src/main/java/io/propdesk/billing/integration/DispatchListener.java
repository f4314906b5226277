package io.propdesk.billing.integration;

import io.propdesk.billing.domain.Accounts;
import io.propdesk.billing.domain.CancelOrder;
import io.propdesk.billing.domain.QuoteDesk;
import io.propdesk.billing.domain.RecordOrder;
import io.propdesk.contracts.Topics;
import io.propdesk.contracts.dispatch.ContractSigned;
import io.propdesk.contracts.dispatch.MonthClosed;
import io.propdesk.contracts.dispatch.OrderCancelled;
import io.propdesk.contracts.dispatch.OrderCompleted;
import io.propdesk.contracts.dispatch.OrderDispatched;
import io.propdesk.platform.domain.BadRequestException;
import io.propdesk.platform.kafka.InboundEvents;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * What billing needs from dispatch-service: the orders (which are paid work, R7), their cancellation and completion
 * (charges, P2), the monthly contracts (H1) and the month close (statements, H7, H8). One listener, so one service
 * instance handles a partition's events in order; every step is idempotent by its own keys as well.
 */
@Component
public class DispatchListener {

    public static final String GROUP = "billing-service.dispatch";

    private final InboundEvents inbound;
    private final CommandGateway commands;
    private final QuoteDesk quotes;
    private final Accounts accounts;

    public DispatchListener(InboundEvents inbound, CommandGateway commands, QuoteDesk quotes, Accounts accounts) {
        this.inbound = inbound;
        this.commands = commands;
        this.quotes = quotes;
        this.accounts = accounts;
    }

    @KafkaListener(topics = Topics.DISPATCH_EVENTS, groupId = GROUP, batch = "true")
    public void on(List<ConsumerRecord<String, byte[]>> poll) {
        // issue 19: only these are acted on, so only they are marked
        inbound.handle(
                poll,
                Set.of(
                        OrderDispatched.class,
                        OrderCancelled.class,
                        OrderCompleted.class,
                        ContractSigned.class,
                        MonthClosed.class),
                event -> {
                    Object data = event.data();
                    if (data instanceof OrderDispatched d) {
                        required(d.orderId(), "orderId");
                        required(d.ticketId(), "ticketId");
                        required(d.department(), "department");
                        commands.sendAndWait(new RecordOrder(
                                d.orderId(),
                                d.ticketId(),
                                d.estateId(),
                                d.unitId(),
                                d.kind(),
                                d.department(),
                                d.paid(),
                                d.contractId(),
                                d.dispatchedAt()));
                    } else if (data instanceof OrderCancelled c) {
                        if (quotes.order(c.orderId()).isPresent()) {
                            commands.sendAndWait(new CancelOrder(c.orderId(), c.reason(), c.cancelledAt()));
                        }
                    } else if (data instanceof OrderCompleted c) {
                        accounts.orderCompleted(c);
                    } else if (data instanceof ContractSigned c) {
                        required(c.contractId(), "contractId");
                        required(c.customerId(), "customerId");
                        required(c.startDate(), "startDate");
                        required(c.monthlyFee(), "monthlyFee");
                        accounts.contractSigned(c);
                    } else if (data instanceof MonthClosed m) {
                        required(m.month(), "month");
                        accounts.monthClosed(m);
                    }
                });
    }

    /** An event that can never be billed goes to the dead-letter topic at once, not through the retries. */
    private static void required(Object value, String field) {
        if (value == null) {
            throw new BadRequestException(field, "missing; billing cannot use this event");
        }
    }
}
