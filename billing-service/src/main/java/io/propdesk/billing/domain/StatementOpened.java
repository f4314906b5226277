package io.propdesk.billing.domain;

import java.time.YearMonth;

/** Internal: the first charge of a customer's month opened its statement, in the customer's estate. */
public record StatementOpened(String statementId, String customerId, YearMonth month, String estateId) {}
