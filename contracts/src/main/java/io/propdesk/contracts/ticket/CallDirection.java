package io.propdesk.contracts.ticket;

/** Which way a call went, as the phone system reports it (Zammad generic CTI {@code direction}: in / out). */
public enum CallDirection {
    IN,
    OUT
}
