package io.propdesk.callback;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The SLA tunables of the follow-up desk ({@code propdesk.callback.*}).
 *
 * @param replyEvery  R4: how often the steward replies while a repair or complaint is open (default 4 hours)
 * @param replyClock  R4: whether that time counts only within the estate's working hours (the default) or wall-clock
 * @param callbackDue R5, H5, C2: a callback is due by the end of the next working day (default) or the same one
 * @param missedCallWindow   M1: a missed call is returned within this much working time (default 30 minutes)
 * @param missedCallAttempts M1: this many unanswered return calls close a missed call as unreachable (default 3)
 * @param estates     per-estate overrides of the reply rule and the missed-call window, keyed by estate id
 */
@ConfigurationProperties("propdesk.callback")
public record CallbackProperties(
        @DefaultValue("4h") Duration replyEvery,
        @DefaultValue("WORKING_HOURS") ReplyClock replyClock,
        @DefaultValue("NEXT_WORKING_DAY") CallbackDue callbackDue,
        @DefaultValue("30m") Duration missedCallWindow,
        @DefaultValue("3") int missedCallAttempts,
        Map<String, EstateRules> estates) {

    @ConstructorBinding
    public CallbackProperties {
        estates = estates == null ? Map.of() : Map.copyOf(estates);
        missedCallWindow = missedCallWindow == null ? Duration.ofMinutes(30) : missedCallWindow;
        if (missedCallAttempts < 1) {
            throw new IllegalArgumentException("propdesk.callback.missed-call-attempts must be at least 1");
        }
    }

    /** The SLA tunables with the missed-call rule (M1) at its defaults. */
    public CallbackProperties(
            Duration replyEvery, ReplyClock replyClock, CallbackDue callbackDue, Map<String, EstateRules> estates) {
        this(replyEvery, replyClock, callbackDue, Duration.ofMinutes(30), 3, estates);
    }

    public static CallbackProperties defaults() {
        return new CallbackProperties(
                Duration.ofHours(4), ReplyClock.WORKING_HOURS, CallbackDue.NEXT_WORKING_DAY, Map.of());
    }

    /** An estate's own reply rule and missed-call window (M1); a null field keeps the service-wide value. */
    public record EstateRules(Duration replyEvery, ReplyClock replyClock, Duration missedCallWindow) {

        @ConstructorBinding
        public EstateRules {}

        public EstateRules(Duration replyEvery, ReplyClock replyClock) {
            this(replyEvery, replyClock, null);
        }
    }

    public enum ReplyClock {
        /** Only the estate's working hours count: a window opened at 16:30 runs on next morning (R4). */
        WORKING_HOURS,
        /** Every hour counts, day and night. */
        WALL_CLOCK
    }

    public enum CallbackDue {
        SAME_WORKING_DAY,
        NEXT_WORKING_DAY
    }

    public Duration replyEvery(String estateId) {
        EstateRules rules = estates.get(estateId);
        return rules != null && rules.replyEvery() != null ? rules.replyEvery() : replyEvery;
    }

    /** M1: the working time within which the estate's missed calls are returned. */
    public Duration missedCallWindow(String estateId) {
        EstateRules rules = estateId == null ? null : estates.get(estateId);
        return rules != null && rules.missedCallWindow() != null ? rules.missedCallWindow() : missedCallWindow;
    }

    public ReplyClock replyClock(String estateId) {
        EstateRules rules = estates.get(estateId);
        return rules != null && rules.replyClock() != null ? rules.replyClock() : replyClock;
    }
}
