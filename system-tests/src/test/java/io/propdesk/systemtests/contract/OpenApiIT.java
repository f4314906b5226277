package io.propdesk.systemtests.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.propdesk.contracts.access.Access;
import io.propdesk.standalone.Options;
import io.propdesk.standalone.PropDeskStandalone;
import io.propdesk.standalone.Running;
import io.propdesk.standalone.ServiceClient;
import io.propdesk.standalone.ServiceClient.Reply;
import io.propdesk.standalone.ServiceEndpoint;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15 item 12: each service's live {@code /v3/api-docs}, fetched as ADMIN, parses with swagger-parser without a
 * single message and says what the service does: title and version, a summary and the security of every operation,
 * the problem+json error responses it really gives, {@code application/json} content, the real success codes and
 * required fields. The documents are kept under {@code target/openapi/} for a linter run by hand.
 */
class OpenApiIT {

    private static final String PROBLEM = "application/problem+json";

    @TempDir
    static Path dataDir;

    private static Running system;
    private static final Map<String, String> DOCUMENTS = new java.util.HashMap<>();

    /** Fetches each live document once as ADMIN and keeps a copy under {@code target/openapi/<service>.json}. */
    @BeforeAll
    static void startTheSystemAndFetchTheDocuments() throws IOException {
        system = PropDeskStandalone.start(Options.randomPorts(dataDir));
        ServiceClient admin = ServiceClient.of(system).as("admin");
        for (ServiceEndpoint service : system.services()) {
            Reply reply = admin.get(service.name(), "/v3/api-docs");
            assertThat(reply.status()).as(service.name()).isEqualTo(200);
            Path saved = Path.of("target", "openapi", service.configName() + ".json");
            Files.createDirectories(saved.getParent());
            Files.writeString(saved, reply.raw());
            DOCUMENTS.put(service.name(), reply.raw());
        }
    }

    @AfterAll
    static void stopTheSystem() {
        if (system != null) {
            system.close();
        }
    }

    @Test
    void everyServiceDocumentParsesWithoutAnyMessageAndNamesTheServiceAndItsVersion_issue15_item12()
            throws IOException {
        for (ServiceEndpoint service : system.services()) {
            SwaggerParseResult parsed = parse(service);

            assertThat(parsed.getMessages())
                    .as(service.name() + ": swagger-parser messages")
                    .isEmpty();
            OpenAPI api = parsed.getOpenAPI();
            assertThat(api.getInfo().getTitle()).isEqualTo("PropDesk " + service.configName() + " API");
            assertThat(api.getInfo().getVersion()).as("the project version").matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
            assertThat(api.getInfo().getDescription()).as(service.name()).isNotBlank();
        }
    }

    @Test
    void everyRowOfTheAccessTableIsAnOperationWithItsSummaryAndTheRolesItAdmits_issue15_item12() throws IOException {
        for (ServiceEndpoint service : system.services()) {
            OpenAPI api = parse(service).getOpenAPI();
            for (Access.Endpoint row : Access.of(service.name())) {
                Operation operation = operation(api, row.method(), row.path());
                assertThat(operation).as(row.method() + " " + row.path()).isNotNull();
                assertThat(operation.getSummary())
                        .as(row.method() + " " + row.path())
                        .isEqualTo(row.summary());
                row.roles()
                        .forEach(role -> assertThat(operation.getDescription()).contains(role.name()));
            }
            operations(api)
                    .forEach((name, operation) -> assertThat(operation.getSummary())
                            .as(service.name() + " " + name + " summary")
                            .isNotBlank());
        }
    }

    @Test
    void everyOperationNeedsBasicInDemoModeOrABearerJwtInProduction_issue15_item12() throws IOException {
        for (ServiceEndpoint service : system.services()) {
            OpenAPI api = parse(service).getOpenAPI();
            Map<String, SecurityScheme> schemes = api.getComponents().getSecuritySchemes();
            assertThat(schemes.get("basicAuth").getScheme()).isEqualTo("basic");
            assertThat(schemes.get("bearerAuth").getScheme()).isEqualTo("bearer");
            assertThat(schemes.get("bearerAuth").getBearerFormat()).isEqualTo("JWT");
            operations(api)
                    .forEach((name, operation) -> assertThat(operation.getSecurity())
                            .as(service.name() + " " + name)
                            .extracting(requirement -> requirement.keySet())
                            .containsExactlyInAnyOrder(java.util.Set.of("basicAuth"), java.util.Set.of("bearerAuth")));
        }
    }

