package io.propdesk.dispatch.domain;

import java.time.Instant;

/** Internal: the order's complaint-book entry (R11); it clears the "late without explanation" flag. */
public record LateExplanationRecorded(String orderId, String reason, String explainedBy, Instant explainedAt) {}
