package io.propdesk.ticket.integration;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.propdesk.contracts.TicketKind;
import io.propdesk.contracts.Topics;
import io.propdesk.contracts.callcenter.CallRegistered;
import io.propdesk.contracts.cloudevents.CloudEventCodec;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Issue 15 item 2: a dead-letter copy of a call keeps the call and loses the caller. */
class CallScrubberTest {

    private final CallScrubber scrubber = new CallScrubber();

    @Test
    void aDeadLetteredCallKeepsEverythingButTheCallersNameAndPhone_issue15_item2() throws Exception {
        CallRegistered call = new CallRegistered(
                "c-1",
                "e",
                "u",
                TicketKind.REPAIR,
                true,
                null,
                "Leak",
                "Zhou Caller",
                "13944444444",
                "desk",
                Instant.parse("2026-12-01T08:00:00Z"),
                null);

        byte[] scrubbed = scrubber.scrub(CloudEventCodec.toJson(call));

        assertThat(scrubber.topic()).isEqualTo(Topics.CALLCENTER_CALLS);
        String text = new String(scrubbed, StandardCharsets.UTF_8);
        assertThat(text).doesNotContain("Zhou Caller").doesNotContain("13944444444");
        JsonNode copy = CloudEventCodec.mapper().readTree(scrubbed);
        assertThat(copy.has("callerName")).isFalse();
        assertThat(copy.has("callerPhone")).isFalse();
        assertThat(copy.get("callId").asText()).isEqualTo("c-1");
        assertThat(copy.get("unitId").asText()).isEqualTo("u");
        assertThat(copy.get("description").asText()).isEqualTo("Leak");
    }

    @Test
    void aValueThatIsNoJsonObjectIsDroppedWholeRatherThanCopied_issue15_item2() {
        assertThat(scrubber.scrub("Zhou Caller 13944444444 {".getBytes(StandardCharsets.UTF_8)))
                .isEmpty();
        assertThat(scrubber.scrub("[\"Zhou Caller\"]".getBytes(StandardCharsets.UTF_8)))
                .isEmpty();
        assertThat(scrubber.scrub(new byte[0])).isEmpty();
    }
}
