package io.propdesk.examples.ami;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The bridge's settings: each {@code --name=value} argument, else the environment variable, else the default. */
record BridgeOptions(
        String amiHost,
        int amiPort,
        String amiUser,
        String amiSecret,
        CallTracker.Dialplan dialplan,
        CtiSender.Delivery delivery) {

    static final String HELP = """
            Asterisk AMI bridge: follows an Asterisk PBX over its Manager Interface and posts each customer call's
            newCall, answer and hangup to PropDesk's POST /api/cti/events (Zammad generic-CTI fields).

            Usage: java -cp "$(cat target/classpath.txt):target/classes" io.propdesk.examples.ami.AmiBridge [--name=value ...]
            Every option may be given as the environment variable in brackets instead; prefer the environment for secrets.

            Asterisk (a manager.conf user with at least "read = call"):
              --ami-host=HOST              [AMI_HOST]         default localhost
              --ami-port=PORT              [AMI_PORT]         default 5038
              --ami-user=NAME              [AMI_USER]         required
              --ami-secret=SECRET          [AMI_SECRET]       required

            PropDesk (ticket-service) and how to prove who we are, either Basic or a signature:
              --propdesk-url=URL           [PROPDESK_URL]     default http://localhost:8081 (/api/cti/events is added)
              --user=NAME                  [PROPDESK_USER]    a user with the INTEGRATION role (demo: callcenter)
              --password=PASSWORD          [PROPDESK_PASSWORD]
              --webhook-secret=whsec_...   [PROPDESK_WEBHOOK_SECRET] sign each request (Standard Webhooks) instead
              --max-attempts=N             [CTI_MAX_ATTEMPTS] tries per event on 5xx, 429 or I/O errors, default 8
              --first-pause-ms=MS          [CTI_FIRST_PAUSE_MS] pause before the first retry, doubling, default 500
              --max-pause-ms=MS            [CTI_MAX_PAUSE_MS] longest pause between tries, default 30000

            Which calls are customer calls, and their direction:
              --trunks=P1,P2               [AMI_TRUNKS]       channel name prefixes of trunks: a call starting on one
                                                              is inbound; default PJSIP/trunk,SIP/trunk
              --inbound-contexts=C1,C2     [AMI_INBOUND_CONTEXTS] dialplan contexts where outside calls arrive; a call
                                                              starting in one is inbound; default from-trunk,from-pstn
              --extension-pattern=REGEX    [AMI_EXTENSION_PATTERN] the agents' extensions; default [0-9]{2,5}
              --external-pattern=REGEX     [AMI_EXTERNAL_PATTERN] outside numbers; an extension dialling one is an
                                                              outbound call; default \\+?[0-9]{6,}
            Other calls (extension to extension, feature codes) are not followed.

              --help                       this text
            """;

    /** Each option and the environment variable that stands in for it. */
    private static final Map<String, String> VARIABLES = Map.ofEntries(
            Map.entry("ami-host", "AMI_HOST"),
            Map.entry("ami-port", "AMI_PORT"),
            Map.entry("ami-user", "AMI_USER"),
            Map.entry("ami-secret", "AMI_SECRET"),
            Map.entry("propdesk-url", "PROPDESK_URL"),
            Map.entry("user", "PROPDESK_USER"),
            Map.entry("password", "PROPDESK_PASSWORD"),
            Map.entry("webhook-secret", "PROPDESK_WEBHOOK_SECRET"),
            Map.entry("max-attempts", "CTI_MAX_ATTEMPTS"),
            Map.entry("first-pause-ms", "CTI_FIRST_PAUSE_MS"),
            Map.entry("max-pause-ms", "CTI_MAX_PAUSE_MS"),
            Map.entry("trunks", "AMI_TRUNKS"),
            Map.entry("inbound-contexts", "AMI_INBOUND_CONTEXTS"),
            Map.entry("extension-pattern", "AMI_EXTENSION_PATTERN"),
            Map.entry("external-pattern", "AMI_EXTERNAL_PATTERN"));

    /** The environment variable that stands in for an option, for the help text's test. */
    static String variableOf(String option) {
        return VARIABLES.get(option);
    }

    static boolean wantsHelp(String[] args) {
        return Arrays.asList(args).contains("--help") || Arrays.asList(args).contains("-h");
    }

    static BridgeOptions parse(String[] args, Map<String, String> environment, Clock clock) {
        Map<String, String> given = new HashMap<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            if (!arg.startsWith("--") || equals < 0) {
                throw new IllegalArgumentException("expected --name=value, got " + arg + " (see --help)");
            }
            String name = arg.substring(2, equals);
            if (!VARIABLES.containsKey(name)) {
                throw new IllegalArgumentException("unknown option --" + name + " (see --help)");
            }
            given.put(name, arg.substring(equals + 1));
        }
        Settings settings = new Settings(given, environment);
        String user = settings.get("user", null);
        String secret = settings.get("webhook-secret", null);
        if ((user == null) == (secret == null)) {
            throw new IllegalArgumentException("give either --user and --password or --webhook-secret (see --help)");
        }
        CtiAuth auth = secret != null
                ? CtiAuth.Signed.of(secret, clock)
                : new CtiAuth.Basic(user, settings.required("password"));
        String base = settings.get("propdesk-url", "http://localhost:8081");
        URI endpoint = URI.create(base.replaceAll("/+$", "") + "/api/cti/events");
        return new BridgeOptions(
                settings.get("ami-host", "localhost"),
                Integer.parseInt(settings.get("ami-port", "5038")),
                settings.required("ami-user"),
                settings.required("ami-secret"),
                new CallTracker.Dialplan(
                        settings.list("trunks", "PJSIP/trunk,SIP/trunk"),
                        Set.copyOf(settings.list("inbound-contexts", "from-trunk,from-pstn")),
                        Pattern.compile(settings.get("extension-pattern", "[0-9]{2,5}")),
                        Pattern.compile(settings.get("external-pattern", "\\+?[0-9]{6,}"))),
                new CtiSender.Delivery(
                        endpoint,
                        auth,
                        Integer.parseInt(settings.get("max-attempts", "8")),
                        Duration.ofMillis(Long.parseLong(settings.get("first-pause-ms", "500"))),
                        Duration.ofMillis(Long.parseLong(settings.get("max-pause-ms", "30000")))));
    }

    private record Settings(Map<String, String> given, Map<String, String> environment) {

        String get(String name, String fallback) {
            String value = given.get(name);
            if (value == null) {
                value = environment.get(variable(name));
            }
            return value == null || value.isBlank() ? fallback : value;
        }

        String required(String name) {
            String value = get(name, null);
            if (value == null) {
                throw new IllegalArgumentException(
                        "--" + name + " (or " + variable(name) + ") is required (see --help)");
            }
            return value;
        }

        List<String> list(String name, String fallback) {
            return Arrays.stream(get(name, fallback).split(","))
                    .map(String::trim)
                    .filter(item -> !item.isEmpty())
                    .collect(Collectors.toList());
        }

        private static String variable(String name) {
            return VARIABLES.get(name);
        }
    }
}
