package io.propdesk.systemtests.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;

/**
 * Which layer may use which (issue 14 item 5), checked over the production classes of every module: this module has
 * them all on its classpath (contracts, platform, embedded, the four services, standalone), so one test covers the
 * whole system and fails the build when a rule is broken.
 */
@AnalyzeClasses(packages = "io.propdesk", importOptions = LayeringTest.ProductionClasses.class)
class LayeringTest {

    private static final List<String> SERVICES = List.of("ticket", "dispatch", "callback", "billing");

    /** Harness packages: the system tests' own commands and platform's test support. */
    private static final String[] HARNESS = {"io.propdesk.systemtests..", "io.propdesk.platform.testing.."};

    /** Aggregates and their collaborators decide by the rules alone: they know no transport (HTTP, servlet, Kafka). */
    @ArchTest
    static final ArchRule domainDependsOnNoWebMvcOrKafkaType_issue14_item5 = noClasses()
            .that()
            .resideInAPackage("..domain..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "org.springframework.web..",
                    "jakarta.servlet..",
                    "io.propdesk.platform.web..",
                    "org.apache.kafka..",
                    "org.springframework.kafka..")
            .because("the domain is reached by REST and by Kafka alike; the adapters translate (issue 14 item 5)");

    /** Services talk through the published contracts (topics and events in contracts), never through each other's code. */
    @ArchTest
    static void noServiceDependsOnAnotherService_issue14_item5(JavaClasses classes) {
        for (String service : SERVICES) {
            String[] others = SERVICES.stream()
                    .filter(s -> !s.equals(service))
                    .map(s -> "io.propdesk." + s + "..")
                    .toArray(String[]::new);
            noClasses()
                    .that()
                    .resideInAPackage("io.propdesk." + service + "..")
                    .should()
                    .dependOnClassesThat()
                    .resideInAnyPackage(others)
                    .because("services share only contracts and platform (issue 14 item 5)")
                    .check(classes);
        }
    }

    /**
     * Issue 17: the console reads and acts only through the services' public REST APIs as the signed-in person; it
     * shares the public vocabulary of contracts (its CloudEvents headers included), never a service's or platform's
     * code.
     */
    @ArchTest
    static final ArchRule consoleUsesNoServiceOrPlatformCode_issue17 = noClasses()
            .that()
            .resideInAPackage("io.propdesk.console..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "io.propdesk.ticket..",
                    "io.propdesk.dispatch..",
                    "io.propdesk.callback..",
                    "io.propdesk.billing..",
                    "io.propdesk.platform..",
                    "org.axonframework..",
                    "com.mongodb..")
            .because("the console talks to the services over their REST APIs only (issue 17)");

    /**
     * The console reads the topics only to tell open pages that something changed (issue 17's live updates), in its
     * {@code live} package, with plain kafka-clients: no other part of it touches Kafka.
     */
    @ArchTest
    static final ArchRule onlyTheConsolesLiveUpdatesReadKafka_issue17 = noClasses()
            .that()
            .resideInAPackage("io.propdesk.console..")
            .and()
            .resideOutsideOfPackage("io.propdesk.console.live..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..")
            .because("only the live updates read the topics; pages are read from the services' REST APIs (issue 17)");

    /** What ships carries no test or harness code. */
    @ArchTest
    static final ArchRule productionDependsOnNoTestOrHarnessCode_issue14_item5 = noClasses()
            .that()
            .resideOutsideOfPackages(HARNESS)
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(HARNESS)
            .orShould()
            .dependOnClassesThat()
            .resideInAnyPackage("org.junit..", "org.assertj..", "org.awaitility..")
            .because("the product must not contain its proof (issue 14 items 1 and 5)");

    /** Leaves out compiled tests: the test-classes directories and test jars (platform's test-jar is one). */
    static final class ProductionClasses implements ImportOption {

        private static final ImportOption NOT_TESTS = new DoNotIncludeTests();

        @Override
        public boolean includes(Location location) {
            return NOT_TESTS.includes(location) && !location.contains("-tests.jar");
        }
    }
}
