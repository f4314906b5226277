package io.propdesk.platform.openapi;

import io.propdesk.contracts.access.Access;
import io.propdesk.contracts.access.Role;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.reflect.ParameterizedType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.core.env.Environment;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Every service's OpenAPI document says what the service does, once for all four services and
 * driven by conventions and by the REST contract's access table ({@link Access}) instead of annotations on every
 * controller:
 * <ul>
 *   <li>title {@code PropDesk <service> API}, the project version, a description of the service;</li>
 *   <li>each operation's summary from its row, its description naming the roles the row admits and its note;</li>
 *   <li>security: HTTP Basic (demo mode) or a bearer JWT (production) on every operation;</li>
 *   <li>the RFC 9457 {@code Problem} schema as {@code application/problem+json} for the errors an operation really
 *   gives: 400 when it takes a body or parameters that can be invalid, 401, 403, 404 when its path names an id, 409
 *   for a command (a rule or a concurrent change refuses it), 413 for a body over the size limit;</li>
 *   <li>{@code application/json} instead of springdoc's {@code *}{@code /*};</li>
 *   <li>success codes: a POST whose handler sets its own status (returns a {@code ResponseEntity}) creates, so it is
 *   {@code 201} with {@code Location}; {@link Replay} adds the {@code 200} of an idempotent repeat; a GET answering a
 *   JSON array is a list, paged by {@code limit} and {@code cursor} with a {@code Link} header to the next page.</li>
 * </ul>
 * Required fields come from the request records' {@code @NotNull}/{@code @NotBlank}, which springdoc reads.
 */
public class ContractDocumentation implements OpenApiCustomizer, OperationCustomizer {

    static final String JSON = "application/json";
    static final String CSV = "text/csv";
    static final String PROBLEM_JSON = "application/problem+json";
    static final String PROBLEM = "Problem";
    static final String BASIC = "basicAuth";
    static final String BEARER = "bearerAuth";

    /** What each service does, as an integrator first needs to know it (the AsyncAPI document says the same). */
    private static final Map<String, String> SERVICES = Map.of(
            "ticket",
                    "Front-desk intake: calls become tickets (R1), estates and their calendars, the ticket's "
                            + "timeline across the services (R10), late-order explanations (R11), owners' personal data "
                            + "and its erasure.",
            "dispatch",
                    "Work orders from dispatch to return (R2, R6-R9), department teams, monthly service contracts "
                            + "and their visits (H1-H6), department registers and the month close (H8).",
            "callback",
                    "Steward replies, callbacks and complaint sign-off (R3-R5, C1-C5), the SLA obligations and "
                            + "their breaches, compliance figures, what-if simulations and the shift handover.",
            "billing", "Price lists (P1), quotes for paid work (R7, P2) and the owners' monthly statements (H7).");

    private final String service;
    private final String applicationName;
    private final String version;

    /**
     * @param service the access table's name of the service ({@code ticket}, ...)
     * @param applicationName {@code ticket-service}, ...
     */
    public ContractDocumentation(String service, String applicationName) {
        this(service, applicationName, projectVersion());
    }

    /** For the running service: its access-table name the same way the security configuration finds it. */
    public static ContractDocumentation of(Environment env) {
        String applicationName = env.getProperty("spring.application.name", "propdesk");
        String name = env.getProperty("propdesk.security.service", applicationName);
        return new ContractDocumentation(
                name.endsWith("-service") ? name.substring(0, name.length() - "-service".length()) : name,
                applicationName);
    }

    ContractDocumentation(String service, String applicationName, String version) {
        this.service = service;
        this.applicationName = applicationName;
        this.version = version;
    }

