package io.propdesk.billing.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.propdesk.billing.BillingServiceApplication;
import io.propdesk.billing.query.ContractBook;
import io.propdesk.contracts.Department;
import io.propdesk.contracts.Money;
import io.propdesk.contracts.TicketKind;
import io.propdesk.contracts.Topics;
import io.propdesk.contracts.cloudevents.CloudEventCodec;
import io.propdesk.contracts.cloudevents.CloudEventCodec.Envelope;
import io.propdesk.contracts.dispatch.ContractSigned;
import io.propdesk.embedded.SharedInfrastructure;
import io.propdesk.embedded.SharedInfrastructureInitializer;
import io.propdesk.platform.relay.Relays;
import io.propdesk.platform.security.DemoUsers;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * Billing's input bounds from outside (issue 15 items 6, 7; issue 13 defect 4). The same context as BillingServiceIT,
 * shared by the test context cache, and its clock (2026-11-10).
 */
@SpringBootTest(
        classes = BillingServiceApplication.class,
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.config.name=billing-service", "spring.data.mongodb.database=billing_service_it"})
@ContextConfiguration(initializers = SharedInfrastructureInitializer.class)
@Import(BillingServiceIT.Clocks.class)
class BillingInputIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    int port;

    @Autowired
    ContractBook contracts;

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Content-Type", "application/json")
                .header("Authorization", DemoUsers.authorizationFor("billing", method, path));
        return http.send(
                (body == null ? b.GET() : b.method(method, HttpRequest.BodyPublishers.ofString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> fields(HttpResponse<String> response) throws Exception {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(response.body()).doesNotContain("io.propdesk", "$", "java.");
        List<String> fields = new ArrayList<>();
        JSON.readTree(response.body())
                .get("errors")
                .forEach(e -> fields.add(e.get("field").asText()));
        return fields;
    }

    private HttpResponse<String> priceList(String department, String effectiveFrom, String price) throws Exception {
        return send("PUT", "/api/price-lists/" + department, """
                {"effectiveFrom":"%s","publishedBy":"manager-wu","items":[{"code":"GR-MOW","name":"Mowing","unit":"m²"%s}]}""".formatted(
                effectiveFrom, price == null ? "" : ",\"price\":{\"amount\":" + price + ",\"currency\":\"CNY\"}"));
    }

    @Test
    void aPriceListItemWithoutItsPriceNamesItemsPrice_issue13_defect4() throws Exception {
        assertThat(fields(priceList("GREENING", "2026-12-01", null))).containsExactly("items[0].price");
    }

    @Test
    void pricesHaveAtMostTwoDecimalsUpToOneMillionAndAreNeverRounded_issue15_item7() throws Exception {
        for (String price : List.of("\"1e400\"", "\"80.005\"", "\"1000000.01\"", "80.00", "\"80,00\"")) {
            assertThat(fields(priceList("GREENING", "2026-12-01", price)))
                    .as(price)
                    .containsExactly("items[0].price");
        }
        HttpResponse<String> duplicate = send("PUT", "/api/price-lists/GREENING", """
                {"effectiveFrom":"2026-12-01","effectiveFrom":"2026-12-02","publishedBy":"m","items":[]}""");
        assertThat(fields(duplicate)).containsExactly("effectiveFrom");
    }

    @Test
    void priceListDatesLieBetween2000And2100_issue15_item6() throws Exception {
        assertThat(fields(priceList("GREENING", "+10000-01-01", "\"2.00\""))).containsExactly("effectiveFrom");
        assertThat(fields(priceList("GREENING", "2101-01-01", "\"2.00\""))).containsExactly("effectiveFrom");
        assertThat(fields(send("GET", "/api/price-lists/GREENING?at=2101-01-01", null)))
                .containsExactly("at");
        assertThat(fields(send("GET", "/api/price-lists/GREENING?at=1999-12-31", null)))
                .containsExactly("at");
        assertThat(fields(send("GET", "/api/statements/u-1/10000-01", null))).containsExactly("month");
    }

    @Test
    void theLastDayAPriceListMayTakeEffectIsPublishedAndFoundInForce_issue15_item6() throws Exception {
        HttpResponse<String> published = priceList("CLEANING", "2100-12-31", "\"1000000.00\"");
        assertThat(published.statusCode()).as(published.body()).isEqualTo(200);
        HttpResponse<String> inForce = send("GET", "/api/price-lists/CLEANING?at=2100-12-31", null);
        assertThat(inForce.statusCode()).as(inForce.body()).isEqualTo(200);
        JsonNode list = JSON.readTree(inForce.body());
        assertThat(list.get("effectiveFrom").asText()).isEqualTo("2100-12-31");
        assertThat(list.at("/items/0/price/amount").asText()).isEqualTo("1000000.00");
    }

    @Test
    void theContractBookKeepsAContractFromTheFirstToTheLastDayDispatchAccepts_issue15_item6() throws Exception {
        String contractId = "C-" + UUID.randomUUID();
        String customer = "u-" + UUID.randomUUID().toString().substring(0, 8);
        ContractSigned signed = new ContractSigned(
                contractId,
                customer,
                "sunrise",
                customer,
                TicketKind.CLEANING_MONTHLY,
                Department.CLEANING,
                LocalDate.of(2000, 1, 1),
                LocalDate.of(2100, 12, 31),
                EnumSet.allOf(DayOfWeek.class),
                LocalTime.of(23, 59),
                Money.cny("1000000.00"),
                1,
                null,
                "leader-wu",
                Instant.parse("2026-11-10T02:00:00Z"));
        try (KafkaProducer<String, byte[]> producer =
                Relays.producer(SharedInfrastructure.get().kafkaBootstrapServers())) {
            producer.send(CloudEventCodec.toRecord(
                            Topics.DISPATCH_EVENTS,
                            Envelope.of(UUID.randomUUID().toString(), Instant.now(), signed, contractId, 0)))
                    .get();
        }
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(contracts.ofCustomer(customer)).containsExactly(signed));
    }

    @Test
    void quantitiesArePositiveWholeNumbersNeverTruncatedOrReadFromStrings_issue15_item7() throws Exception {
        String quote = """
                {"ticketId":"T-1","orderId":"WO-1","department":"ENGINEERING","lines":[{"itemCode":"ENG-TAP","quantity":%s}],
                 "pricedBy":{"stewardId":"steward-li","professionalId":"pro-zhang"}}""";
        for (String quantity : List.of("2.5", "\"3\"", "true", "0")) {
            assertThat(fields(send("POST", "/api/quotes", quote.formatted(quantity))))
                    .as(quantity)
                    .containsExactly("lines[0].quantity");
        }
    }
}
