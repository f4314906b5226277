package io.propdesk.console.management;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The admin and billing screens' lists typed one entry a line, as the services receive them. */
class FormTextTest {

    @Test
    void anEstateFormBecomesTheWholeConfigurationTicketServiceReplaces() {
        AdminController.EstateForm form = new AdminController.EstateForm(
                "Maple Court",
                "Asia/Shanghai",
                "08:30",
                "",
                List.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY),
                "2026-10-01\n\n2026-10-02\n",
                2,
                " 021 8888 6666 \n",
                "east | East side\r\nwest|West",
                "m1 | east | Block M1 | steward-maple | 101 102,103\nm2 | west\n");
        Map<String, Object> body = form.body();
        assertThat(body.get("workdayStart")).isEqualTo("08:30");
        assertThat(body.get("workdayEnd")).isNull(); // the service's default
        assertThat(body.get("holidays")).isEqualTo(List.of("2026-10-01", "2026-10-02"));
        assertThat(body.get("hotlines")).isEqualTo(List.of("021 8888 6666"));
        assertThat(body.get("areas"))
                .isEqualTo(List.of(
                        Map.of("areaId", "east", "name", "East side"), Map.of("areaId", "west", "name", "West")));
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> buildings = (List<Map<String, Object>>) body.get("buildings");
        assertThat(buildings.get(0))
                .containsEntry("buildingId", "m1")
                .containsEntry("areaId", "east")
                .containsEntry("name", "Block M1")
                .containsEntry("stewardId", "steward-maple")
                .containsEntry("units", List.of("101", "102", "103"));
        // fields left out are blank, so ticket-service names what is missing
        assertThat(buildings.get(1)).containsEntry("name", null).containsEntry("units", List.of());
    }

    @Test
    void aPriceListIsReadOneItemALineAndTheFirstMalformedLineIsNamed() {
        BillingController.PriceListText.Parsed parsed =
                BillingController.PriceListText.read("TAP | Replace tap | each | 80\n\nHOUR|Hourly|hour|50.5\n");
        assertThat(parsed.badLine()).isZero();
        assertThat(parsed.items()).hasSize(2);
        assertThat(parsed.items().get(1))
                .containsEntry("code", "HOUR")
                .containsEntry("price", Map.of("amount", "50.5", "currency", "CNY"));

        assertThat(BillingController.PriceListText.read("TAP | tap | each | 80\nMOW | mow | m2")
                        .badLine())
                .isEqualTo(2);
        assertThat(BillingController.PriceListText.read("TAP | tap | each | eighty")
                        .badLine())
                .isEqualTo(1);
    }
}
