package io.propdesk.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.mongo.MongoProperties;

/** Issue 15 item 17: which database a service uses, so deployments sharing a MongoDB can keep apart. */
class ServiceDatabaseTest {

    private static MongoProperties uri(String uri) {
        MongoProperties mongo = new MongoProperties();
        mongo.setUri(uri);
        return mongo;
    }

    @Test
    void theDatabaseNamedInTheUriIsUsed_issue15_item17() {
        assertThat(PlatformAutoConfiguration.databaseName(
                        uri("mongodb://u:p@mongodb:27017/blue_ticket?replicaSet=rs0&authSource=admin"),
                        "propdesk_ticket"))
                .isEqualTo("blue_ticket");
    }

    @Test
    void aUriWithoutADatabaseUsesTheServicesDefault_issue15_item17() {
        assertThat(PlatformAutoConfiguration.databaseName(
                        uri("mongodb://u:p@mongodb:27017/?replicaSet=rs0&authSource=admin"), "propdesk_ticket"))
                .isEqualTo("propdesk_ticket");
        assertThat(PlatformAutoConfiguration.databaseName(uri("mongodb://localhost:27017"), "propdesk_billing"))
                .isEqualTo("propdesk_billing");
    }

    @Test
    void anExplicitSpringDatabaseStillWins() {
        MongoProperties mongo = uri("mongodb://localhost:27017/from_uri");
        mongo.setDatabase("explicit");
        assertThat(PlatformAutoConfiguration.databaseName(mongo, "propdesk_ticket"))
                .isEqualTo("explicit");
    }

    @Test
    void theServiceYmlsNameTheirDefaultAndNoFixedDatabase_issue15_item17() throws Exception {
        java.nio.file.Path root = java.nio.file.Path.of("..").toAbsolutePath().normalize();
        for (String service : java.util.List.of("ticket", "dispatch", "callback", "billing")) {
            String yml = java.nio.file.Files.readString(
                    root.resolve(service + "-service/src/main/resources/" + service + "-service.yml"));
            assertThat(yml)
                    .as(service)
                    .doesNotContainPattern("(?m)^\\s+database:")
                    .containsPattern("(?m)^\\s+default-database: propdesk_" + service + "$");
        }
    }
}
