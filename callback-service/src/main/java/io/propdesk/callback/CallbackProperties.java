package io.propdesk.callback;

import io.propdesk.contracts.SlaRule;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Stream;
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
 * @param atRiskBefore       W1: an open obligation is at risk this long before it is due, wall-clock (default 30
 *                           minutes; zero: no warnings)
 * @param atRiskBeforeByRule W1: the warning time of one rule, e.g. {@code R4: 1h}, over {@code atRiskBefore}
 * @param estates     per-estate overrides of the reply rule, the missed-call window and the warning time, keyed by
 *                    estate id
 */
@ConfigurationProperties("propdesk.callback")
public record CallbackProperties(
        @DefaultValue("4h") Duration replyEvery,
        @DefaultValue("WORKING_HOURS") ReplyClock replyClock,
        @DefaultValue("NEXT_WORKING_DAY") CallbackDue callbackDue,
        @DefaultValue("30m") Duration missedCallWindow,
        @DefaultValue("3") int missedCallAttempts,
        @DefaultValue("30m") Duration atRiskBefore,
        Map<SlaRule, Duration> atRiskBeforeByRule,
        Map<String, EstateRules> estates) {

    /** W1: the warning time when none is configured. */
    public static final Duration DEFAULT_AT_RISK_BEFORE = Duration.ofMinutes(30);

    @ConstructorBinding
    public CallbackProperties {
        estates = estates == null ? Map.of() : Map.copyOf(estates);
        missedCallWindow = missedCallWindow == null ? Duration.ofMinutes(30) : missedCallWindow;
        if (missedCallAttempts < 1) {
            throw new IllegalArgumentException("propdesk.callback.missed-call-attempts must be at least 1");
        }
        atRiskBefore = atRiskBefore == null ? DEFAULT_AT_RISK_BEFORE : atRiskBefore;
        atRiskBeforeByRule = byRule(atRiskBeforeByRule, "propdesk.callback.at-risk-before-by-rule");
        checkWarning(atRiskBefore, "propdesk.callback.at-risk-before");
        estates.forEach((estateId, rules) ->
                checkWarning(rules.atRiskBefore(), "propdesk.callback.estates." + estateId + ".at-risk-before"));
    }

    /** The SLA tunables with the missed-call rule (M1) and the warning time (W1) at their defaults. */
    public CallbackProperties(
            Duration replyEvery, ReplyClock replyClock, CallbackDue callbackDue, Map<String, EstateRules> estates) {
        this(replyEvery, replyClock, callbackDue, Duration.ofMinutes(30), 3, DEFAULT_AT_RISK_BEFORE, Map.of(), estates);
    }

    private static Map<SlaRule, Duration> byRule(Map<SlaRule, Duration> warnings, String property) {
        if (warnings == null || warnings.isEmpty()) {
            return Map.of();
        }
        warnings.forEach((rule, warning) -> checkWarning(warning, property + "." + rule));
        return Map.copyOf(new EnumMap<>(warnings));
    }

    private static void checkWarning(Duration warning, String property) {
        if (warning != null && warning.isNegative()) {
            throw new IllegalArgumentException(property + " must not be negative, not " + warning);
        }
    }

    public static CallbackProperties defaults() {
        return new CallbackProperties(
                Duration.ofHours(4), ReplyClock.WORKING_HOURS, CallbackDue.NEXT_WORKING_DAY, Map.of());
    }

    /**
     * An estate's own reply rule, missed-call window (M1) and warning time (W1, what HC calls the estate's warning
     * time); a null field keeps the service-wide value.
     */
    public record EstateRules(
            Duration replyEvery,
            ReplyClock replyClock,
            Duration missedCallWindow,
            Duration atRiskBefore,
            Map<SlaRule, Duration> atRiskBeforeByRule) {

        @ConstructorBinding
        public EstateRules {
            atRiskBeforeByRule = byRule(atRiskBeforeByRule, "propdesk.callback.estates.*.at-risk-before-by-rule");
        }

        public EstateRules(Duration replyEvery, ReplyClock replyClock, Duration missedCallWindow) {
            this(replyEvery, replyClock, missedCallWindow, null, Map.of());
        }

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

    /** W1: the longest warning time any rule of any estate has, so a reader can bound what it looks at. */
    public Duration longestAtRiskBefore() {
        Stream<Duration> estateWide = estates.values().stream()
                .flatMap(r ->
                        Stream.concat(Stream.ofNullable(r.atRiskBefore()), r.atRiskBeforeByRule().values().stream()));
        return Stream.concat(Stream.concat(Stream.of(atRiskBefore), atRiskBeforeByRule.values().stream()), estateWide)
                .max(Duration::compareTo)
                .orElse(atRiskBefore);
    }

    /**
     * W1: how long before its due time an obligation of the rule in the estate is at risk. The most specific setting
     * wins: the estate's for the rule, the estate's own, the service's for the rule, the service's.
     */
    public Duration atRiskBefore(String estateId, SlaRule rule) {
        EstateRules rules = estateId == null ? null : estates.get(estateId);
        if (rules != null && rules.atRiskBeforeByRule().containsKey(rule)) {
            return rules.atRiskBeforeByRule().get(rule);
        }
        if (rules != null && rules.atRiskBefore() != null) {
            return rules.atRiskBefore();
        }
        return atRiskBeforeByRule.getOrDefault(rule, atRiskBefore);
    }

    public ReplyClock replyClock(String estateId) {
        EstateRules rules = estates.get(estateId);
        return rules != null && rules.replyClock() != null ? rules.replyClock() : replyClock;
    }
}
