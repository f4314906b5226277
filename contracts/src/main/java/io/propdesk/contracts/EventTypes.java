package io.propdesk.contracts;

import io.propdesk.contracts.billing.ChargePosted;
import io.propdesk.contracts.billing.PriceListPublished;
import io.propdesk.contracts.billing.QuoteAccepted;
import io.propdesk.contracts.billing.QuoteDeclined;
import io.propdesk.contracts.billing.QuoteIssued;
import io.propdesk.contracts.billing.StatementIssued;
import io.propdesk.contracts.callback.CallbackAttempted;
import io.propdesk.contracts.callback.CallbackCallEnded;
import io.propdesk.contracts.callback.CallbackCompleted;
import io.propdesk.contracts.callback.CallbackRescheduled;
import io.propdesk.contracts.callback.CallbackScheduled;
import io.propdesk.contracts.callback.ComplaintSignedOff;
import io.propdesk.contracts.callback.FollowUpClosed;
import io.propdesk.contracts.callback.FollowUpOpened;
import io.propdesk.contracts.callback.FollowUpReopened;
import io.propdesk.contracts.callback.ObligationAtRisk;
import io.propdesk.contracts.callback.ObligationFulfilled;
import io.propdesk.contracts.callback.ObligationOpened;
import io.propdesk.contracts.callback.ObligationRescheduled;
import io.propdesk.contracts.callback.ObligationWithdrawn;
import io.propdesk.contracts.callback.SlaBreached;
import io.propdesk.contracts.callback.StewardAssigned;
import io.propdesk.contracts.callback.StewardReplied;
import io.propdesk.contracts.callcenter.CallRegistered;
import io.propdesk.contracts.dispatch.ContractSigned;
import io.propdesk.contracts.dispatch.ContractVisitScheduled;
import io.propdesk.contracts.dispatch.MonthClosed;
import io.propdesk.contracts.dispatch.OrderCancelled;
import io.propdesk.contracts.dispatch.OrderCompleted;
import io.propdesk.contracts.dispatch.OrderDispatched;
import io.propdesk.contracts.dispatch.OrderPickedUp;
import io.propdesk.contracts.dispatch.OrderReturned;
import io.propdesk.contracts.dispatch.ReworkProgressReported;
import io.propdesk.contracts.dispatch.WorkStarted;
import io.propdesk.contracts.sla.SlaFact;
import io.propdesk.contracts.ticket.CallAnswered;
import io.propdesk.contracts.ticket.CallEnded;
import io.propdesk.contracts.ticket.CallLinked;
import io.propdesk.contracts.ticket.CallStarted;
import io.propdesk.contracts.ticket.EstateConfigured;
import io.propdesk.contracts.ticket.LateOrderExplained;
import io.propdesk.contracts.ticket.TicketClosed;
import io.propdesk.contracts.ticket.TicketOpened;
import io.propdesk.contracts.ticket.TicketReopened;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The registry of public events: the single place that says which CloudEvent type, source and topic
 * each event record has. Registering an event is one line below; a change that is not purely additive
 * registers a new record under a new version instead of editing the old one, e.g.
 * {@code DISPATCH.version(OrderCompletedV2.class, "OrderCompleted", 2)}, and both stay registered.
 */
public final class EventTypes {

    private static final Producer TICKET = new Producer("ticket", "/ticket-service", Topics.TICKET_EVENTS);
    private static final Producer DISPATCH = new Producer("dispatch", "/dispatch-service", Topics.DISPATCH_EVENTS);
    private static final Producer CALLBACK = new Producer("callback", "/callback-service", Topics.CALLBACK_EVENTS);
    /** The warehouse feed is derived by callback-service but is its own topic and its own kind of record. */
    private static final Producer SLA = new Producer("sla", "/callback-service", Topics.SLA_FACTS);

    private static final Producer BILLING = new Producer("billing", "/billing-service", Topics.BILLING_EVENTS);
    private static final Producer CALLCENTER = new Producer("callcenter", "/callcenter", Topics.CALLCENTER_CALLS);

