package io.propdesk.callback;

import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The SLA tunables of the follow-up desk ({@code propdesk.callback.*}).
 *
 * @param replyEvery  R4: how often the steward replies while a repair or complaint is open (default 4 hours)
 * @param replyClock  R4: whether that time counts only within the estate's working hours (the default) or wall-clock
 * @param callbackDue R5, H5, C2: a callback is due by the end of the next working day (default) or the same one
 * @param estates     per-estate overrides of the reply rule, keyed by estate id
 */
@ConfigurationProperties("propdesk.callback")
public record CallbackProperties(
        @DefaultValue("4h") Duration replyEvery,
        @DefaultValue("WORKING_HOURS") ReplyClock replyClock,
        @DefaultValue("NEXT_WORKING_DAY") CallbackDue callbackDue,
        Map<String, EstateRules> estates) {

    public CallbackProperties {
        estates = estates == null ? Map.of() : Map.copyOf(estates);
    }

    public static CallbackProperties defaults() {
        return new CallbackProperties(
                Duration.ofHours(4), ReplyClock.WORKING_HOURS, CallbackDue.NEXT_WORKING_DAY, Map.of());
    }

    /** An estate's own reply rule; a null field keeps the service-wide value. */
    public record EstateRules(Duration replyEvery, ReplyClock replyClock) {}

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

    public ReplyClock replyClock(String estateId) {
        EstateRules rules = estates.get(estateId);
        return rules != null && rules.replyClock() != null ? rules.replyClock() : replyClock;
    }
}
