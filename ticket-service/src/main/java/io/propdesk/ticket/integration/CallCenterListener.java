package io.propdesk.ticket.integration;

import io.propdesk.contracts.Channel;
import io.propdesk.contracts.Topics;
import io.propdesk.contracts.callcenter.CallRegistered;
import io.propdesk.platform.domain.BadRequestException;
import io.propdesk.platform.kafka.InboundEvents;
import io.propdesk.platform.web.RequestBounds;
import io.propdesk.ticket.api.OpenTicketRequest;
import io.propdesk.ticket.api.TicketController;
import io.propdesk.ticket.domain.TicketIntake;
import jakarta.validation.Validator;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Calls from the call-center system open tickets exactly as {@code POST /api/tickets} does (R1), idempotent by call
 * id. A call that can never open a ticket (unknown unit, missing field, or a different call under a call id used
 * before, R1) goes to the dead-letter topic at once, with the reason and without the caller's name and
 * phone ({@link CallScrubber}).
 */
@Component
public class CallCenterListener {

    public static final String GROUP = "ticket-service.call-intake";

    private final InboundEvents inbound;
    private final TicketIntake intake;
    private final Validator validator;

    public CallCenterListener(InboundEvents inbound, TicketIntake intake, Validator validator) {
        this.inbound = inbound;
        this.intake = intake;
        this.validator = validator;
    }

    @KafkaListener(topics = Topics.CALLCENTER_CALLS, groupId = GROUP, batch = "true")
    public void on(List<ConsumerRecord<String, byte[]>> poll) {
        inbound.handle(poll, event -> {
            if (!(event.data() instanceof CallRegistered call)) {
                throw new BadRequestException(
                        "ce_type", "only CallRegistered is accepted on " + Topics.CALLCENTER_CALLS);
            }
            // The same rules as the REST request, so both doors accept exactly the same calls.
            OpenTicketRequest request = new OpenTicketRequest(
                    call.callId(),
                    call.estateId(),
                    call.unitId(),
                    call.kind(),
                    call.paid(),
                    call.severity(),
                    call.description(),
                    call.callerName(),
                    call.callerPhone(),
                    Channel.CALL_CENTER,
                    call.acceptor(),
                    call.receivedAt(),
                    call.serviceTime());
            if (call.callId() == null) {
                throw new BadRequestException("callId", "a call from the call center must carry its call id (R1)");
            }
            // the REST door refuses control characters while reading JSON; this door reads the codec's JSON, so here
            refuseControlCharacters("callerName", call.callerName(), false);
            refuseControlCharacters("acceptor", call.acceptor(), false);
            refuseControlCharacters("description", call.description(), true);
            validator.validate(request).stream().findFirst().ifPresent(v -> {
                throw new BadRequestException(v.getPropertyPath().toString(), v.getMessage());
            });
            intake.register(TicketController.toCall(request));
        });
    }

    private static void refuseControlCharacters(String field, String value, boolean freeText) {
        if (RequestBounds.hasControlCharacter(value, freeText)) {
            throw new BadRequestException(
                    field,
                    freeText
                            ? "must not contain control characters other than newline and tab"
                            : "must not contain control characters");
        }
    }
}
