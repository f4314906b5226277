package io.propdesk.systemtests.deployment;

import static io.propdesk.systemtests.Answers.expect;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.propdesk.standalone.Options;
import io.propdesk.standalone.PropDeskStandalone;
import io.propdesk.standalone.Running;
import io.propdesk.standalone.ServiceClient;
import io.propdesk.standalone.ServiceEndpoint;
import io.propdesk.systemtests.scenario.Scenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.yaml.snakeyaml.Yaml;

/**
 * The production shape, checked here without Docker: docker-compose.yml wires each service to the compose Kafka and
 * MongoDB with healthchecks and start-up conditions, Prometheus scrapes every service, and every metric the Grafana
 * dashboard queries is one the services really export (compared with a live scrape of the four services).
 */
class DeploymentShapeIT {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern METRIC = Pattern.compile("\\b((?:propdesk|kafka)_[a-z0-9_]+)\\b");

    private static Running system;
    private static Map<String, Object> compose;

    @BeforeAll
    static void start() throws Exception {
        compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        system = PropDeskStandalone.start(Options.randomPorts(Files.createTempDirectory("propdesk-shape")));
    }

    @AfterAll
    static void stop() {
        if (system != null) {
            system.close();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(String name) {
        Map<String, Object> services = (Map<String, Object>) compose.get("services");
        assertThat(services).containsKey(name);
        return (Map<String, Object>) services.get(name);
    }

    @SuppressWarnings("unchecked")
    @ParameterizedTest(name = "{0}")
    @CsvSource({"ticket-service,8081", "dispatch-service,8082", "callback-service,8083", "billing-service,8084"})
    void eachServiceIsBuiltFromThisRepositoryAndPointedAtTheComposeKafkaAndMongo(String name, int port) {
        Map<String, Object> s = service(name);
        Map<String, Object> build = (Map<String, Object>) s.get("build");
        assertThat(build).containsEntry("context", ".").containsEntry("dockerfile", "deploy/Dockerfile");
        assertThat((Map<String, Object>) build.get("args")).containsEntry("SERVICE", name);
        assertThat((List<String>) s.get("ports")).containsExactly(port + ":" + port);

        Map<String, Object> env = (Map<String, Object>) s.get("environment");
        assertThat(env).containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka:9092").containsEntry("PORT", port);
        assertThat((String) env.get("MONGODB_URI"))
                .startsWith("mongodb://")
                .contains("@mongodb:27017/")
                .contains("replicaSet=rs0");

        List<String> health = (List<String>) ((Map<String, Object>) s.get("healthcheck")).get("test");
        assertThat(String.join(" ", health)).contains("localhost:" + port + "/actuator/health/readiness");

        Map<String, Object> dependsOn = (Map<String, Object>) s.get("depends_on");
        assertThat(dependsOn).containsOnlyKeys("kafka", "mongodb");
        dependsOn
                .values()
                .forEach(condition ->
                        assertThat((Map<String, Object>) condition).containsEntry("condition", "service_healthy"));
    }

    /** Issue 17: the console is built from this repository too, and reaches the four services by their compose names. */
    @SuppressWarnings("unchecked")
    @Test
    void theConsoleIsBuiltFromThisRepositoryAndPointedAtTheFourServices_issue17() {
        Map<String, Object> console = service("console");
        Map<String, Object> build = (Map<String, Object>) console.get("build");
        assertThat(build).containsEntry("context", ".").containsEntry("dockerfile", "deploy/Dockerfile");
        assertThat((Map<String, Object>) build.get("args")).containsEntry("SERVICE", "console");
        assertThat((List<String>) console.get("ports")).containsExactly("8080:8080");
        assertThat((Map<String, Object>) console.get("environment"))
                .containsEntry("PORT", 8080)
                .containsEntry("PROPDESK_CONSOLE_TICKET_URL", "http://ticket-service:8081")
                .containsEntry("PROPDESK_CONSOLE_DISPATCH_URL", "http://dispatch-service:8082")
                .containsEntry("PROPDESK_CONSOLE_CALLBACK_URL", "http://callback-service:8083")
                .containsEntry("PROPDESK_CONSOLE_BILLING_URL", "http://billing-service:8084")
                // live updates: the console reads the topics itself, with the broker's SASL login like the services
                .containsEntry("PROPDESK_CONSOLE_KAFKA", "kafka:9092")
                .containsEntry("PROPDESK_CONSOLE_LIVE_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT")
                .containsKey("PROPDESK_CONSOLE_LIVE_KAFKA_SASL_JAAS_CONFIG")
                .doesNotContainKeys("MONGODB_URI", "KAFKA_BOOTSTRAP_SERVERS");
        List<String> health = (List<String>) ((Map<String, Object>) console.get("healthcheck")).get("test");
        assertThat(String.join(" ", health)).contains("localhost:8080/actuator/health/readiness");
        assertThat((Map<String, Object>) console.get("depends_on"))
                .containsOnlyKeys("ticket-service", "dispatch-service", "callback-service", "billing-service");
    }

    @SuppressWarnings("unchecked")
    @Test
    void kafkaRunsInKraftModeAndMongoIsASelfInitialisingReplicaSet() {
        Map<String, Object> kafka = service("kafka");
        assertThat((String) kafka.get("image")).startsWith("apache/kafka:");
        assertThat((Map<String, Object>) kafka.get("environment"))
                .containsEntry("KAFKA_PROCESS_ROLES", "broker,controller");
        assertThat(kafka).containsKey("healthcheck");

        Map<String, Object> mongo = service("mongodb");
        assertThat((String) mongo.get("image")).isEqualTo("mongo:7");
        assertThat((List<String>) mongo.get("command")).contains("--replSet", "rs0");
        assertThat(String.join(" ", (List<String>) ((Map<String, Object>) mongo.get("healthcheck")).get("test")))
                .contains("rs.initiate");
    }

    /** Issue 9: credentials only from the environment, Kafka with SASL, MongoDB with auth, the services with JWTs. */
    @SuppressWarnings("unchecked")
    @Test
    void secretsComeOnlyFromTheEnvironmentAndKafkaAndMongoRequireCredentials() throws Exception {
        Pattern secretName = Pattern.compile("(?i).*(PASSWORD|SECRET|TOKEN|_KEY|JAAS|MONGODB_URI|ISSUER).*");
        Map<String, Object> services = (Map<String, Object>) compose.get("services");
        List<String> checked = new java.util.ArrayList<>();
        services.forEach((name, definition) -> {
            Object environment = ((Map<String, Object>) definition).get("environment");
            if (environment instanceof Map<?, ?> env) {
                env.forEach((key, value) -> {
                    if (secretName.matcher(String.valueOf(key)).matches()) {
                        checked.add(name + "." + key);
                        assertThat(String.valueOf(value))
                                .as(name + " " + key + " comes from the environment")
                                .containsPattern("\\$\\{[A-Z_]+:\\?");
                    }
                });
            }
        });
        assertThat(checked)
                .contains(
                        "kafka.KAFKA_LISTENER_NAME_CLIENT_PLAIN_SASL_JAAS_CONFIG",
                        "mongodb.MONGO_INITDB_ROOT_PASSWORD",
                        "ticket-service.MONGODB_URI",
                        "ticket-service.SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG",
                        "ticket-service.SPRING_SECURITY_OAUTH2_RESOURCESERVER_JWT_ISSUER_URI",
                        "grafana.GF_SECURITY_ADMIN_PASSWORD");

        Map<String, Object> kafka = (Map<String, Object>) service("kafka").get("environment");
        assertThat((String) kafka.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP"))
                .contains("CLIENT:SASL_PLAINTEXT")
                .doesNotContain("CLIENT:PLAINTEXT");
        assertThat((List<String>) service("mongodb").get("command")).contains("--keyFile");
        Map<String, Object> ticket =
                (Map<String, Object>) service("ticket-service").get("environment");
        assertThat(ticket)
                .containsEntry("PROPDESK_SECURITY_MODE", "jwt")
                .containsEntry("SPRING_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT");

        // the example lists placeholders only (addresses, *_URI and *_URL, are no secrets), and a real .env is never
        // committed
        for (String line : Files.readAllLines(ROOT.resolve(".env.example"))) {
            String name = line.split("=")[0];
            if (!line.isBlank()
                    && !line.startsWith("#")
                    && secretName.matcher(name).matches()
                    && !name.endsWith("_URI")
                    && !name.endsWith("_URL")) {
                assertThat(line).as("a placeholder").contains("change-me");
            }
        }
        assertThat(Files.readAllLines(ROOT.resolve(".gitignore"))).contains(".env");
        for (String service : List.of("ticket", "dispatch", "callback", "billing")) {
            String yml =
                    Files.readString(ROOT.resolve(service + "-service/src/main/resources/" + service + "-service.yml"));
            assertThat(yml)
                    .as(service + "-service.yml names no credentials")
                    .doesNotContainPattern("(?i)password\\s*:")
                    .doesNotContainPattern("(?i)secret\\s*:");
        }
    }

    /**
     * Issue 15 items 15-18: every service gets the JWT audience (required, from the environment), the roles claim
     * path and the consumer-group prefix from the environment, and no database is fixed in the URI or the ymls.
     */
    @SuppressWarnings("unchecked")
    @ParameterizedTest(name = "{0}")
    @CsvSource({"ticket-service", "dispatch-service", "callback-service", "billing-service"})
    void eachServiceTakesTheAudienceRolesClaimAndGroupPrefixFromTheEnvironment_issue15_items15to18(String name) {
        Map<String, Object> env = (Map<String, Object>) service(name).get("environment");
        assertThat((String) env.get("PROPDESK_SECURITY_JWT_AUDIENCE"))
                .isEqualTo("${PROPDESK_SECURITY_JWT_AUDIENCE:?set PROPDESK_SECURITY_JWT_AUDIENCE}");
        assertThat((String) env.get("PROPDESK_SECURITY_JWT_ROLES_CLAIM"))
                .isEqualTo("${PROPDESK_SECURITY_JWT_ROLES_CLAIM:-roles}");
        assertThat((String) env.get("PROPDESK_KAFKA_GROUP_PREFIX")).isEqualTo("${PROPDESK_KAFKA_GROUP_PREFIX:-}");
        assertThat((String) env.get("MONGODB_URI"))
                .as("no database in the shared URI")
                .contains("27017/?");
    }

    /**
     * Issue 15 item 20: Prometheus holds no token that expires. It is an OAuth2 client of the issuer (client
     * credentials); compose gives it the client id, token URL and secret, and the placeholders its entrypoint fills in
     * are exactly those in prometheus.yml. With promtool on the PATH, the filled-in file is checked by it.
     */
    @SuppressWarnings("unchecked")
    @Test
    void prometheusScrapesWithOAuth2ClientCredentialsNotAFixedToken_issue15_item20() throws Exception {
        String raw = Files.readString(ROOT.resolve("deploy/prometheus/prometheus.yml"));
        Map<String, Object> config = new Yaml().load(raw);
        for (Map<String, Object> job : (List<Map<String, Object>>) config.get("scrape_configs")) {
            assertThat(job)
                    .as("no fixed bearer token")
                    .doesNotContainKeys("authorization", "bearer_token", "bearer_token_file");
            Map<String, Object> oauth2 = (Map<String, Object>) job.get("oauth2");
            assertThat(oauth2)
                    .containsEntry("client_id", "@PROMETHEUS_CLIENT_ID@")
                    .containsEntry("client_secret_file", "/run/secrets/prometheus_client_secret")
                    .containsEntry("token_url", "@PROMETHEUS_TOKEN_URL@");
        }
        Map<String, Object> prometheus = service("prometheus");
        assertThat((List<String>) prometheus.get("secrets")).containsExactly("prometheus_client_secret");
        Map<String, Object> secrets = (Map<String, Object>) compose.get("secrets");
        assertThat((Map<String, Object>) secrets.get("prometheus_client_secret"))
                .containsEntry("environment", "PROMETHEUS_CLIENT_SECRET");
        Map<String, Object> env = (Map<String, Object>) prometheus.get("environment");
        assertThat((String) env.get("PROMETHEUS_TOKEN_URL")).startsWith("${PROMETHEUS_TOKEN_URL:?");
        assertThat((String) env.get("PROMETHEUS_CLIENT_ID")).startsWith("${PROMETHEUS_CLIENT_ID:-");
        String entrypoint = String.join(" ", (List<String>) prometheus.get("entrypoint"));
        Matcher placeholder = Pattern.compile("@([A-Z_]+)@").matcher(raw);
        Set<String> placeholders = new HashSet<>();
        while (placeholder.find()) {
            placeholders.add(placeholder.group(1));
            assertThat(entrypoint).contains("s|@" + placeholder.group(1) + "@|$$" + placeholder.group(1) + "|");
        }
        assertThat(placeholders).containsExactlyInAnyOrder("PROMETHEUS_CLIENT_ID", "PROMETHEUS_TOKEN_URL");
        assertThat(entrypoint).contains("--config.file=/prometheus/prometheus.yml");

        String filled = raw.replace("@PROMETHEUS_CLIENT_ID@", "propdesk-prometheus")
                .replace("@PROMETHEUS_TOKEN_URL@", "https://login.example.com/realms/propdesk/token");
        Path promtool = java.util.stream.Stream.of(
                        System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .map(dir -> Path.of(dir, "promtool"))
                .filter(Files::isExecutable)
                .findFirst()
                .orElse(null);
        if (promtool != null) {
            Path file = Files.createTempFile("prometheus", ".yml");
            Files.writeString(file, filled);
            Process check = new ProcessBuilder(promtool.toString(), "check", "config", file.toString())
                    .redirectErrorStream(true)
                    .start();
            String out = new String(check.getInputStream().readAllBytes());
            assertThat(check.waitFor()).as(out).isZero();
        }
    }

    @Test
    void theImageRunsAJre17AsANonRootUser() throws Exception {
        String dockerfile = Files.readString(ROOT.resolve("deploy/Dockerfile"));
        assertThat(dockerfile)
                .contains("FROM eclipse-temurin:17-jre")
                .containsPattern("(?m)^USER propdesk$")
                .doesNotContainPattern("(?m)^USER root");
    }

    @SuppressWarnings("unchecked")
    @Test
    void prometheusScrapesEveryServicesPrometheusEndpoint() throws Exception {
        Map<String, Object> config =
                new Yaml().load(Files.readString(ROOT.resolve("deploy/prometheus/prometheus.yml")));
        Set<String> targets = new HashSet<>();
        for (Map<String, Object> job : (List<Map<String, Object>>) config.get("scrape_configs")) {
            assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus");
            for (Map<String, Object> staticConfig : (List<Map<String, Object>>) job.get("static_configs")) {
                targets.addAll((List<String>) staticConfig.get("targets"));
            }
        }
        assertThat(targets)
                .containsExactlyInAnyOrder(
                        "ticket-service:8081",
                        "dispatch-service:8082",
                        "callback-service:8083",
                        "billing-service:8084");
    }

    /** Issue 15 item 11: the alert rules pass promtool, Prometheus loads them, and compose mounts them. */
    @SuppressWarnings("unchecked")
    @Test
    void theAlertRulesPassPromtoolAndPrometheusLoadsTheDeadLetterAlert_issue15_item11() throws Exception {
        Path rules = ROOT.resolve("deploy/prometheus/rules/propdesk.yml");
        Process promtool;
        try {
            promtool = new ProcessBuilder("promtool", "check", "rules", rules.toString())
                    .redirectErrorStream(true)
                    .start();
        } catch (java.io.IOException missing) {
            throw new AssertionError(
                    "promtool is not installed; .ci/run installs it (Debian package prometheus)", missing);
        }
        String out = new String(promtool.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(promtool.waitFor()).as(out).isZero();
        assertThat(out).contains("SUCCESS");
        assertThat(Files.readString(rules))
                .contains("alert: PropDeskRecordsDeadLettered")
                .contains("propdesk_dlt_records_total");

        Map<String, Object> config =
                new Yaml().load(Files.readString(ROOT.resolve("deploy/prometheus/prometheus.yml")));
        assertThat((List<String>) config.get("rule_files")).contains("/etc/prometheus/rules/*.yml");
        assertThat((List<String>) service("prometheus").get("volumes"))
                .contains("./deploy/prometheus/rules:/etc/prometheus/rules:ro");
    }

    @Test
    void everyMetricTheDashboardQueriesIsExportedByTheServices() throws Exception {
        Set<String> queried = new HashSet<>();
        for (String expr : dashboardQueries()) {
            Matcher m = METRIC.matcher(expr);
            while (m.find()) {
                queried.add(m.group(1));
            }
        }
        assertThat(queried).as("the dashboard queries PropDesk metrics").isNotEmpty();

        Set<String> exported = liveScrape().keySet();
        assertThat(queried)
                .allSatisfy(metric -> assertThat(exported)
                        .as("exported metric " + metric)
                        .anyMatch(name -> name.equals(metric) || name.startsWith(metric + "_")));
    }

    /**
     * Issue 18 item 7: each dashboard query is valid PromQL (promtool checks it as a recording rule), every label it
     * selects on or groups by is a label of the metric in a live scrape of the four services, and every label value it
     * asks for (an equality or each alternative of a regex) is one the services export, so no panel is silently empty.
     */
    @Test
    void everyDashboardQueryIsValidPromqlOverLabelsAndValuesOfALiveScrape_issue18_item7() throws Exception {
        List<String> queries = dashboardQueries();
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        for (int i = 0; i < queries.size(); i++) {
            rules.append("      - record: dashboard:query")
                    .append(i)
                    .append("\n        expr: '")
                    .append(queries.get(i).replace("'", "''"))
                    .append("'\n");
        }
        Path file = Files.createTempFile("dashboard-queries", ".yml");
        Files.writeString(file, rules);
        Process promtool;
        try {
            promtool = new ProcessBuilder("promtool", "check", "rules", file.toString())
                    .redirectErrorStream(true)
                    .start();
        } catch (java.io.IOException missing) {
            throw new AssertionError(
                    "promtool is not installed; .ci/run installs it (Debian package prometheus)", missing);
        }
        String out = new String(promtool.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(promtool.waitFor()).as(out).isZero();

        Map<String, Map<String, Set<String>>> scrape = liveScrape();
        List<String> wrong = new java.util.ArrayList<>();
        Pattern selector = Pattern.compile("\\b((?:propdesk|kafka)_[a-z0-9_]+)\\s*(\\{[^}]*})?");
        Pattern matcher = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"([^\"]*)\"");
        Pattern by = Pattern.compile("\\bby\\s*\\(([^)]*)\\)");
        for (String query : queries) {
            Set<String> labelsOfQuery = new HashSet<>();
            Matcher s = selector.matcher(query);
            while (s.find()) {
                Map<String, Set<String>> labels = labelsOf(scrape, s.group(1));
                labelsOfQuery.addAll(labels.keySet());
                if (s.group(2) == null) {
                    continue;
                }
                Matcher m = matcher.matcher(s.group(2));
                while (m.find()) {
                    String label = m.group(1);
                    Set<String> values = labels.getOrDefault(label, Set.of());
                    if (values.isEmpty()) {
                        wrong.add(s.group(1) + " has no label " + label + " (" + query + ")");
                    } else if (m.group(2).equals("=") && !values.contains(m.group(3))) {
                        wrong.add(s.group(1) + "{" + label + "} never is " + m.group(3) + ": " + values);
                    } else if (m.group(2).equals("=~")) {
                        for (String alternative : m.group(3).split("\\|")) {
                            if (!values.contains(alternative)) {
                                wrong.add(s.group(1) + "{" + label + "} never is " + alternative + ": " + values);
                            }
                        }
                    }
                }
            }
            Matcher b = by.matcher(query);
            while (b.find()) {
                for (String label : b.group(1).split(",")) {
                    if (!labelsOfQuery.contains(label.trim())) {
                        wrong.add("grouped by " + label.trim() + ", a label none of its metrics has: " + query);
                    }
                }
            }
        }
        assertThat(wrong).as("dashboard queries that would show nothing").isEmpty();
    }

    private static List<String> dashboardQueries() throws java.io.IOException {
        JsonNode dashboard = new ObjectMapper()
                .readTree(
                        ROOT.resolve("deploy/grafana/dashboards/propdesk.json").toFile());
        List<String> queries = new java.util.ArrayList<>();
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                queries.add(target.get("expr").asText());
            }
        }
        return queries;
    }

    /** The labels, and their values, of a queried metric: of its series, or of a histogram's or summary's parts. */
    private static Map<String, Set<String>> labelsOf(Map<String, Map<String, Set<String>>> scrape, String metric) {
        Map<String, Set<String>> labels = new java.util.HashMap<>();
        scrape.forEach((name, byLabel) -> {
            if (name.equals(metric) || name.startsWith(metric + "_")) {
                byLabel.forEach((label, values) ->
                        labels.computeIfAbsent(label, l -> new HashSet<>()).addAll(values));
            }
        });
        return labels;
    }

    private static Map<String, Map<String, Set<String>>> scraped;

    /** Every series the four services export after one ticket (scraped once): metric, label, then its values. */
    private static synchronized Map<String, Map<String, Set<String>>> liveScrape() {
        if (scraped != null) {
            return scraped;
        }
        openOneTicket();
        Map<String, Map<String, Set<String>>> series = new java.util.HashMap<>();
        ServiceClient admin = ServiceClient.of(system).as("admin");
        Pattern line = Pattern.compile("(?m)^([a-z_:][a-z0-9_:]*)(?:\\{([^\\n]*)})? ");
        Pattern label = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"");
        for (ServiceEndpoint service : system.services()) {
            String scrape = admin.get(service.name(), "/actuator/prometheus").raw();
            Matcher m = line.matcher(scrape);
            while (m.find()) {
                Map<String, Set<String>> labels = series.computeIfAbsent(m.group(1), n -> new java.util.HashMap<>());
                if (m.group(2) != null) {
                    Matcher l = label.matcher(m.group(2));
                    while (l.find()) {
                        labels.computeIfAbsent(l.group(1), n -> new HashSet<>()).add(l.group(2));
                    }
                }
            }
        }
        scraped = series;
        return series;
    }

    private static void openOneTicket() {
        Scenario scenario = new Scenario(ServiceClient.of(system), new Scenario.Cast("shape", "a", "s", "a", "b"));
        expect(scenario.putEstate("shape", "Shape", "b", List.of("u1")), 200);
        assertThat(scenario.openTicket("shape-1", "u1", "REPAIR", "\"paid\":false")
                        .status())
                .isIn(200, 201);
    }
}
