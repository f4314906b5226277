package io.propdesk.contracts.schema;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import io.propdesk.contracts.EventType;
import io.propdesk.contracts.EventTypes;
import io.propdesk.contracts.SampleEvents;
import io.propdesk.contracts.billing.QuoteAccepted;
import io.propdesk.contracts.cloudevents.CloudEventCodec;
import io.propdesk.contracts.ticket.TicketOpened;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class JsonSchemasTest {

    /** Maven and IDEs run tests from the module directory. */
    private static final Path COMMITTED = Path.of("src/main/resources/schemas");

    private static final String REGENERATE = "schemas are generated from the event records; regenerate them with "
            + "JsonSchemaGenerator.main(\"contracts/src/main/resources/schemas\") and commit the result";

    private final ObjectMapper mapper = CloudEventCodec.mapper();

    static Stream<EventType> eventTypes() {
        return EventTypes.all().stream();
    }

    @Test
    void committedSchemasAreExactlyTheGeneratedOnes() throws IOException {
        Map<String, String> generated = JsonSchemaGenerator.generateAll();

        try (Stream<Path> files = Files.list(COMMITTED)) {
            assertThat(files.map(f -> f.getFileName().toString()))
                    .as(REGENERATE)
                    .containsExactlyInAnyOrderElementsOf(generated.keySet());
        }
        generated.forEach((file, schema) -> {
            try {
                assertThat(Files.readString(COMMITTED.resolve(file), StandardCharsets.UTF_8))
                        .as(file + ": " + REGENERATE)
                        .isEqualTo(schema);
            } catch (IOException ex) {
                throw new AssertionError(ex);
            }
        });
    }

    @Test
    void schemasShipInTheJarUnderSchemas() throws IOException {
        EventType type = EventTypes.of(TicketOpened.class);
        try (InputStream in = getClass().getResourceAsStream("/schemas/" + JsonSchemaGenerator.fileName(type))) {
            assertThat(in).isNotNull();
            assertThat(mapper.readTree(in).get("$id").asText())
                    .isEqualTo("https://propdesk.io/schemas/propdesk.ticket.TicketOpened.v1.schema.json");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eventTypes")
    void everySampleEventValidatesAgainstItsSchema(EventType type) throws IOException {
        JsonNode schema = mapper.readTree(JsonSchemaGenerator.render(type));
        JsonNode json = mapper.readTree(CloudEventCodec.toJson(SampleEvents.of(type.eventClass())));

        assertThat(schema.get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(StructuralValidator.validate(schema, json, true)).isEmpty();
        assertThat(json.properties())
                .as("a sample fills every component")
                .hasSize(type.eventClass().getRecordComponents().length);
    }

    /**
     * Issue 15 item 13: a real validator (draft 2020-12, formats asserted) accepts every sample event; EstateConfigured's
     * local times ("08:30") failed {@code format: time}, which is RFC 3339 full-time and needs an offset.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("eventTypes")
    void aRealValidatorAcceptsEverySampleEventAgainstItsSchema_issue15_item13(EventType type) throws IOException {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(
                SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                        .formatAssertionsEnabled(true)
                        .build()));
        Schema schema = registry.getSchema(JsonSchemaGenerator.render(type), InputFormat.JSON);

        String json = new String(CloudEventCodec.toJson(SampleEvents.of(type.eventClass())), StandardCharsets.UTF_8);

        assertThat(schema.validate(json, InputFormat.JSON)).isEmpty();
        assertThat(schema.validate("[]", InputFormat.JSON))
                .as("the validator does reject")
                .isNotEmpty();
    }

    @Test
    void schemaRequiresIdsAndPrimitivesButNotNullableIds() throws IOException {
        JsonNode schema = mapper.readTree(JsonSchemaGenerator.render(EventTypes.of(TicketOpened.class)));

        assertThat(schema.get("required")).extracting(JsonNode::asText).containsExactly("ticketId", "estateId", "paid");
        assertThat(schema.at("/properties/kind/enum")).hasSize(7);
        assertThat(schema.at("/properties/openedAt/format").asText()).isEqualTo("date-time");
    }

    @Test
    void moneyIsASharedDefinitionWithAStringAmount() throws IOException {
        JsonNode schema = mapper.readTree(JsonSchemaGenerator.render(EventTypes.all().stream()
                .filter(t -> t.eventClass().getSimpleName().equals("QuoteIssued"))
                .findFirst()
                .orElseThrow()));

        assertThat(schema.at("/properties/total/$ref").asText()).isEqualTo("#/$defs/Money");
        assertThat(schema.at("/$defs/Line/properties/unitPrice/$ref").asText()).isEqualTo("#/$defs/Money");
        assertThat(schema.at("/$defs/Money/properties/amount/type").asText()).isEqualTo("string");
    }

    @Test
    void validatorCatchesWhatTheSchemaForbids() throws IOException {
        JsonNode schema = mapper.readTree(JsonSchemaGenerator.render(EventTypes.of(TicketOpened.class)));
        ObjectNode json = mapper.valueToTree(SampleEvents.ticketOpened());
        json.remove("estateId");
        json.put("kind", "SPACESHIP");
        json.put("openedAt", "yesterday");
        json.put("paid", "yes");
        json.put("surprise", 1);

        List<String> errors = StructuralValidator.validate(schema, json, true);

        assertThat(errors)
                .hasSize(5)
                .anySatisfy(e -> assertThat(e).contains("estateId"))
                .anySatisfy(e -> assertThat(e).contains("SPACESHIP"))
                .anySatisfy(e -> assertThat(e).contains("yesterday"))
                .anySatisfy(e -> assertThat(e).contains("$.paid"))
                .anySatisfy(e -> assertThat(e).contains("surprise"));
        assertThat(StructuralValidator.validate(schema, json, false)).hasSize(4);
    }

    @Test
    void validatorRejectsAFloatingAmount() throws IOException {
        JsonNode schema = mapper.readTree(JsonSchemaGenerator.render(EventTypes.all().stream()
                .filter(t -> t.eventClass().getSimpleName().equals("ChargePosted"))
                .findFirst()
                .orElseThrow()));
        ObjectNode json = mapper.valueToTree(SampleEvents.of(
                EventTypes.classOf("propdesk.billing.ChargePosted.v1").orElseThrow()));
        ((ObjectNode) json.get("amount")).put("amount", 128.0);

        assertThat(StructuralValidator.validate(schema, json, true))
                .singleElement()
                .asString()
                .contains("$.amount.amount");
    }

    @Test
    void quoteAcceptedNamesTheRecorderAndTheOwnerAndDeprecatesAcceptedBy_issue14_item7() throws IOException {
        JsonNode schema = mapper.readTree(JsonSchemaGenerator.render(EventTypes.of(QuoteAccepted.class)));

        assertThat(schema.at("/properties/acceptedBy/deprecated").asBoolean()).isTrue();
        assertThat(schema.at("/properties/acceptedBy/description").asText())
                .startsWith("Deprecated")
                .contains("recordedBy", "customerId");
        assertThat(schema.at("/properties/recordedBy/description").asText()).contains("staff member");
        assertThat(schema.at("/properties/recordedBy").has("deprecated")).isFalse();
        assertThat(schema.at("/properties/customerId/description").asText()).contains("owner");
        assertThat(schema.get("required")).extracting(JsonNode::asText).contains("customerId");
    }
}
