package io.propdesk.dispatch.domain;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.propdesk.contracts.Department;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkOrderViewTest {

    /** GET /api/orders/{id} as it answered before the view was grouped: system tests and clients read these. */
    private static final List<String> FLAT_PROPERTIES = List.of(
            "orderId",
            "ticketId",
            "status",
            "estateId",
            "areaId",
            "buildingId",
            "unitId",
            "kind",
            "department",
            "paid",
            "contractId",
            "customerId",
            "month",
            "description",
            "serviceTime",
            "mode",
            "assignee",
            "returnRule",
            "followUpOf",
            "pickedUpBy",
            "assignedTo",
            "acceptedQuoteId",
            "dispatchedAt",
            "startedAt",
            "completedAt",
            "dueAt",
            "returnedAt",
            "late",
            "explained",
            "lateUnexplained",
            "reworkReportDates",
            "reworkResolved",
            "history");

    @Test
    void groupedViewStillAnswersOneFlatObjectWithTheSamePropertiesInTheSameOrder_issue14_item7() {
        WorkOrderView view = WorkOrderView.of(Orders.replayed(Orders.completedEvents(true)));

        JsonNode json = JsonMapper.builder().findAndAddModules().build().valueToTree(view);

        assertThat(json.fieldNames()).toIterable().containsExactlyElementsOf(FLAT_PROPERTIES);
        assertThat(json.get("department").asText()).isEqualTo(Department.ENGINEERING.name());
        assertThat(json.get("unitId").asText()).isEqualTo("b1-101");
        assertThat(json.get("acceptedQuoteId").asText()).isEqualTo("Q-9");
        assertThat(json.get("paid").asBoolean()).isTrue();
        assertThat(json.get("completedAt").isNull()).isFalse();
    }

    @Test
    void viewIsBuiltFromTheAggregateIntoItsGroups_issue14_item7() {
        WorkOrderView view = WorkOrderView.of(Orders.replayed(Orders.completedEvents(false)));

        assertThat(view.place()).isEqualTo(new WorkOrderView.Place("sunrise", "north", "b1", "b1-101"));
        assertThat(view.job().customerId()).isEqualTo("b1-101");
        assertThat(view.job().month()).isEqualTo(Orders.MONTH);
        assertThat(view.dispatch().assignee()).isEqualTo(Orders.LEADER);
        assertThat(view.progress().pickedUpBy()).isEqualTo(Orders.LEADER);
        assertThat(view.progress().completedAt()).isEqualTo(Orders.COMPLETED_AT);
        assertThat(view.status()).isEqualTo(OrderStatus.COMPLETED);
    }
}
