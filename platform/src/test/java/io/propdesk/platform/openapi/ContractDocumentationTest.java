package io.propdesk.platform.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.junit.jupiter.api.Test;

/** The conventions of issue 15 item 12 on a document without a running service (OpenApiIT checks the live ones). */
class ContractDocumentationTest {

    private final ContractDocumentation documentation = new ContractDocumentation("ticket", "ticket-service", "1.2.3");

    @Test
    void aReadByIdGetsTheRowsSummaryRolesSecurityAndOnlyTheErrorsAReadCanGive_issue15_item12() {
        OpenAPI api = document(
                "/api/tickets/{ticketId}",
                PathItem.HttpMethod.GET,
                new Operation()
                        .addParametersItem(
                                new Parameter().in("path").name("ticketId").schema(new StringSchema()))
                        .responses(ok(new StringSchema())));

        documentation.customise(api);

        Operation read = api.getPaths().get("/api/tickets/{ticketId}").getGet();
        assertThat(api.getInfo().getTitle()).isEqualTo("PropDesk ticket-service API");
        assertThat(api.getInfo().getVersion()).isEqualTo("1.2.3");
        assertThat(read.getSummary()).isEqualTo("Read a ticket");
        assertThat(read.getDescription()).contains("FRONT_DESK, STEWARD, MANAGER, ADMIN", "Shows the caller's name");
        assertThat(read.getSecurity()).hasSize(2);
        assertThat(read.getResponses()).containsOnlyKeys("200", "401", "403", "404");
        assertThat(read.getResponses().get("200").getContent()).containsOnlyKeys("application/json");
        assertThat(read.getResponses()
                        .get("404")
                        .getContent()
                        .get("application/problem+json")
                        .getSchema()
                        .get$ref())
                .isEqualTo("#/components/schemas/Problem");
    }

    @Test
    void aListAnnouncesItsLinkHeaderAndAQueryParameterCanBeA400_issue15_item12() {
        OpenAPI api = document(
                "/api/tickets",
                PathItem.HttpMethod.GET,
                new Operation()
                        .addParametersItem(
                                new Parameter().in("query").name("limit").schema(new StringSchema()))
                        .responses(ok(new ArraySchema().items(new StringSchema()))));

        documentation.customise(api);

        Operation list = api.getPaths().get("/api/tickets").getGet();
        assertThat(list.getResponses()).containsOnlyKeys("200", "400", "401", "403");
        assertThat(list.getResponses().get("200").getHeaders()).containsKey("Link");
    }

    @Test
    void aCommandWithABodyCanBeInvalidTooLargeOrRefusedByARule_issue15_item12() {
        OpenAPI api = document(
                "/api/estates/{estateId}",
                PathItem.HttpMethod.PUT,
                new Operation()
                        .requestBody(new io.swagger.v3.oas.models.parameters.RequestBody()
                                .content(new Content().addMediaType("*/*", new MediaType().schema(new StringSchema()))))
                        .responses(ok(new StringSchema())));

        documentation.customise(api);

        Operation configure = api.getPaths().get("/api/estates/{estateId}").getPut();
        assertThat(configure.getSummary()).isEqualTo("Configure an estate");
        assertThat(configure.getResponses()).containsOnlyKeys("200", "400", "401", "403", "404", "409", "413");
        assertThat(configure.getRequestBody().getContent()).containsOnlyKeys("application/json");
        assertThat(api.getComponents().getSecuritySchemes()).containsOnlyKeys("basicAuth", "bearerAuth");
    }

    private static OpenAPI document(String path, PathItem.HttpMethod method, Operation operation) {
        PathItem item = new PathItem();
        item.operation(method, operation);
        return new OpenAPI().paths(new Paths().addPathItem(path, item));
    }

    private static ApiResponses ok(io.swagger.v3.oas.models.media.Schema<?> schema) {
        return new ApiResponses()
                .addApiResponse(
                        "200",
                        new ApiResponse()
                                .description("OK")
                                .content(new Content().addMediaType("*/*", new MediaType().schema(schema))));
    }
}
