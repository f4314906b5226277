package io.propdesk.platform.web.paging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.propdesk.platform.domain.BadRequestException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;

/** The paging plumbing every list endpoint shares (issue 15 item 9), as plain objects. */
class PageTest {

    record Row(Instant at, String id) {}

    private static final Function<Row, Cursor> CURSOR = r -> Cursor.of(r.at(), r.id());
    private static final Function<Cursor, Predicate<Row>> AFTER = c -> r -> c.compareTo(r.at(), r.id()) < 0;

    @Test
    void walkingInMemoryPagesGivesEveryRowOnceInOrderAlsoWhenSortKeysAreEqual_issue15_item9() {
        Instant t = Instant.parse("2026-12-01T01:00:00.123456789Z");
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            rows.add(new Row(i < 5 ? t : t.plusNanos(1), "id-" + (9 - i)));
        }
        rows.sort(Comparator.comparing(Row::at).thenComparing(Row::id));

        List<Row> walked = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        PageRequest request = PageRequest.of(3, null);
        while (true) {
            Page<Row> page = Page.slice(rows, request, AFTER, CURSOR);
            walked.addAll(page.rows());
            sizes.add(page.rows().size());
            if (page.next() == null) {
                break;
            }
            request = PageRequest.of(3, page.next().token());
        }
        assertThat(walked).containsExactlyElementsOf(rows);
        assertThat(sizes).containsExactly(3, 3, 1);
    }

    @Test
    void aPageEndingAtTheLastRowHasNoNext_issue15_item9() {
        List<Row> rows = List.of(new Row(Instant.EPOCH, "a"), new Row(Instant.EPOCH, "b"));
        assertThat(Page.slice(rows, PageRequest.of(2, null), AFTER, CURSOR).next())
                .isNull();
        assertThat(Page.slice(rows, PageRequest.of(1, null), AFTER, CURSOR).next())
                .isEqualTo(CURSOR.apply(rows.get(0)));
    }

    @Test
    void aCursorRoundTripsAnyIdAndRefusesTokensItDidNotMake_issue15_item9() {
        Cursor cursor = Cursor.of(Instant.parse("2026-12-01T01:00:00Z"), "T-1:\u00e9/\n?&=");
        assertThat(Cursor.parse(cursor.token())).isEqualTo(cursor);
        assertThat(cursor.token()).matches("[A-Za-z0-9_-]+");
        for (String bad : List.of(
                "",
                "***",
                "AAAA",
                "x".repeat(600),
                token("no-separator"),
                token("\nid"),
                token("key\n"),
                token("yesterday\nT-1"))) {
            assertThatThrownBy(() -> PageRequest.of(null, bad).after().instant())
                    .as(bad)
                    .isInstanceOfSatisfying(
                            BadRequestException.class,
                            e -> assertThat(e.field()).isEqualTo("cursor"));
        }
    }

    @Test
    void aLimitOutside1To500IsRefusedNamingLimitAndAbsentIs100_issue15_item9() {
        assertThat(PageRequest.of(null, null).limit()).isEqualTo(100);
        assertThat(PageRequest.of(500, null).limit()).isEqualTo(500);
        for (int bad : new int[] {0, -1, 501}) {
            assertThatThrownBy(() -> PageRequest.of(bad, null))
                    .isInstanceOfSatisfying(
                            BadRequestException.class,
                            e -> assertThat(e.field()).isEqualTo("limit"));
        }
    }

    @Test
    void theNextLinkKeepsPathAndFiltersAsSentAndReplacesTheCursor_issue15_item9() {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/orders");
        request.setQueryString("department=ENGINEERING&assignee=leader%20wu&cursor=old&limit=2");
        Cursor next = Cursor.of(Instant.EPOCH, "WO-1");

        var answer = new Page<>(List.of("a", "b"), next).answer(request);

        assertThat(answer.getHeaders().get("Link"))
                .containsExactly("</api/orders?department=ENGINEERING" + "&assignee=leader%20wu&limit=2&cursor="
                        + next.token() + ">; rel=\"next\"");
        assertThat(new Page<>(List.of("a"), null).answer(request).getHeaders().get("Link"))
                .isNull();
    }

    private static String token(String content) {
        return java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(content.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
