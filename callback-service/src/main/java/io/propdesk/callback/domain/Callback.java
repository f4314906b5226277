package io.propdesk.callback.domain;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.propdesk.contracts.CallerRole;
import io.propdesk.contracts.callback.CallbackCompleted;
import io.propdesk.contracts.callback.CallbackScheduled;
import io.propdesk.platform.domain.RuleViolationException;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/** A callback to the owner (R5, H5, C2): scheduled, attempted any number of times, completed once. */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY)
final class Callback {

    private String id;
    private String orderId;
    // sorted, also when restored from a snapshot
    private TreeSet<CallerRole> allowedRoles = new TreeSet<>();
    private Instant scheduledAt;
    private Instant dueAt;
    private boolean completed;
    private int attempts;
    private Instant completedAt;
    private String callerId;
    private CallerRole callerRole;
    private Boolean satisfied;
    private Integer rating;
    private String comment;
    /** Issue 16 §4: the calls dialled for it that ended, when one reached the owner, and the last one. */
    private LinkedHashSet<String> callIds = new LinkedHashSet<>();

    private Instant reachedAt;
    private String lastCallId;

    /** C2 was checked when a call was dialled; a dialled attempt is recorded under the least senior rank allowed. */
    private static final List<CallerRole> BY_SENIORITY =
            List.of(CallerRole.DUTY_STAFF, CallerRole.TEAM_LEADER, CallerRole.SUPERVISOR, CallerRole.MANAGER);

    Callback() {}

    Callback(CallbackScheduled e) {
        id = e.callbackId();
        orderId = e.orderId();
        allowedRoles = new TreeSet<>(e.allowedRoles());
        scheduledAt = e.scheduledAt();
        dueAt = e.dueAt();
    }

    /** C2: a MAJOR complaint's owner is called back by a manager, supervisor or team leader only. */
    void checkRank(CallerRole role) {
        if (!allowedRoles.contains(role)) {
            throw new RuleViolationException(
                    "C2",
                    "callback " + id + " is on a MAJOR complaint: a manager, "
                            + "supervisor or team leader calls the owner back, not " + role);
        }
    }

    void attempted() {
        attempts++;
    }

    void called(String callId, boolean answered, Instant at) {
        callIds.add(callId);
        lastCallId = callId;
        if (answered && reachedAt == null) {
            reachedAt = at;
        }
    }

    boolean madeCall(String callId) {
        return callIds.contains(callId);
    }

    CallerRole leastSeniorRole() {
        return BY_SENIORITY.stream().filter(allowedRoles::contains).findFirst().orElse(CallerRole.DUTY_STAFF);
    }

    Instant reachedAt() {
        return reachedAt;
    }

    String lastCallId() {
        return lastCallId;
    }

    void completed(CallbackCompleted e) {
        completed = true;
        completedAt = e.completedAt();
        callerId = e.callerId();
        callerRole = e.callerRole();
        satisfied = e.satisfied();
        comment = e.comment();
    }

    void rated(int rating) {
        this.rating = rating;
    }

    void reschedule(Instant newDueAt) {
        dueAt = newDueAt;
    }

    String id() {
        return id;
    }

    String orderId() {
        return orderId;
    }

    Set<CallerRole> allowedRoles() {
        return allowedRoles;
    }

    Instant scheduledAt() {
        return scheduledAt;
    }

    Instant dueAt() {
        return dueAt;
    }

    boolean isCompleted() {
        return completed;
    }

    int attempts() {
        return attempts;
    }

    Instant completedAt() {
        return completedAt;
    }

    String callerId() {
        return callerId;
    }

    CallerRole callerRole() {
        return callerRole;
    }

    Boolean satisfied() {
        return satisfied;
    }

    Integer rating() {
        return rating;
    }

    String comment() {
        return comment;
    }

    // The fixture compares live state with state sourced from the events.
    @Override
    public boolean equals(Object other) {
        return other instanceof Callback that
                && Objects.equals(id, that.id)
                && Objects.equals(orderId, that.orderId)
                && Objects.equals(allowedRoles, that.allowedRoles)
                && Objects.equals(scheduledAt, that.scheduledAt)
                && Objects.equals(dueAt, that.dueAt)
                && completed == that.completed
                && attempts == that.attempts
                && Objects.equals(completedAt, that.completedAt)
                && Objects.equals(callerId, that.callerId)
                && callerRole == that.callerRole
                && Objects.equals(satisfied, that.satisfied)
                && Objects.equals(rating, that.rating)
                && Objects.equals(comment, that.comment)
                && Objects.equals(callIds, that.callIds)
                && Objects.equals(reachedAt, that.reachedAt)
                && Objects.equals(lastCallId, that.lastCallId);
    }

    @Override
    public int hashCode() {
        return Objects.hash(
                id,
                orderId,
                allowedRoles,
                scheduledAt,
                dueAt,
                completed,
                attempts,
                completedAt,
                callerId,
                callerRole,
                satisfied,
                rating,
                comment,
                callIds,
                reachedAt,
                lastCallId);
    }
}