    private static final List<EventType> ALL = List.of(
            TICKET.v1(TicketOpened.class),
            TICKET.v1(LateOrderExplained.class),
            TICKET.v1(TicketReopened.class),
            TICKET.v1(TicketClosed.class),
            TICKET.v1(EstateConfigured.class),
            TICKET.v1(CallStarted.class),
            TICKET.v1(CallAnswered.class),
            TICKET.v1(CallEnded.class),
            TICKET.v1(CallLinked.class),
            DISPATCH.v1(OrderDispatched.class),
            DISPATCH.v1(OrderPickedUp.class),
            DISPATCH.v1(WorkStarted.class),
            DISPATCH.v1(OrderCompleted.class),
            DISPATCH.v1(OrderReturned.class),
            DISPATCH.v1(OrderCancelled.class),
            DISPATCH.v1(ReworkProgressReported.class),
            DISPATCH.v1(ContractSigned.class),
            DISPATCH.v1(ContractVisitScheduled.class),
            DISPATCH.v1(MonthClosed.class),
            CALLBACK.v1(StewardAssigned.class),
            CALLBACK.v1(StewardReplied.class),
            CALLBACK.v1(ComplaintSignedOff.class),
            CALLBACK.v1(CallbackScheduled.class),
            CALLBACK.v1(CallbackAttempted.class),
            CALLBACK.v1(CallbackCompleted.class),
            CALLBACK.v1(ObligationOpened.class),
            CALLBACK.v1(ObligationRescheduled.class),
            CALLBACK.v1(ObligationWithdrawn.class),
            CALLBACK.v1(ObligationFulfilled.class),
            CALLBACK.v1(SlaBreached.class),
            CALLBACK.v1(FollowUpOpened.class),
            CALLBACK.v1(FollowUpClosed.class),
            CALLBACK.v1(FollowUpReopened.class),
            CALLBACK.v1(CallbackRescheduled.class),
            CALLBACK.v1(CallbackCallEnded.class),
            CALLBACK.v1(ObligationAtRisk.class),
            BILLING.v1(PriceListPublished.class),
            BILLING.v1(QuoteIssued.class),
            BILLING.v1(QuoteAccepted.class),
            BILLING.v1(QuoteDeclined.class),
            BILLING.v1(ChargePosted.class),
            BILLING.v1(StatementIssued.class),
            SLA.v1(SlaFact.class),
            CALLCENTER.v1(CallRegistered.class));

    private static final Map<Class<?>, EventType> BY_CLASS =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::eventClass, Function.identity()));
    private static final Map<String, EventType> BY_TYPE =
            ALL.stream().collect(Collectors.toUnmodifiableMap(EventType::type, Function.identity()));

    private EventTypes() {}

    /** Every registered event, grouped by producer in topic-table order. */
    public static List<EventType> all() {
        return ALL;
    }

    /** @throws IllegalArgumentException if the class is not a registered public event */
    public static EventType of(Class<?> eventClass) {
        EventType type = BY_CLASS.get(eventClass);
        if (type == null) {
            throw new IllegalArgumentException(
                    eventClass.getName() + " is not a registered public event; add it to EventTypes");
        }
        return type;
    }

    /** The CloudEvent type of an event class, e.g. {@code propdesk.ticket.TicketOpened.v1}. */
    public static String typeOf(Class<?> eventClass) {
        return of(eventClass).type();
    }

    public static String sourceOf(Class<?> eventClass) {
        return of(eventClass).source();
    }

    public static String topicOf(Class<?> eventClass) {
        return of(eventClass).topic();
    }

    /** Empty for a type this version of the contracts does not know, e.g. one added after it was built. */
    public static Optional<EventType> find(String type) {
        return Optional.ofNullable(type == null ? null : BY_TYPE.get(type));
    }

    public static Optional<Class<? extends PublicEvent>> classOf(String type) {
        return find(type).map(EventType::eventClass);
    }

    private record Producer(String service, String source, String topic) {
        EventType v1(Class<? extends PublicEvent> eventClass) {
            return version(eventClass, eventClass.getSimpleName(), 1);
        }

        EventType version(Class<? extends PublicEvent> eventClass, String eventName, int version) {
            return new EventType(eventClass, "propdesk." + service + "." + eventName + ".v" + version, source, topic);
        }
    }
}
