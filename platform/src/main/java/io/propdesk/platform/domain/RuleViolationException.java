package io.propdesk.platform.domain;

/** A business rule forbids this step now: 409 naming the rule id of docs/domain.md (for example R7). */
public class RuleViolationException extends RuntimeException {

    private final String rule;

    public RuleViolationException(String rule, String message) {
        super(message + " (" + rule + ")");
        this.rule = rule;
    }

    public String rule() {
        return rule;
    }
}
