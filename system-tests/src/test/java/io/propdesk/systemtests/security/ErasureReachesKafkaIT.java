package io.propdesk.systemtests.security;

import static io.propdesk.systemtests.Answers.eventually;
import static io.propdesk.systemtests.Answers.expect;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.propdesk.contracts.Topics;
import io.propdesk.standalone.Options;
import io.propdesk.standalone.PropDeskStandalone;
import io.propdesk.standalone.Running;
import io.propdesk.standalone.ServiceClient;
import io.propdesk.standalone.ServiceClient.Reply;
import io.propdesk.systemtests.reliability.EffectCheck;
import io.propdesk.ticket.integration.CallCenterListener;
import io.propdesk.ticket.privacy.PersonalData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15 item 2: the call center's calls carry the caller's name and phone in the clear, so erasure
 * ({@code DELETE /api/owners/{id}/personal-data}) reaches them only by time: the inbound topic and the dead-letter
 * topics keep records for a bounded retention, and a dead-letter copy of a call has no caller at all. Beside
 * {@link PersonalDataIT}, on a system of its own: the retention here is seconds (and the broker checks it every half
 * second, with small segments deleted at once), which PersonalDataIT's calls must not race against.
 */
class ErasureReachesKafkaIT {

    private static final String ESTATE = "retention-court";
    private static final Duration RETENTION = Duration.ofSeconds(8);

    @TempDir
    static Path dataDir;

    private static Running system;
    private static ServiceClient api;

    @BeforeAll
    static void startTheSystem() {
        system = PropDeskStandalone.start(Options.randomPorts(dataDir)
                .serviceArg("--propdesk.kafka.inbound-retention=" + RETENTION.toMillis() + "ms")
                .serviceArg("--propdesk.kafka.dead-letter-retention=" + RETENTION.toMillis() + "ms")
                .kafkaProperty("log.retention.check.interval.ms", "500")
                .kafkaProperty("log.segment.bytes", "65536")
                .kafkaProperty("log.segment.delete.delay.ms", "0"));
        api = ServiceClient.of(system);
        expect(api.put("ticket", "/api/estates/" + ESTATE, """
                {"name":"Retention Court","timeZone":"Asia/Shanghai","areas":[{"areaId":"a","name":"A"}],
                 "buildings":[{"buildingId":"b","areaId":"a","stewardId":"steward-r","units":["u-1"]}]}"""), 200);
    }

    @AfterAll
    static void stopTheSystem() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void afterErasureAndTheRetentionNoPlaintextOfThePersonIsInAnyTopicOrDatabaseFile_issue15_item2() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        String name = "Qian Retained " + run;
        String phone = "137" + String.format("%08d", Math.abs(run.hashCode() % 100_000_000L));
        String callId = "retention-" + run;
        CallCenterCalls.publishWithAMisdirectedCopy(system.kafkaBootstrapServers(), ESTATE, callId, "u-1", name, phone);
        // the REST door too: the person reaches the service in the clear by both
        expect(api.post("ticket", "/api/tickets", """
                {"callId":"%s-rest","estateId":"%s","unitId":"u-1","kind":"REPAIR","paid":false,"description":"Tap",
                 "callerName":"%s","callerPhone":"%s","acceptor":"desk-chen"}""".formatted(callId, ESTATE, name, phone)), 201);
        String ticketId = "T-" + UUID.nameUUIDFromBytes(("call:" + callId).getBytes(StandardCharsets.UTF_8));
        Reply ticket = eventually(r -> r.status() == 200, () -> api.get("ticket", "/api/tickets/" + ticketId));
        assertThat(ticket.get("callerName").asText()).isEqualTo(name);
        String dlt = Topics.deadLetter(Topics.CALLCENTER_CALLS, CallCenterListener.GROUP);
        List<ConsumerRecord<String, byte[]>> dead = new ArrayList<>();
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            dead.clear();
            EffectCheck.readAll(system.kafkaBootstrapServers(), dlt).stream()
                    .filter(r -> (callId + "-bad").equals(r.key()))
                    .forEach(dead::add);
            return !dead.isEmpty();
        });
        // the dead-letter copy has the call, not the caller
        assertThat(new String(dead.get(0).value(), StandardCharsets.UTF_8))
                .contains(callId + "-bad")
                .doesNotContain(name)
                .doesNotContain(phone)
                .doesNotContain("callerName");
        // the scan below can find the person: the inbound topic holds them in the clear until its retention passes
        assertThat(filesHolding(system.kafkaDir(), name))
                .as("plaintext on the inbound topic before the retention")
                .isNotEmpty();

        String ownerId = ticket.get("ownerId").asText();
        expect(api.as("admin").delete("ticket", "/api/owners/" + ownerId + "/personal-data"), 200);
        assertThat(api.get("ticket", "/api/tickets/" + ticketId)
                        .get("callerName")
                        .asText())
                .isEqualTo(PersonalData.ERASED);

        await().atMost(RETENTION.plusSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    assertThat(filesHolding(dataDir, name))
                            .as("files under " + dataDir + " holding the name")
                            .isEmpty();
                    assertThat(filesHolding(dataDir, phone))
                            .as("files under " + dataDir + " holding the phone")
                            .isEmpty();
                });
        // what was scanned: the broker's topic logs and the database file
        assertThat(system.kafkaDir().resolve(Topics.CALLCENTER_CALLS + "-0")).isDirectory();
        assertThat(system.mongoFile()).isRegularFile();
        // the event topics keep everything: the ticket's history is still there, sealed
        assertThat(EffectCheck.readAll(system.kafkaBootstrapServers(), Topics.TICKET_EVENTS))
                .anyMatch(r -> ticketId.equals(r.key()));
    }

    /** Every regular file under {@code root} whose bytes contain {@code text} in UTF-8. */
    private static List<Path> filesHolding(Path root, String text) {
        byte[] needle = text.getBytes(StandardCharsets.UTF_8);
        List<Path> holding = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                try {
                    if (contains(Files.readAllBytes(file), needle)) {
                        holding.add(file);
                    }
                } catch (NoSuchFileException deletedMeanwhile) {
                    // a segment the broker deleted while we walked
                }
            }
        } catch (UncheckedIOException e) {
            if (!(e.getCause() instanceof NoSuchFileException)) {
                throw e;
            }
            return filesHolding(root, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return holding;
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
