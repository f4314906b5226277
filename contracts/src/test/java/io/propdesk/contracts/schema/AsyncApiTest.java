package io.propdesk.contracts.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.propdesk.contracts.EventType;
import io.propdesk.contracts.EventTypes;
import io.propdesk.contracts.Topics;

/** docs/asyncapi.yaml describes every topic with the contracts' own JSON Schemas and cannot drift from them. */
class AsyncApiTest {

    private static final Path DOC = Path.of("../docs/asyncapi.yaml");
    private static final String SCHEMAS = "../contracts/src/main/resources/schemas";

    @Test
    void theCommittedDocumentIsTheOneTheContractsGenerate() throws Exception {
        assertThat(Files.readString(DOC)).as("regenerate with AsyncApiGenerator docs/asyncapi.yaml " + SCHEMAS)
                .isEqualTo(AsyncApiGenerator.render(SCHEMAS));
    }

    @Test
    void everyTopicIsAChannelAndEveryEventAMessageWhosePayloadIsItsGeneratedSchema() throws Exception {
        String doc = Files.readString(DOC);
        for (String topic : Topics.all()) {
            assertThat(doc).contains("address: " + topic + "\n");
        }
        for (EventType type : EventTypes.all()) {
            assertThat(doc).contains("name: " + type.type() + "\n");
            assertThat(doc).contains(SCHEMAS + "/" + JsonSchemaGenerator.fileName(type));
        }
        Matcher refs = Pattern.compile("\\$ref: '(\\.\\./[^']+)'").matcher(doc);
        int count = 0;
        while (refs.find()) {
            assertThat(DOC.getParent().resolve(refs.group(1)).normalize()).as(refs.group(1)).exists();
            count++;
        }
        assertThat(count).isEqualTo(EventTypes.all().size());
    }
}
