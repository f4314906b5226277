package io.propdesk.dispatch.domain;

/**
 * Internal: the order was entered in the register of the month it was dispatched in (estate time zone), under its
 * customer (H1, H7); the month decides which close archives it (H8).
 *
 * @param month {@code yyyy-MM}
 */
public record OrderEnteredInRegister(String orderId, String month, String customerId) {}
