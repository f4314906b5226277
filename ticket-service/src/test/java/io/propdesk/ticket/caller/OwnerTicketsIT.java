package io.propdesk.ticket.caller;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.propdesk.contracts.Channel;
import io.propdesk.contracts.TicketKind;
import io.propdesk.contracts.ticket.TicketClosed;
import io.propdesk.contracts.ticket.TicketOpened;
import io.propdesk.contracts.ticket.TicketReopened;
import io.propdesk.platform.kafka.InboundEvents;
import io.propdesk.platform.observability.TraceContexts;
import io.propdesk.platform.testing.MutableClock;
import io.propdesk.platform.testing.Stores;
import io.propdesk.ticket.domain.TicketStatus;
import io.propdesk.ticket.privacy.BlindIndex;
import io.propdesk.ticket.privacy.OwnerKeys;
import io.propdesk.ticket.privacy.PersonalData;
import io.propdesk.ticket.privacy.PhoneNumbers;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** Each owner's tickets for the caller lookup, on the real driver against the embedded wire server. */
class OwnerTicketsIT {

    private static final String OWNER = "maple:1-101";
    private static final Instant JAN = Instant.parse("2026-01-31T23:30:00Z");
    private static final Instant FEB = Instant.parse("2026-02-01T00:30:00Z");

    private final MongoDatabase db = Stores.freshDatabase("owner_tickets");
    private final PersonalData personal = new PersonalData(new OwnerKeys(db));
    private final OwnerTickets tickets = new OwnerTickets(
            db,
            new InboundEvents(db, new SimpleMeterRegistry(), TraceContexts.none()),
            personal,
            new PhoneNumbers("CN"),
            new CallerIndex(db, new BlindIndex("a-server-secret-of-at-least-32-characters"), new MutableClock(FEB)));
    private final MongoCollection<Document> stored = db.getCollection(OwnerTickets.COLLECTION);

    private TicketOpened opened(String ticketId, Instant at) {
        String[] sealed = personal.seal(OWNER, "Li Na", "+8613800000000");
        return new TicketOpened(
                ticketId,
                null,
                "maple",
                null,
                null,
                "1-101",
                TicketKind.REPAIR,
                false,
                null,
                "tap",
                sealed[0],
                sealed[1],
                Channel.PHONE,
                "desk-1",
                null,
                at,
                null,
                at);
    }

    @Test
    void anOwnersTicketsAreListedNewestFirstWithEachCloseAndReopenOnItsTicket() {
        tickets.apply(opened("T-1", JAN));
        tickets.apply(opened("T-2", FEB));
        tickets.apply(new TicketClosed("T-1", "done", FEB.plusSeconds(60)));
        tickets.apply(new TicketClosed("T-2", "done", FEB.plusSeconds(120)));
        tickets.apply(new TicketReopened("T-2", "leaks again", FEB.plusSeconds(180)));

        List<OwnerTickets.Row> rows = tickets.of(OWNER);

        assertThat(rows).extracting(OwnerTickets.Row::ticketId).containsExactly("T-2", "T-1");
        assertThat(rows)
                .extracting(OwnerTickets.Row::status)
                .containsExactly(TicketStatus.REOPENED, TicketStatus.CLOSED);
        assertThat(rows.get(0).updatedAt()).isEqualTo(FEB.plusSeconds(180));
        assertThat(rows.get(1).callerIndex()).isNotNull();
        assertThat(tickets.of("maple:9-909")).isEmpty();
    }

    @Test
    void aTicketIsStoredInItsOwnersMonthOfOpeningSoItsEventsRewriteThatMonthOnly_issue19() {
        tickets.apply(opened("T-1", JAN));
        tickets.apply(opened("T-2", FEB));
        tickets.apply(new TicketClosed("T-2", "done", FEB.plusSeconds(60)));

        Document owner = stored.find(eq("_id", OWNER)).first();
        assertThat(owner.getList("months", String.class)).containsExactly(OWNER + "@2026-01", OWNER + "@2026-02");
        assertThat(owner.get("tickets"))
                .as("no ticket in the owner's own document")
                .isNull();
        Document january = stored.find(eq("_id", OWNER + "@2026-01")).first();
        Document february = stored.find(eq("_id", OWNER + "@2026-02")).first();
        assertThat(january.get("tickets", Document.class).keySet()).hasSize(1);
        assertThat(january.toJson()).contains("T-1").doesNotContain("T-2").contains("OPEN");
        assertThat(february.toJson()).contains("T-2").doesNotContain("T-1").contains("CLOSED");
    }

    @Test
    void anOwnerStoredInOneDocumentBeforeTheMonthsKeepsTheirTicketsAndTheirUpdates_issue19() {
        Date before = Date.from(JAN.minusSeconds(86_400));
        stored.insertOne(new Document("_id", OWNER)
                .append("estateId", "maple")
                .append("unitId", "1-101")
                .append(
                        "tickets",
                        new Document(
                                CallerIndex.fieldOf("T-0"),
                                new Document("ticketId", "T-0")
                                        .append("kind", "COMPLAINT")
                                        .append("status", "OPEN")
                                        .append("openedAt", before)
                                        .append("updatedAt", before)
                                        .append("callerName", "sealed-name")
                                        .append("callerIndex", "index"))));
        db.getCollection(OwnerTickets.TICKET_OWNERS).insertOne(new Document("_id", "T-0").append("ownerId", OWNER));

        tickets.apply(opened("T-1", FEB));
        tickets.apply(new TicketClosed("T-0", "done", FEB.plusSeconds(60)));

        assertThat(tickets.of(OWNER))
                .extracting(OwnerTickets.Row::ticketId, OwnerTickets.Row::status)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("T-1", TicketStatus.OPEN),
                        org.assertj.core.groups.Tuple.tuple("T-0", TicketStatus.CLOSED));
    }

    @Test
    void forgettingAnOwnerStripsTheCallerFromEveryMonthAndKeepsTheTickets() {
        tickets.apply(opened("T-1", JAN));
        tickets.apply(opened("T-2", FEB));

        assertThat(tickets.forget(OWNER)).isEqualTo(2);

        assertThat(tickets.of(OWNER)).hasSize(2).allSatisfy(row -> {
            assertThat(row.sealedCallerName()).isNull();
            assertThat(row.callerIndex()).isNull();
        });
        for (Document doc : stored.find()) {
            assertThat(doc.toJson()).doesNotContain("callerName").doesNotContain("callerIndex");
        }
    }
}
