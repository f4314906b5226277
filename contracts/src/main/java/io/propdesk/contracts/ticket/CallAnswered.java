package io.propdesk.contracts.ticket;

import io.propdesk.contracts.Nullable;
import io.propdesk.contracts.PublicEvent;
import java.time.Instant;
import java.util.List;

/**
 * Someone took the call ({@code answer}). It may arrive after the call's {@link CallEnded}: a late answer turns a call
 * that looked missed into an answered one (M1).
 *
 * @param users           the agent(s) who took it
 * @param answeringNumber the extension that took it (a desk's line, not personal data)
 */
public record CallAnswered(
        String callId,
        CallDirection direction,
        List<String> users,
        @Nullable String answeringNumber,
        @Nullable String estateId,
        @Nullable String callbackId,
        Instant answeredAt)
        implements PublicEvent {

    public CallAnswered {
        users = users == null ? List.of() : List.copyOf(users);
    }

    @Override
    public String ticketId() {
        return null;
    }

    @Override
    public String subject() {
        return callId;
    }
}