    /** The project version, written into {@code propdesk-build.properties} by the build. */
    static String projectVersion() {
        try (InputStream in = ContractDocumentation.class.getResourceAsStream("/propdesk-build.properties")) {
            Properties build = new Properties();
            if (in != null) {
                build.load(in);
            }
            return build.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ------------------------------------------------------------------ per operation: success codes

    @Override
    public Operation customize(Operation operation, HandlerMethod handler) {
        ApiResponses responses = operation.getResponses();
        ApiResponse ok = responses == null ? null : responses.get("200");
        if (ok != null && streams(handler)) {
            // the one kind of streamed answer the services give: a CSV export (platform's CsvExport)
            ok.description("OK: a CSV file (UTF-8 with a byte order mark), streamed")
                    .content(new Content().addMediaType(CSV, new MediaType().schema(new StringSchema())));
            return operation;
        }
        boolean setsItsOwnStatus =
                ResponseEntity.class.isAssignableFrom(handler.getMethod().getReturnType());
        if (ok == null
                || !handler.hasMethodAnnotation(PostMapping.class)
                || !setsItsOwnStatus
                || handler.hasMethodAnnotation(ResponseStatus.class)) {
            return operation;
        }
        ApiResponse created = new ApiResponse()
                .description("Created")
                .content(ok.getContent())
                .addHeaderObject(
                        "Location",
                        new Header()
                                .description("the path of what was created")
                                .schema(new StringSchema().format("uri-reference")));
        Replay replay = handler.getMethodAnnotation(Replay.class);
        ApiResponses reordered = new ApiResponses();
        reordered.addApiResponse("201", created);
        if (replay != null) {
            ok.description("OK: " + replay.value());
            ok.addHeaderObject("Location", created.getHeaders().get("Location"));
            reordered.addApiResponse("200", ok);
        }
        responses.forEach((status, response) -> {
            if (!status.equals("200")) {
                reordered.addApiResponse(status, response);
            }
        });
        return operation.responses(reordered);
    }

    private static boolean streams(HandlerMethod handler) {
        return handler.getMethod().getGenericReturnType() instanceof ParameterizedType type
                && Arrays.asList(type.getActualTypeArguments()).contains(StreamingResponseBody.class);
    }

    // ------------------------------------------------------------------ the whole document

    @Override
    public void customise(OpenAPI api) {
        api.info(new Info()
                .title("PropDesk " + applicationName + " API")
                .version(version)
                .description(SERVICES.getOrDefault(service, applicationName) + "\n\n" + CONVENTIONS));
        Components components = api.getComponents() == null ? new Components() : api.getComponents();
        api.components(components
                .addSecuritySchemes(
                        BASIC,
                        new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP)
                                .scheme("basic")
                                .description("Demo mode (the embedded default): the documented demo users."))
                .addSecuritySchemes(
                        BEARER,
                        new SecurityScheme()
                                .type(SecurityScheme.Type.HTTP)
                                .scheme("bearer")
                                .bearerFormat("JWT")
                                .description(
                                        "Production (propdesk.security.mode=jwt): a token of the "
                                                + "configured issuer for the configured audience; roles from the configured claim."))
                .addSchemas(PROBLEM, problemSchema()));
        if (api.getPaths() == null) {
            return;
        }
        api.getPaths()
                .forEach((path, item) ->
                        item.readOperationsMap().forEach((method, operation) -> document(path, method, operation)));
    }

    private static final String CONVENTIONS = """
            Every error is RFC 9457 problem+json (the Problem schema): 400 names each invalid field in `errors`, 403 \
            names the roles the endpoint needs, 409 names the rule (`rule`) or the concurrent change that refuses the \
            step; request bodies over 64 KB are refused with 413. Lists take `limit` (1..500, default 100) and an \
            opaque `cursor`, and answer a `Link: <...>; rel="next"` header while there is more.""";

    private void document(String path, PathItem.HttpMethod method, Operation operation) {
        Optional<Access.Endpoint> row = Access.of(service).stream()
                .filter(e ->
                        e.method().equalsIgnoreCase(method.name()) && e.path().equals(path))
                .findFirst();
        String summary = row.map(Access.Endpoint::summary)
                .filter(s -> !s.isBlank())
                .orElseGet(() -> humanize(operation.getOperationId()));
        operation.summary(summary);
        operation.description(row.map(ContractDocumentation::describe).orElse(operation.getDescription()));
        operation.security(
                List.of(new SecurityRequirement().addList(BASIC), new SecurityRequirement().addList(BEARER)));

        if (operation.getRequestBody() != null) {
            operation.getRequestBody().content(json(operation.getRequestBody().getContent()));
        }
        ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
        responses.values().forEach(response -> response.content(json(response.getContent())));
        if (method == PathItem.HttpMethod.GET && isList(responses.get("200"))) {
            responses
                    .get("200")
                    .addHeaderObject(
                            "Link",
                            new Header()
                                    .schema(new StringSchema())
                                    .description(
                                            "`<...>; rel=\"next\"`: the next page, while there is more (pass its cursor)"));
        }

        boolean body = operation.getRequestBody() != null;
        if (body || canBeInvalid(operation.getParameters())) {
            problem(responses, "400", "Invalid request: `errors` names each field and why");
        }
        problem(responses, "401", "No valid credentials");
        problem(
                responses,
                "403",
                "The caller's role may not do this"
                        + row.map(r -> ": needs one of " + roles(r)).orElse(""));
        if (path.contains("{")) {
            problem(responses, "404", "No such " + lastIdName(path));
        }
        if (method != PathItem.HttpMethod.GET) {
            problem(responses, "409", "Refused by a rule (named in `rule`) or by a concurrent change");
        }
        if (body) {
            problem(responses, "413", "The request body is over the size limit (64 KB)");
        }
        operation.responses(responses);
    }

    private static String describe(Access.Endpoint row) {
        String text = row.summary() + ". Roles: " + roles(row) + ".";
        return row.note().isBlank()
                ? text
                : text + " " + Character.toUpperCase(row.note().charAt(0))
                        + row.note().substring(1) + ".";
    }

    private static String roles(Access.Endpoint row) {
        return row.roles().stream().map(Role::name).collect(Collectors.joining(", "));
    }

    private static void problem(ApiResponses responses, String status, String description) {
        if (responses.containsKey(status)) {
            return;
        }
        responses.addApiResponse(
                status,
                new ApiResponse()
                        .description(description)
                        .content(new Content()
                                .addMediaType(
                                        PROBLEM_JSON,
                                        new MediaType()
                                                .schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)))));
    }

    /** springdoc writes {@code *}{@code /*} where a handler does not say what it produces: ours all produce JSON. */
    private static Content json(Content content) {
        if (content == null || !content.containsKey("*/*")) {
            return content;
        }
        Content fixed = new Content();
        content.forEach((type, media) -> fixed.addMediaType(type.equals("*/*") ? JSON : type, media));
        return fixed;
    }

    private static boolean isList(ApiResponse ok) {
        if (ok == null || ok.getContent() == null || ok.getContent().get(JSON) == null) {
            return false;
        }
        Schema<?> schema = ok.getContent().get(JSON).getSchema();
        return schema != null
                && ("array".equals(schema.getType())
                        || schema.getTypes() != null && schema.getTypes().contains("array"));
    }

    /** A query parameter, or one whose schema constrains it (a pattern, an enum, a range, a non-string type). */
    private static boolean canBeInvalid(List<Parameter> parameters) {
        if (parameters == null) {
            return false;
        }
        for (Parameter parameter : parameters) {
            Schema<?> s = parameter.getSchema();
            if ("query".equals(parameter.getIn())
                    || s != null
                            && (s.getPattern() != null
                                    || s.getEnum() != null
                                    || s.getMinimum() != null
                                    || s.getMaximum() != null
                                    || s.getMaxLength() != null
                                    || s.getFormat() != null
                                    || s.getType() != null && !s.getType().equals("string"))) {
                return true;
            }
        }
        return false;
    }

    private static String lastIdName(String path) {
        String name = path.substring(path.lastIndexOf('{') + 1, path.indexOf('}', path.lastIndexOf('{')));
        return name.endsWith("Id") ? name.substring(0, name.length() - 2) : name;
    }

    private static String humanize(String operationId) {
        if (operationId == null || operationId.isBlank()) {
            return "Operation";
        }
        String words = operationId
                .replaceAll("_\\d+$", "")
                .replaceAll("([a-z0-9])([A-Z])", "$1 $2")
                .toLowerCase();
        return Character.toUpperCase(words.charAt(0)) + words.substring(1);
    }

    /** RFC 9457 with PropDesk's extension members, top-level. */
    static Schema<?> problemSchema() {
        Map<String, Schema> error = new LinkedHashMap<>();
        error.put("field", new StringSchema().description("the field as the client sent it, e.g. items[0].price"));
        error.put("reason", new StringSchema());
        Map<String, Schema> properties = new LinkedHashMap<>();
        properties.put("type", new StringSchema().format("uri").description("identifies the kind of problem"));
        properties.put("title", new StringSchema().description("a short summary of the kind of problem"));
        properties.put("status", new IntegerSchema().description("the HTTP status code"));
        properties.put("detail", new StringSchema().description("what went wrong in this occurrence"));
        properties.put("instance", new StringSchema().format("uri-reference").description("the request path"));
        properties.put(
                "errors",
                new ArraySchema()
                        .items(new ObjectSchema()
                                .properties(error)
                                .required(new ArrayList<>(List.of("field", "reason"))))
                        .description("400: every invalid field"));
        properties.put("rule", new StringSchema().description("409: the rule that refuses the step, e.g. R7"));
        properties.put("requiredRoles", new StringSchema().description("403: the roles the endpoint admits"));
        return new ObjectSchema()
                .description("RFC 9457 problem details; extension members are top-level")
                .properties(properties);
    }
}
