package io.propdesk.billing.domain;

import java.time.YearMonth;

/** Names of statements and charges; deterministic, so a repeated posting finds what it posted before (H7). */
public final class Statements {

    private Statements() {}

    /** One statement per customer per month (H7). */
    public static String statementId(String customerId, YearMonth month) {
        return "ST-" + customerId + "-" + month;
    }

    /** A paid order is charged once (R7, P2). */
    public static String orderChargeId(String orderId) {
        return "CH-" + orderId;
    }

    /** A contract is charged once per month it runs (H1, H7). */
    public static String contractFeeChargeId(String contractId, YearMonth month) {
        return "CF-" + contractId + "-" + month;
    }
}
