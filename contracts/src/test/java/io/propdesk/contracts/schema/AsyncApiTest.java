package io.propdesk.contracts.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.propdesk.contracts.EventType;
import io.propdesk.contracts.EventTypes;
import io.propdesk.contracts.Topics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docs/asyncapi.yaml describes every topic with the contracts' own JSON Schemas, bundled into the document, and cannot
 * drift from them. That the official AsyncAPI parser validates it with no error was checked by hand (issue 15 item 14).
 */
class AsyncApiTest {

    private static final Path DOC = Path.of("../docs/asyncapi.yaml");

    @Test
    void theCommittedDocumentIsTheOneTheContractsGenerate() throws Exception {
        assertThat(Files.readString(DOC))
                .as("regenerate with AsyncApiGenerator docs/asyncapi.yaml")
                .isEqualTo(AsyncApiGenerator.render());
    }

    @Test
    void everyTopicIsAChannelAndEveryEventAMessageWithItsSchemaFormatAndBundledPayload_issue15_item14()
            throws Exception {
        String doc = Files.readString(DOC);
        Map<String, ObjectNode> bundled = AsyncApiGenerator.bundledSchemas();
        for (String topic : Topics.all()) {
            assertThat(doc).contains("address: " + topic + "\n");
        }
        for (EventType type : EventTypes.all()) {
            String name = type.eventClass().getSimpleName();
            assertThat(doc).contains("name: " + type.type() + "\n");
            assertThat(doc)
                    .contains("      payload:\n        schemaFormat: '" + AsyncApiGenerator.SCHEMA_FORMAT
                            + "'\n        schema:\n          $ref: '#/components/schemas/" + name + "'\n");
            assertThat(doc).contains("\n    " + name + ":\n      title: \"" + name + "\"\n");
            // the bundled payload is the generated JSON Schema, property for property
            assertThat(bundled.get(name).get("properties").properties())
                    .as(name)
                    .extracting(Map.Entry::getKey)
                    .containsExactlyElementsOf(Arrays.stream(type.eventClass().getRecordComponents())
                            .map(c -> c.getName())
                            .toList());
            assertThat(bundled.get(name).get("required"))
                    .isEqualTo(JsonSchemaGenerator.schemaOf(type).get("required"));
        }
    }

    @Test
    void theDocumentStandsAloneEveryReferenceIsInsideIt_issue15_item14() throws Exception {
        String doc = Files.readString(DOC);
        Matcher refs = Pattern.compile("\\$ref: ['\"]([^'\"]+)['\"]").matcher(doc);
        int count = 0;
        while (refs.find()) {
            String ref = refs.group(1);
            assertThat(ref).as("a reference inside the document").startsWith("#/");
            if (ref.startsWith("#/components/schemas/")) {
                String schema = ref.substring("#/components/schemas/".length());
                assertThat(doc).as(ref).contains("\n    " + schema + ":\n");
            }
            count++;
        }
        assertThat(count).isGreaterThan(3 * EventTypes.all().size());
        assertThat(doc).doesNotContain("$defs", "../", "$schema");
    }

    @Test
    void aDefinitionSharedByEventsIsBundledOnceAndOneThatDiffersIsNamedAfterItsEvent() {
        Map<String, ObjectNode> bundled = AsyncApiGenerator.bundledSchemas();

        assertThat(bundled)
                .containsKeys("Money", "QuoteIssuedLine", "StatementIssuedLine")
                .doesNotContainKey("Line");
        assertThat(bundled.get("QuoteIssued").at("/properties/total/$ref").asText())
                .isEqualTo("#/components/schemas/Money");
        assertThat(bundled.get("QuoteIssued").at("/properties/lines/items/$ref").asText())
                .isEqualTo("#/components/schemas/QuoteIssuedLine");
    }

    @Test
    void theDocumentNamesTheSystemWideDedupeKey_issue13_defect5() throws Exception {
        String doc = Files.readString(DOC);

        assertThat(doc)
                .contains("Deduplicate on ce_id, or on\n    the triple (ce_source, ce_aggregateid, ce_sequence), "
                        + "which names one event across the whole\n    system");
        assertThat(doc).contains("(ce_source, ce_aggregateid, ce_sequence) is unique across the system");
    }
}
