package io.propdesk.contracts.schema;

import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.propdesk.contracts.Description;
import io.propdesk.contracts.EventType;
import io.propdesk.contracts.EventTypes;
import io.propdesk.contracts.Money;
import io.propdesk.contracts.Nullable;
import io.propdesk.contracts.cloudevents.CloudEventCodec;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Derives a JSON Schema (draft 2020-12) for every public event from its record, so that integrators
 * outside Java get the contract and the schemas cannot drift from the code (JsonSchemasTest checks the
 * committed files). The schemas describe what {@link CloudEventCodec#mapper()} writes.
 *
 * <p>{@code required} lists primitives and ids (components named {@code id} or {@code ...Id}) not
 * marked {@link Nullable}; other properties are left out of the JSON when null. No schema forbids
 * additional properties, because adding one is the compatible way to evolve an event. A component's
 * {@link Description} becomes its property's {@code description} (and {@code deprecated}).
 *
 * <p>Regenerate after changing an event: run {@code main} with {@code contracts/src/main/resources/schemas}.
 */
public final class JsonSchemaGenerator {

    public static final String DIALECT = "https://json-schema.org/draft/2020-12/schema";
    public static final String ID_BASE = "https://propdesk.io/schemas/";

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final ObjectWriter WRITER = CloudEventCodec.mapper()
            .writer(new DefaultPrettyPrinter()
                    .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                    .withSeparators(
                            Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER)));

    private JsonSchemaGenerator() {}

    /** Writes one {@code <ce type>.schema.json} per registered event into {@code args[0]}, removing stale ones. */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: JsonSchemaGenerator <output directory>");
            System.exit(2);
        }
        Path dir = Files.createDirectories(Path.of(args[0]));
        Map<String, String> schemas = generateAll();
        try (Stream<Path> existing = Files.list(dir)) {
            for (Path stale : existing.filter(p -> p.getFileName().toString().endsWith(".schema.json")
                            && !schemas.containsKey(p.getFileName().toString()))
                    .toList()) {
                Files.delete(stale);
            }
        }
        for (Map.Entry<String, String> schema : schemas.entrySet()) {
            Files.writeString(dir.resolve(schema.getKey()), schema.getValue(), StandardCharsets.UTF_8);
        }
        System.out.println("wrote " + schemas.size() + " schemas to " + dir.toAbsolutePath());
    }

    /** File name to rendered schema, for every registered event, in registry order. */
    public static Map<String, String> generateAll() {
        Map<String, String> schemas = new LinkedHashMap<>();
        EventTypes.all().forEach(type -> schemas.put(fileName(type), render(type)));
        return schemas;
    }

    public static String fileName(EventType type) {
        return type.type() + ".schema.json";
    }

    public static String render(EventType type) {
        try {
            return WRITER.writeValueAsString(schemaOf(type)) + "\n";
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    public static ObjectNode schemaOf(EventType type) {
        ObjectNode schema = JSON.objectNode()
                .put("$schema", DIALECT)
                .put("$id", ID_BASE + fileName(type))
                .put("title", type.eventClass().getSimpleName())
                .put(
                        "description",
                        "Data of CloudEvent type " + type.type() + " from " + type.source() + " on topic "
                                + type.topic() + "; the Kafka key and ce_subject name the event's subject.");
        Map<String, JsonNode> defs = new TreeMap<>();
        describeRecord(type.eventClass(), schema, defs);
        if (!defs.isEmpty()) {
            schema.set("$defs", JSON.objectNode().setAll(defs));
        }
        return schema;
    }

    private static void describeRecord(Class<?> record, ObjectNode target, Map<String, JsonNode> defs) {
        target.put("type", "object");
        ObjectNode properties = target.putObject("properties");
        ArrayNode required = JSON.arrayNode();
        for (RecordComponent component : record.getRecordComponents()) {
            properties.set(component.getName(), described(component, schemaOf(component.getGenericType(), defs)));
            if (isRequired(component)) {
                required.add(component.getName());
            }
        }
        if (!required.isEmpty()) {
            target.set("required", required);
        }
    }

    /** A {@link Description} becomes the property's description; the meaning of a component, not of its type. */
    private static ObjectNode described(RecordComponent component, ObjectNode schema) {
        Description description = component.getAnnotation(Description.class);
        if (description == null) {
            return schema;
        }
        if (schema.has("$ref")) {
            // draft-07 readers of the AsyncAPI document ignore a $ref's siblings: describe the record itself
            throw new IllegalArgumentException(
                    "describe " + component.getType().getSimpleName() + " in its own record, not " + component.getName()
                            + " of " + component.getDeclaringRecord().getSimpleName());
        }
        schema.put("description", description.value());
        return description.deprecated() ? schema.put("deprecated", true) : schema;
    }

    private static boolean isRequired(RecordComponent component) {
        String name = component.getName();
        boolean id = component.getType() == String.class && (name.equals("id") || name.endsWith("Id"));
        return component.getType().isPrimitive() || id && !component.isAnnotationPresent(Nullable.class);
    }

    private static ObjectNode schemaOf(Type type, Map<String, JsonNode> defs) {
        if (type instanceof ParameterizedType parameterized
                && parameterized.getRawType() instanceof Class<?> raw
                && Collection.class.isAssignableFrom(raw)) {
            ObjectNode array = JSON.objectNode().put("type", "array");
            array.set("items", schemaOf(parameterized.getActualTypeArguments()[0], defs));
            return Set.class.isAssignableFrom(raw) ? array.put("uniqueItems", true) : array;
        }
        if (!(type instanceof Class<?> c)) {
            throw new IllegalArgumentException("no JSON Schema mapping for " + type);
        }
        if (c == String.class) {
            return typed("string");
        }
        if (c == boolean.class || c == Boolean.class) {
            return typed("boolean");
        }
        if (c == int.class || c == Integer.class || c == long.class || c == Long.class) {
            return typed("integer");
        }
        if (c == BigDecimal.class) {
            return typed("string").put("pattern", "^-?[0-9]+(\\.[0-9]+)?$");
        }
        if (c == Instant.class) {
            return typed("string").put("format", "date-time");
        }
        if (c == LocalDate.class) {
            return typed("string").put("format", "date");
        }
        if (c == LocalTime.class) {
            // not "format": "time": that is RFC 3339 full-time, which needs an offset, and these are local times
            // (EstateConfigured once failed its own schema for that)
            return typed("string")
                    .put("pattern", "^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\\.[0-9]+)?)?$")
                    .put("description", "local time in the estate's time zone, without offset");
        }
        if (c == YearMonth.class) {
            return typed("string").put("pattern", "^[0-9]{4}-(0[1-9]|1[0-2])$").put("description", "a month, yyyy-MM");
        }
        if (c.isEnum()) {
            ObjectNode schema = typed("string");
            ArrayNode enumValues = schema.putArray("enum");
            Arrays.stream(c.getEnumConstants()).forEach(constant -> enumValues.add(((Enum<?>) constant).name()));
            return schema;
        }
        if (c == Money.class) {
            defs.computeIfAbsent("Money", name -> money());
            return ref("Money");
        }
        if (c.isRecord()) {
            String name = c.getSimpleName();
            if (!defs.containsKey(name)) {
                ObjectNode def = JSON.objectNode();
                defs.put(name, def);
                describeRecord(c, def, defs);
            }
            return ref(name);
        }
        throw new IllegalArgumentException(
                "no JSON Schema mapping for " + c.getName() + "; extend JsonSchemaGenerator");
    }

    private static ObjectNode money() {
        ObjectNode money = JSON.objectNode()
                .put("type", "object")
                .put(
                        "description",
                        "an amount as a decimal string with exactly two decimals, rounded HALF_UP; never a JSON number");
        ObjectNode properties = money.putObject("properties");
        properties.set("amount", typed("string").put("pattern", "^-?[0-9]+\\.[0-9]{2}$"));
        properties.set("currency", typed("string").put("pattern", "^[A-Z]{3}$"));
        money.set("required", JSON.arrayNode().addAll(List.of(JSON.textNode("amount"), JSON.textNode("currency"))));
        return money;
    }

    private static ObjectNode typed(String type) {
        return JSON.objectNode().put("type", type);
    }

    private static ObjectNode ref(String def) {
        return JSON.objectNode().put("$ref", "#/$defs/" + def);
    }
}
