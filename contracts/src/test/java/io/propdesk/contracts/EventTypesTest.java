package io.propdesk.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.propdesk.contracts.billing.PriceListPublished;
import io.propdesk.contracts.billing.StatementIssued;
import io.propdesk.contracts.callcenter.CallRegistered;
import io.propdesk.contracts.dispatch.ContractSigned;
import io.propdesk.contracts.dispatch.MonthClosed;
import io.propdesk.contracts.sla.SlaFact;
import io.propdesk.contracts.ticket.CallEnded;
import io.propdesk.contracts.ticket.EstateConfigured;
import io.propdesk.contracts.ticket.TicketOpened;
import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class EventTypesTest {

    private static final Map<String, String> SOURCES = Map.of(
            Topics.TICKET_EVENTS, "/ticket-service",
            Topics.DISPATCH_EVENTS, "/dispatch-service",
            Topics.CALLBACK_EVENTS, "/callback-service",
            Topics.BILLING_EVENTS, "/billing-service",
            Topics.SLA_FACTS, "/callback-service",
            Topics.CALLCENTER_CALLS, "/callcenter");

    @Test
    void everyPublicEventRecordInThePackageIsRegistered() throws Exception {
        List<Class<?>> found = publicEventClassesOnClasspath();

        assertThat(found).hasSizeGreaterThanOrEqualTo(29);
        assertThat(EventTypes.all().stream().<Class<?>>map(EventType::eventClass))
                .containsExactlyInAnyOrderElementsOf(found);
    }

    @Test
    void registersTheEventsOfTheArchitectureTopicTablePlusTheAdditionsUsersNeed() {
        // beyond the table: OrderCancelled, the order side of a declined quote (R7)
        Map<String, List<String>> byTopic = EventTypes.all().stream()
                .collect(Collectors.groupingBy(
                        EventType::topic,
                        Collectors.mapping(t -> t.eventClass().getSimpleName(), Collectors.toList())));

        assertThat(byTopic)
                .containsOnly(
                        Map.entry(
                                Topics.TICKET_EVENTS,
                                List.of(
                                        "TicketOpened",
                                        "LateOrderExplained",
                                        "TicketReopened",
                                        "TicketClosed",
                                        "EstateConfigured",
                                        "CallStarted",
                                        "CallAnswered",
                                        "CallEnded",
                                        "CallLinked")),
                        Map.entry(
                                Topics.DISPATCH_EVENTS,
                                List.of(
                                        "OrderDispatched",
                                        "OrderPickedUp",
                                        "WorkStarted",
                                        "OrderCompleted",
                                        "OrderReturned",
                                        "OrderCancelled",
                                        "ReworkProgressReported",
                                        "ContractSigned",
                                        "ContractVisitScheduled",
                                        "MonthClosed")),
                        Map.entry(
                                Topics.CALLBACK_EVENTS,
                                List.of(
                                        "StewardAssigned",
                                        "StewardReplied",
                                        "ComplaintSignedOff",
                                        "CallbackScheduled",
                                        "CallbackAttempted",
                                        "CallbackCompleted",
                                        "ObligationOpened",
                                        "ObligationRescheduled",
                                        "ObligationWithdrawn",
                                        "ObligationFulfilled",
                                        "SlaBreached",
                                        "FollowUpOpened",
                                        "FollowUpClosed",
                                        "FollowUpReopened",
                                        "CallbackRescheduled",
                                        "CallbackCallEnded",
                                        "ObligationAtRisk")),
                        Map.entry(
                                Topics.BILLING_EVENTS,
                                List.of(
                                        "PriceListPublished",
                                        "QuoteIssued",
                                        "QuoteAccepted",
                                        "QuoteDeclined",
                                        "ChargePosted",
                                        "StatementIssued")),
                        // issue 18 item 6: the warehouse feed
                        Map.entry(Topics.SLA_FACTS, List.of("SlaFact")),
                        Map.entry(Topics.CALLCENTER_CALLS, List.of("CallRegistered")));
    }

    @Test
    void typesFollowTheNamingConventionAndSourcesMatchTheProducer() {
        for (EventType type : EventTypes.all()) {
            String service = type.topic().split("\\.")[1];
            assertThat(type.type())
                    .isEqualTo("propdesk." + service + "." + type.eventClass().getSimpleName() + ".v1");
            assertThat(type.source()).isEqualTo(SOURCES.get(type.topic()));
            assertThat(type.eventClass().getPackageName()).isEqualTo("io.propdesk.contracts." + service);
        }
        assertThat(EventTypes.typeOf(TicketOpened.class)).isEqualTo("propdesk.ticket.TicketOpened.v1");
        assertThat(EventTypes.typeOf(CallRegistered.class)).isEqualTo("propdesk.callcenter.CallRegistered.v1");
        assertThat(EventTypes.sourceOf(CallRegistered.class)).isEqualTo("/callcenter");
    }

    @Test
    void looksUpBothWays() {
        for (EventType type : EventTypes.all()) {
            assertThat(EventTypes.classOf(EventTypes.typeOf(type.eventClass()))).contains(type.eventClass());
            assertThat(EventTypes.topicOf(type.eventClass())).isEqualTo(type.topic());
        }
    }

    @Test
    void unknownTypeHasNoClass() {
        assertThat(EventTypes.classOf("propdesk.ticket.TicketOpened.v9")).isEmpty();
        assertThat(EventTypes.classOf(null)).isEmpty();
    }

    @Test
    void unregisteredClassIsRejectedWithAHint() {
        assertThatThrownBy(() -> EventTypes.typeOf(String.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("add it to EventTypes");
    }

    @Test
    void eventsOfATicketAreKeyedByTheTicketAndTheOthersByTheirOwnAggregate() {
        for (EventType type : EventTypes.all()) {
            PublicEvent event = SampleEvents.of(type.eventClass());
            assertThat(event.subject()).as(type.type()).isNotBlank();
            if (event instanceof SlaFact fact) {
                // issue 18 item 6: a warehouse row is keyed by its fact, so its replacements stay in order
                assertThat(fact.subject()).isEqualTo(fact.factId());
            } else if (event.ticketId() != null) {
                assertThat(event.subject()).as(type.type()).isEqualTo(event.ticketId());
            }
        }
        assertThat(SampleEvents.of(EstateConfigured.class).subject()).isEqualTo(SampleEvents.ESTATE);
        assertThat(SampleEvents.of(PriceListPublished.class).subject()).isEqualTo("CLEANING");
        assertThat(SampleEvents.of(ContractSigned.class).subject()).isEqualTo(SampleEvents.CONTRACT);
        assertThat(SampleEvents.of(MonthClosed.class).subject()).isEqualTo("2026-11");
        assertThat(SampleEvents.of(StatementIssued.class).subject()).isEqualTo(SampleEvents.UNIT);
        assertThat(SampleEvents.of(CallRegistered.class).subject()).isEqualTo("CALL-555");
        assertThat(SampleEvents.of(CallEnded.class).subject()).isEqualTo("CALL-555");
    }

    /** Scans the compiled contracts for records implementing PublicEvent, independently of the registry. */
    static List<Class<?>> publicEventClassesOnClasspath()
            throws IOException, URISyntaxException, ClassNotFoundException {
        List<Class<?>> found = new ArrayList<>();
        for (URL root : Collections.list(EventTypesTest.class.getClassLoader().getResources("io/propdesk/contracts"))) {
            assertThat(root.getProtocol())
                    .as("contracts must be scanned from a directory")
                    .isEqualTo("file");
            Path base = Path.of(root.toURI()).getParent().getParent().getParent();
            List<Path> classFiles;
            try (Stream<Path> files = Files.walk(Path.of(root.toURI()))) {
                classFiles = files.filter(f -> f.toString().endsWith(".class")).toList();
            }
            for (Path file : classFiles) {
                String name = base.relativize(file)
                        .toString()
                        .replace(file.getFileSystem().getSeparator(), ".")
                        .replaceAll("\\.class$", "");
                Class<?> c = Class.forName(name, false, EventTypesTest.class.getClassLoader());
                if (c.isRecord() && PublicEvent.class.isAssignableFrom(c)) {
                    found.add(c);
                }
            }
        }
        return found;
    }

    @Test
    void everyRegisteredEventHasASample() {
        assertThat(SampleEvents.classes())
                .isEqualTo(Set.copyOf(
                        EventTypes.all().stream().map(EventType::eventClass).toList()));
    }
}
