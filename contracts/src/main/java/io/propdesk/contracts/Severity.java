package io.propdesk.contracts;

/** Only complaints have a severity; a MAJOR complaint may be called back only by rank (C2). */
public enum Severity {
    NORMAL,
    MAJOR
}
