package io.propdesk.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.propdesk.contracts.cloudevents.MalformedCloudEventException;
import io.propdesk.platform.domain.BadRequestException;
import io.propdesk.platform.domain.RuleViolationException;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.listener.ListenerExecutionFailedException;

/** Issue 15 item 11: the reason a dead-letter line gives names the field or rule, never the record's content. */
class DeadLetterRecovererTest {

    @Test
    void theReasonNamesTheFieldOrRuleAndNeverQuotesTheRecord_issue15_item11() {
        assertThat(DeadLetterRecoverer.reason(new ListenerExecutionFailedException(
                        "listener failed", new BadRequestException("unitId", "unit u9 does not exist"))))
                .isEqualTo("unitId: unit u9 does not exist");
        assertThat(DeadLetterRecoverer.reason(new ListenerExecutionFailedException(
                        "listener failed", new RuleViolationException("C3", "not signed off"))))
                .isEqualTo("not signed off (C3)");
        // a parser's message may quote the value (here a caller's name): only the attribute is named
        assertThat(DeadLetterRecoverer.reason(new ListenerExecutionFailedException(
                        "listener failed",
                        new MalformedCloudEventException("value", "Unrecognized token 'Zhou': was expecting JSON"))))
                .isEqualTo("malformed CloudEvent (value)")
                .doesNotContain("Zhou");
        assertThat(DeadLetterRecoverer.reason(new ListenerExecutionFailedException(
                        "listener failed", new IllegalStateException("Zhou Caller 13944444444"))))
                .isEqualTo("IllegalStateException");
    }
}
