package io.propdesk.contracts.callback;

import io.propdesk.contracts.PublicEvent;
import java.time.Instant;

/** The ticket was reopened (R5, C2): its follow-up runs again, with new reply windows, sign-off and callback. */
public record FollowUpReopened(String ticketId, Instant reopenedAt) implements PublicEvent {}
