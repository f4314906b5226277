package io.propdesk.dispatch.domain;

import java.time.Instant;

/** One step of an order's history as department apps show it: what happened, when, by whom. */
public record HistoryEntry(String event, Instant at, String by, String detail) {}
