package io.propdesk.console.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * The intake screen reads ticket-service's {@code GET /api/callers} answer in its one documented shape
 * (docs/integrating.md; ticket-service's {@code CallerLookup.Result}): the sample is that answer for a number two
 * owners share, one list of open tickets naming each ticket's owner.
 */
class CallerLookupTest {

    private final ObjectMapper json =
            JsonMapper.builder().addModule(new JavaTimeModule()).build();

    @Test
    void theAnswerIsReadAsTicketServiceGivesIt() throws IOException {
        CallerLookup.Found found = CallerLookup.parse(sample(), json);

        assertThat(found.number()).isEqualTo("+8613900000000");
        assertThat(found.matches())
                .extracting(CallerLookup.Owner::ownerId, CallerLookup.Owner::name, CallerLookup.Owner::level)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("sunrise-garden:b1-101", "Li Na", "known"),
                        org.assertj.core.groups.Tuple.tuple("sunrise-garden:b1-102", "Zhao", "recent"));
        assertThat(found.openTickets()).hasSize(3);
        CallerLookup.TicketRef complaint = found.openTickets().get(1);
        assertThat(complaint.ownerId()).isEqualTo("sunrise-garden:b1-102");
        assertThat(complaint.kind()).isEqualTo("COMPLAINT");
        assertThat(complaint.openedAt()).isEqualTo(Instant.parse("2026-12-02T13:07:02.114Z"));
        assertThat(complaint.nextDue().rule()).isEqualTo("R4");
        assertThat(complaint.nextDue().dueAt()).isEqualTo(Instant.parse("2026-12-02T17:06:48Z"));
        assertThat(complaint.nextDue().breached()).isFalse();
        assertThat(found.openTickets().get(0).nextDue()).isNull();
        assertThat(found.recentTickets()).hasSize(1);
        assertThat(found.consoleUrl()).isEqualTo("http://localhost:8080/intake?number=%2B8613900000000");
    }

    @Test
    void withNoOwnerPickedTheFirstMatchIsChosenWithOnlyItsOwnOpenTickets() throws IOException {
        CallerLookup.Result result = CallerLookup.result(CallerLookup.parse(sample(), json), null);

        assertThat(result.chosen().ownerId()).isEqualTo("sunrise-garden:b1-101");
        assertThat(result.chosen().openTickets())
                .extracting(CallerLookup.TicketRef::ticketId)
                .containsExactly("T-1c0d5a11-602d-3582-b3dc-71d56ef566e9", "T-5a0ae9b5-2030-3afe-8449-f3fbd1f350f0");
    }

    @Test
    void theOwnerTheDeskPicksFillsTheFormAndShowsOnlyThatOwnersOpenTickets() throws IOException {
        CallerLookup.Result result = CallerLookup.result(CallerLookup.parse(sample(), json), "sunrise-garden:b1-102");

        assertThat(result.chosen().unitId()).isEqualTo("b1-102");
        assertThat(result.chosen().ownerName()).isEqualTo("Zhao");
        assertThat(result.chosen().openTickets())
                .extracting(CallerLookup.TicketRef::ticketId)
                .containsExactly("T-f8213d58-aedc-38a0-8305-5c5ce5f39c47");
        // every match carries its own tickets, none of another owner's
        assertThat(result.matches())
                .allSatisfy(m ->
                        assertThat(m.openTickets()).allMatch(t -> t.ownerId().equals(m.ownerId())));
    }

    @Test
    void anOwnerIdNotAmongTheMatchesFallsBackToTheFirst() throws IOException {
        CallerLookup.Result result = CallerLookup.result(CallerLookup.parse(sample(), json), "sunrise-garden:b9-999");

        assertThat(result.chosen().ownerId()).isEqualTo("sunrise-garden:b1-101");
    }

    @Test
    void aNumberNoOwnerHasChoosesNoOne() throws IOException {
        JsonNode none = json.readTree("""
                {"number":"+8613911112222","matches":[],"openTickets":[],"recentTickets":[],
                 "consoleUrl":"http://localhost:8080/intake?number=%2B8613911112222"}""");

        CallerLookup.Result result = CallerLookup.result(CallerLookup.parse(none, json), null);

        assertThat(result.available()).isTrue();
        assertThat(result.matches()).isEmpty();
        assertThat(result.chosen()).isNull();
    }

    @Test
    void aBodyOfAnotherShapeIsReportedAsTheServicesFault() throws IOException {
        JsonNode other = json.readTree("{\"matches\":\"not a list\"}");

        assertThatThrownBy(() -> CallerLookup.parse(other, json))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("caller lookup");
    }

    private JsonNode sample() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/intake/callers-two-owners.json")) {
            return json.readTree(in);
        }
    }
}
