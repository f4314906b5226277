package io.propdesk.callback.calls;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoDatabase;
import io.propdesk.platform.testing.CountedCommands;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The missed calls' waiting times in MongoDB (M1), against the MongoDB-wire server, counted by write command: a document
 * exists exactly while a call may wait, and a call that never waited costs none (issue 19).
 */
class MissedCallDeadlinesIT {

    private static final Instant DUE = Instant.parse("2026-12-29T02:30:00Z");

    private final CountedCommands commands = new CountedCommands();
    private MongoDatabase database;
    private MissedCallDeadlines deadlines;

    @BeforeEach
    void setUp() {
        database = commands.database(
                "missed_call_deadlines_" + UUID.randomUUID().toString().substring(0, 8));
        deadlines = new MissedCallDeadlines(database);
        commands.reset();
    }

    @AfterEach
    void tearDown() {
        commands.close();
    }

    @Test
    void aCallThatWaitsForNothingAndHasNoDocumentCostsNoWrite_M1_issue19() {
        deadlines.put("CALL-1", null);

        assertThat(commands.writes()).isEmpty();
        assertThat(documents()).isEmpty();
    }

    @Test
    void aMarkedOrWaitingCallsDocumentIsRemovedOnceItWaitsForNothing_M1_issue19() {
        deadlines.mark("CALL-1");
        deadlines.put("CALL-1", null);
        deadlines.mark("CALL-2");
        deadlines.put("CALL-2", DUE);
        assertThat(documents()).containsExactly("CALL-2");
        assertThat(deadlines.dueBy(DUE)).containsExactly("CALL-2");

        deadlines.put("CALL-2", null);

        assertThat(documents()).isEmpty();
        assertThat(deadlines.dueBy(DUE)).isEmpty();
        assertThat(commands.writes())
                .containsOnly(
                        Map.entry(MissedCallDeadlines.COLLECTION + " update", 3L), // two marks, one replace
                        Map.entry(MissedCallDeadlines.COLLECTION + " delete", 2L));
    }

    @Test
    void aDocumentFromBeforeARestartIsReadAtStartAndRemovedWhenItsCallWaitsForNothing_M1_issue19() {
        deadlines.mark("CALL-1"); // crashed after its command: never put
        deadlines.mark("CALL-2");
        deadlines.put("CALL-2", DUE);

        MissedCallDeadlines restarted = new MissedCallDeadlines(database);
        assertThat(restarted.stored()).containsExactlyInAnyOrder("CALL-1", "CALL-2");
        restarted.put("CALL-1", null);
        restarted.put("CALL-2", null);

        assertThat(documents()).isEmpty();
    }

    private List<String> documents() {
        List<String> ids = new ArrayList<>();
        for (Document doc :
                database.getCollection(MissedCallDeadlines.COLLECTION).find()) {
            ids.add(doc.getString("_id"));
        }
        return ids;
    }
}
