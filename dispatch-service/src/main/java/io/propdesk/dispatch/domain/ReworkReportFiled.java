package io.propdesk.dispatch.domain;

import java.time.LocalDate;

/** Internal: the day a rework progress report covers, so each day gets at most one (R6). */
public record ReworkReportFiled(String orderId, LocalDate date) {}
