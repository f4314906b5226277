package io.propdesk.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Issue 14 item 7: one naming rule for consumer groups, {@code <service>.<purpose>}, enforced at start-up. */
class ConsumerGroupsTest {

    @Test
    void aGroupNamedServiceDotPurposeFollowsTheRule_issue14_item7() {
        assertThat(ConsumerGroups.followsRule("ticket-service", "ticket-service.call-intake")).isTrue();
        assertThat(ConsumerGroups.followsRule("dispatch-service", "dispatch-service.order-list")).isTrue();
        ConsumerGroups.requireRule("callback-service", "callback-service.ledger");
    }

    @Test
    void aBareServiceNameAnotherServicesNameOrAnUnreadablePurposeIsRefused_issue14_item7() {
        assertThat(ConsumerGroups.followsRule("ticket-service", "ticket-service")).isFalse();
        assertThat(ConsumerGroups.followsRule("ticket-service", "ticket-service.")).isFalse();
        assertThat(ConsumerGroups.followsRule("ticket-service", "billing-service.dispatch")).isFalse();
        assertThat(ConsumerGroups.followsRule("ticket-service", "ticket-service.Callbacks")).isFalse();
        assertThat(ConsumerGroups.followsRule("ticket-service", "ticket-service.callbacks.v2")).isFalse();
        assertThatThrownBy(() -> ConsumerGroups.requireRule("ticket-service", "ticket-service"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("<service>.<purpose>");
        assertThatThrownBy(() -> ConsumerGroups.requireRule(null, "ticket-service.timeline"))
                .as("without spring.application.name no group can be checked").isInstanceOf(IllegalStateException.class);
    }
}
