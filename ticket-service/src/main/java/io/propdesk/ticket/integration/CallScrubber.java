package io.propdesk.ticket.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.propdesk.contracts.Topics;
import io.propdesk.contracts.cloudevents.CloudEventCodec;
import io.propdesk.platform.kafka.DeadLetterScrubber;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * A call that goes to the dead-letter topic goes without the caller's name and phone: the call
 * center's record carries them in the clear, and a dead-letter copy must not keep them. The rest of the call stays,
 * so an operator can see what was wrong with it; a value that is not a JSON object cannot be told apart and is
 * dropped whole.
 */
@Component
public class CallScrubber implements DeadLetterScrubber {

    static final List<String> PERSONAL_FIELDS = List.of("callerName", "callerPhone");

    @Override
    public String topic() {
        return Topics.CALLCENTER_CALLS;
    }

    @Override
    public byte[] scrub(byte[] value) {
        try {
            JsonNode call = CloudEventCodec.mapper().readTree(value);
            if (!(call instanceof ObjectNode object)) {
                return new byte[0];
            }
            object.remove(PERSONAL_FIELDS);
            return CloudEventCodec.mapper().writeValueAsBytes(object);
        } catch (java.io.IOException | RuntimeException unreadable) {
            return new byte[0];
        }
    }
}
