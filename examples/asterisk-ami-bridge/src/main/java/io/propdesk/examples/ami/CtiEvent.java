package io.propdesk.examples.ami;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One event of Zammad's generic CTI, as PropDesk's {@code POST /api/cti/events} takes it: {@code newCall}, {@code
 * answer} or {@code hangup} of the call {@code callId}. Absent fields are left out of the JSON body.
 *
 * @param user the agents' names: for {@code direction=out} the one who called, for {@code in} the one who answered
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record CtiEvent(
        String event,
        String callId,
        String from,
        String to,
        String direction,
        List<String> user,
        String queue,
        String answeringNumber,
        String cause) {

    public static final String NEW_CALL = "newCall";
    public static final String ANSWER = "answer";
    public static final String HANGUP = "hangup";

    public CtiEvent {
        user = user == null ? List.of() : List.copyOf(user);
    }
}
