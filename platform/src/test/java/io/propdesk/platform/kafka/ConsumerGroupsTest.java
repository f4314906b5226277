package io.propdesk.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Issue 14 item 7: one naming rule for consumer groups, {@code <service>.<purpose>}, enforced at start-up. */
class ConsumerGroupsTest {

    @Test
    void aGroupNamedServiceDotPurposeFollowsTheRule_issue14_item7() {
        assertThat(ConsumerGroups.followsRule("ticket-service.call-intake")).isTrue();
        assertThat(ConsumerGroups.followsRule("dispatch-service.order-list")).isTrue();
        ConsumerGroups.requireRule("callback-service.ledger");
    }

    @Test
    void aBareServiceNameOrAnUnreadablePurposeIsRefused_issue14_item7() {
        assertThat(ConsumerGroups.followsRule("ticket-service"))
                .as("the old call-center group")
                .isFalse();
        assertThat(ConsumerGroups.followsRule("ticket-service.")).isFalse();
        assertThat(ConsumerGroups.followsRule("ticket-service.Callbacks")).isFalse();
        assertThat(ConsumerGroups.followsRule("ticket-service.callbacks.v2")).isFalse();
        assertThat(ConsumerGroups.followsRule("${spring.application.name}.orders"))
                .isFalse();
        assertThatThrownBy(() -> ConsumerGroups.requireRule("ticket-service"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("<service>.<purpose>");
    }
}
