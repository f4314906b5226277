package io.propdesk.systemtests.faults;

import static org.assertj.core.api.Assertions.assertThat;

import io.propdesk.standalone.Options;
import io.propdesk.standalone.PropDeskStandalone;
import io.propdesk.standalone.Running;
import io.propdesk.systemtests.reliability.FaultRuns;
import io.propdesk.systemtests.reliability.FaultRuns.Row;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 6, item 2: each fault injected while repair tickets flow through all four services, each ending with the
 * same check — every ticket CLOSED, no order, charge, callback or breach twice (effects counted by their own ids
 * on the topics; a re-delivered ce_id is not a duplicate), and no 5xx. One standalone system for the class; the
 * faults run one after another on it, tens of tickets each (the large numbers come from ReliabilityRun).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultsIT {

    private static final int TICKETS = 12;

    @TempDir
    static Path dataDir;

    static Running system;

    static FaultRuns faults;

    @BeforeAll
    static void start() {
        system = PropDeskStandalone.start(Options.randomPorts(dataDir));
        assertThat(system.awaitHealthy(Duration.ofSeconds(90))).isTrue();
        faults = new FaultRuns(system, "it-" + System.currentTimeMillis(), 6);
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    private static void assertClean(Row row) {
        report(row);
        assertThat(row.notes()).as(row.kind()).allSatisfy(n -> assertThat(n).doesNotContain("did not close"));
        assertThat(row.lost()).as(row.kind() + ": lost " + row.notes()).isZero();
        assertThat(row.duplicated())
                .as(row.kind() + ": duplicated " + row.notes())
                .isZero();
        assertThat(row.fiveXx()).as(row.kind() + ": 5xx " + row.notes()).isZero();
    }

    /** The figures of each fault in the test output, as ReliabilityRun prints them. */
    private static void report(Row row) {
        System.out.printf(
                "FAULT %s: tickets %d, faults %d, lost %d, duplicated %d, 5xx %d%n",
                row.kind(), row.tickets(), row.faults(), row.lost(), row.duplicated(), row.fiveXx());
        row.notes().forEach(n -> System.out.println("  " + n));
    }

    @Test
    @Order(1)
    void poisonRecordsOnEveryInboundTopicLandInEachConsumingGroupsDeadLetterTopicAndEverythingElseFlows() {
        Row row = faults.poison(TICKETS);
        assertClean(row);
        assertThat(row.notes()).anySatisfy(n -> assertThat(n).contains("0 missing from a DLT"));
    }

    @Test
    @Order(2)
    void aReadModelRebuiltFromItsTopicGivesIdenticalDocuments() {
        Row row = faults.rebuild(TICKETS);
        assertClean(row);
        assertThat(row.notes()).anySatisfy(n -> assertThat(n).contains(" 0 differing"));
    }

    @Test
    @Order(3)
    void theKafkaBrokerRestartedMidFlowLosesAndDuplicatesNothing() {
        assertClean(faults.brokerRestarts(TICKETS));
    }

    @Test
    @Order(4)
    void eachServiceStoppedAbruptlyMidFlowAndRestartedLosesAndDuplicatesNothing() {
        Row row = faults.serviceStops(TICKETS);
        report(row);
        assertThat(row.lost()).as(row.notes().toString()).isZero();
        assertThat(row.duplicated()).as(row.notes().toString()).isZero();
    }

    @Test
    @Order(5)
    void twoDispatchInstancesInOneGroupSplitTheWorkDispatchEachTicketOnceAndTheSurvivorTakesOver() {
        assertClean(faults.twoDispatchers(TICKETS));
    }

    @Test
    @Order(6)
    void hostileAndMalformedInputOnEveryPostAndPutEndpointIsAnswered4xxAndStoresNothing() {
        assertClean(faults.hostile(TICKETS, 12, 20261127L));
    }
}