    @Test
    void everyOperationDocumentsTheProblemResponsesItGives_issue15_item12() throws IOException {
        for (ServiceEndpoint service : system.services()) {
            OpenAPI api = parse(service).getOpenAPI();
            Schema<?> problem = api.getComponents().getSchemas().get("Problem");
            assertThat(problem)
                    .as(service.name() + ": the shared RFC 9457 Problem schema")
                    .isNotNull();
            assertThat(problem.getProperties()).containsKeys("type", "title", "status", "detail", "instance");
            operations(api).forEach((name, operation) -> {
                List<String> expected = new ArrayList<>(List.of("401", "403"));
                if (name.contains("{")) {
                    expected.add("404");
                }
                if (operation.getRequestBody() != null) {
                    expected.addAll(List.of("400", "413"));
                }
                if (!name.startsWith("GET ")) {
                    expected.add("409");
                }
                for (String status : expected) {
                    ApiResponse response = operation.getResponses().get(status);
                    assertThat(response)
                            .as(service.name() + " " + name + " " + status)
                            .isNotNull();
                    assertThat(response.getContent()).as(name + " " + status).containsOnlyKeys(PROBLEM);
                    assertThat(response.getContent().get(PROBLEM).getSchema().get$ref())
                            .isEqualTo("#/components/schemas/Problem");
                }
            });
        }
    }

    @Test
    void successAnswersAreApplicationJsonAndListsAnnounceTheirNextLink_issue15_item12() throws IOException {
        for (ServiceEndpoint service : system.services()) {
            OpenAPI api = parse(service).getOpenAPI();
            operations(api)
                    .forEach((name, operation) -> operation.getResponses().forEach((status, response) -> {
                        Content content = response.getContent();
                        if (content != null && name.endsWith(".csv") && status.equals("200")) {
                            // issue 18: the SLA exports answer a CSV file
                            assertThat(content.keySet())
                                    .as(service.name() + " " + name)
                                    .containsExactly("text/csv");
                        } else if (content != null) {
                            assertThat(content.keySet())
                                    .as(service.name() + " " + name + " " + status)
                                    .doesNotContain("*/*")
                                    .allMatch(type -> type.equals("application/json") || type.equals(PROBLEM));
                        }
                    }));
            operations(api).forEach((name, operation) -> {
                ApiResponse ok = operation.getResponses().get("200");
                if (name.startsWith("GET ")
                        && ok != null
                        && ok.getContent() != null
                        && ok.getContent().get("application/json") != null
                        && "array"
                                .equals(ok.getContent()
                                        .get("application/json")
                                        .getSchema()
                                        .getType())) {
                    assertThat(ok.getHeaders()).as(service.name() + " " + name).containsKey("Link");
                }
            });
            if (!service.name().equals("ticket")) {
                continue;
            }
            assertThat(operation(api, "GET", "/api/tickets")
                            .getResponses()
                            .get("200")
                            .getHeaders())
                    .containsKey("Link");
        }
    }

    @Test
    void openingATicketIs201WithLocationOr200ForTheSameCallAndNeedsItsCallId_issue15_item12() throws IOException {
        OpenAPI api = parse(system.service("ticket")).getOpenAPI();
        Operation open = operation(api, "POST", "/api/tickets");

        assertThat(open.getResponses()).containsKeys("201", "200", "400", "409", "413");
        assertThat(open.getResponses().get("201").getHeaders()).containsKey("Location");
        String body = open.getRequestBody()
                .getContent()
                .get("application/json")
                .getSchema()
                .get$ref();
        Schema<?> request = api.getComponents().getSchemas().get(body.substring(body.lastIndexOf('/') + 1));
        assertThat(request.getRequired()).contains("callId", "estateId", "unitId", "kind", "description");
    }

    private static SwaggerParseResult parse(ServiceEndpoint service) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        return new OpenAPIV3Parser().readContents(DOCUMENTS.get(service.name()), null, options);
    }

    private static Map<String, Operation> operations(OpenAPI api) {
        Map<String, Operation> operations = new java.util.LinkedHashMap<>();
        api.getPaths()
                .forEach((path, item) -> item.readOperationsMap()
                        .forEach((method, operation) -> operations.put(method.name() + " " + path, operation)));
        return operations;
    }

    private static Operation operation(OpenAPI api, String method, String path) {
        PathItem item = api.getPaths().get(path);
        return item == null ? null : item.readOperationsMap().get(PathItem.HttpMethod.valueOf(method));
    }
}
