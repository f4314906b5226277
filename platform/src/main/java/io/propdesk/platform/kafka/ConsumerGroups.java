package io.propdesk.platform.kafka;

import java.util.regex.Pattern;

/**
 * The one naming rule of consumer groups (issue 14 item 7): {@code <service>.<purpose>}, the service being its
 * {@code spring.application.name} and the purpose a lower-case word or hyphenated words saying what the listener does
 * ({@code ticket-service.call-intake}, {@code dispatch-service.order-list}). The group is part of every dead-letter
 * topic's name ({@code <topic>.<group>.dlt}), so operators read it. A deployment's
 * {@code propdesk.kafka.group-prefix} goes in front of the whole name at run time.
 */
public final class ConsumerGroups {

    private static final Pattern PURPOSE = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");

    private ConsumerGroups() {
    }

    /** Whether {@code group} is {@code <service>.<purpose>}. */
    public static boolean followsRule(String service, String group) {
        String start = service + ".";
        return group.startsWith(start) && PURPOSE.matcher(group.substring(start.length())).matches();
    }

    /** Refuses, at start-up, a listener whose group does not follow the rule. */
    public static void requireRule(String service, String group) {
        if (service == null || !followsRule(service, group)) {
            throw new IllegalStateException("consumer group '" + group + "' does not follow the rule <service>.<purpose>"
                    + " with service '" + service + "' (spring.application.name) and a lower-case hyphenated purpose");
        }
    }
}
