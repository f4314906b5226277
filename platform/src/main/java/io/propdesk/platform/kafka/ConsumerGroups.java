package io.propdesk.platform.kafka;

import java.util.regex.Pattern;

/**
 * The one naming rule of consumer groups: {@code <service>.<purpose>}, the service's name (as in
 * its {@code spring.application.name}, e.g. {@code ticket-service}) and a purpose saying what the listener does, each
 * a lower-case word or hyphenated words ({@code ticket-service.call-intake}, {@code dispatch-service.order-list}).
 * Services name their groups as constants, so tests, rebuilds and operators use the same names; the group is part of
 * every dead-letter topic's name ({@code <topic>.<group>.dlt}). A deployment's {@code propdesk.kafka.group-prefix}
 * goes in front of the whole name at run time and is not part of the rule.
 */
public final class ConsumerGroups {

    private static final String WORDS = "[a-z0-9]+(-[a-z0-9]+)*";
    private static final Pattern RULE = Pattern.compile(WORDS + "\\." + WORDS);

    private ConsumerGroups() {}

    /** Whether {@code group} is {@code <service>.<purpose>}. */
    public static boolean followsRule(String group) {
        return group != null && RULE.matcher(group).matches();
    }

    /** Refuses, at start-up, a listener whose group does not follow the rule. */
    public static void requireRule(String group) {
        if (!followsRule(group)) {
            throw new IllegalStateException(
                    "consumer group '" + group + "' does not follow the rule <service>.<purpose>"
                            + " (lower-case words, hyphenated, e.g. ticket-service.call-intake)");
        }
    }
}
