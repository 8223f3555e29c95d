package org.openchakra.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openchakra.support.Json.obj;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openchakra.support.IntegrationTest;
import org.openchakra.support.Reply;
import tools.jackson.databind.JsonNode;

/** The list query language of platform.md §4, operator by operator, combined, and paged. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ProcessQueryTest extends IntegrationTest {

    private static final String[] CITIES = {"Pune", "Delhi", "Mumbai"};
    private static final int COUNT = 30;
    private TestTeam team;
    private long middle;

    /** deal i: amount = i*10, city = CITIES[i%3], vip = (i%5 == 0), tags by i%2, score present on even i only. */
    @BeforeAll
    void seed() {
        team = newTeam();
        Reply made = api().post(
                        "/v1/admin/procedures",
                        team.adminToken(),
                        obj(
                                "shortId",
                                "deal",
                                "states",
                                List.of(obj("shortId", "OPEN_D"), obj("shortId", "WON")),
                                "completedState",
                                "WON",
                                "attributes",
                                List.of(
                                        obj("shortId", "no", "type", "integer"),
                                        obj("shortId", "city", "type", "string"),
                                        obj("shortId", "amount", "type", "integer"),
                                        obj("shortId", "score", "type", "float"),
                                        obj("shortId", "closing", "type", "datetime"),
                                        obj("shortId", "vip", "type", "boolean"),
                                        obj(
                                                "shortId",
                                                "tags",
                                                "type",
                                                "multiStringEnum",
                                                "options",
                                                List.of("hot", "cold", "b2b")))));
        assertThat(made.status()).as(made.toString()).isEqualTo(200);
        for (int i = 0; i < COUNT; i++) {
            Map<String, Object> data = obj(
                    "no",
                    i,
                    "city",
                    CITIES[i % 3],
                    "amount",
                    i * 10,
                    "closing",
                    1_700_000_000_000L + i * 86_400_000L,
                    "vip",
                    i % 5 == 0,
                    "tags",
                    i % 2 == 0 ? List.of("hot", "b2b") : List.of("cold"));
            if (i % 2 == 0) {
                data.put("score", i / 2.0);
            }
            Reply r = api().post(
                            "/v1/ext/procedure/deal/process",
                            team.adminToken(),
                            obj(
                                    "data",
                                    data,
                                    "state",
                                    i < 4 ? "WON" : "OPEN_D",
                                    "assignedTo",
                                    i == 7 ? "admin" : null));
            assertThat(r.status()).as(r.toString()).isEqualTo(200);
            if (i == COUNT / 2) {
                middle = r.data().path("createdAt").asLong();
            }
        }
    }

    @Test
    void equalityAnyOfAndNotEqual() {
        assertThat(numbers(obj("city", "Pune"))).containsExactlyInAnyOrderElementsOf(where(i -> i % 3 == 0));
        assertThat(numbers(obj("city", List.of("Pune", "Delhi"))))
                .containsExactlyInAnyOrderElementsOf(where(i -> i % 3 != 2));
        assertThat(numbers(obj("city", obj("!=", "Pune")))).containsExactlyInAnyOrderElementsOf(where(i -> i % 3 != 0));
        assertThat(numbers(obj("city", obj("=", List.of("Mumbai")))))
                .containsExactlyInAnyOrderElementsOf(where(i -> i % 3 == 2));
        assertThat(numbers(obj("amount", "50"))).containsExactly(5);
        assertThat(numbers(obj("vip", true))).containsExactlyInAnyOrderElementsOf(where(i -> i % 5 == 0));
        assertThat(numbers(obj("tags", "b2b"))).containsExactlyInAnyOrderElementsOf(where(i -> i % 2 == 0));
        assertThat(numbers(obj("tags", List.of("cold", "b2b")))).hasSize(COUNT);
        // Absent values: != includes them, = null finds them.
        assertThat(numbers(obj("score", null))).containsExactlyInAnyOrderElementsOf(where(i -> i % 2 == 1));
        assertThat(numbers(obj("score", obj("!=", 1.0)))).containsExactlyInAnyOrderElementsOf(where(i -> i != 2));
    }

    @Test
    void rangesOnNumbersAndTimes() {
        assertThat(numbers(obj("amount", obj(">", 250)))).containsExactlyInAnyOrder(26, 27, 28, 29);
        assertThat(numbers(obj("amount", obj(">=", 250)))).containsExactlyInAnyOrder(25, 26, 27, 28, 29);
        assertThat(numbers(obj("amount", obj("<", 20)))).containsExactlyInAnyOrder(0, 1);
        assertThat(numbers(obj("amount", obj("<=", 20)))).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(numbers(obj("amount", obj(">=", "100", "<", 130)))).containsExactlyInAnyOrder(10, 11, 12);
        assertThat(numbers(obj("score", obj(">", 13.5)))).containsExactlyInAnyOrder(28);
        long day3 = 1_700_000_000_000L + 3 * 86_400_000L;
        assertThat(numbers(obj("closing", obj("<", day3)))).containsExactlyInAnyOrder(0, 1, 2);
        assertThat(numbers(obj(
                        "closing", obj("<", java.time.Instant.ofEpochMilli(day3).toString()))))
                .containsExactlyInAnyOrder(0, 1, 2);
        assertThat(numbers(obj("createdAt", obj(">", middle))))
                .containsExactlyInAnyOrderElementsOf(where(i -> i > COUNT / 2));
        assertThat(numbers(obj(
                        "createdAt",
                        obj("<=", java.time.Instant.ofEpochMilli(middle).toString()))))
                .containsExactlyInAnyOrderElementsOf(where(i -> i <= COUNT / 2));
    }

    @Test
    void rootFieldsAndNestedOrAnd() {
        assertThat(numbers(obj("state", "WON"))).containsExactlyInAnyOrder(0, 1, 2, 3);
        assertThat(numbers(obj("status", "COMPLETED"))).containsExactlyInAnyOrder(0, 1, 2, 3);
        assertThat(numbers(obj("assignedTo", "admin"))).containsExactly(7);
        assertThat(numbers(obj("or", List.of(obj("amount", 10), obj("city", "Mumbai", "vip", true)))))
                .containsExactlyInAnyOrderElementsOf(where(i -> i == 1 || (i % 3 == 2 && i % 5 == 0)));
        assertThat(numbers(obj(
                        "city",
                        "Pune",
                        "or",
                        List.of(
                                obj("amount", obj("<", 40)),
                                obj("and", List.of(obj("vip", true), obj("amount", obj(">", 200))))))))
                .containsExactlyInAnyOrder(0, 3);
        assertThat(numbers(obj("or", List.of()))).isEmpty();
    }

    @Test
    void pagingVisitsEveryRowOnceNewestFirst() {
        List<Integer> seen = new ArrayList<>();
        List<Long> created = new ArrayList<>();
        int skip = 0;
        boolean hasMore = true;
        while (hasMore) {
            Reply page =
                    api().post("/v1/ext/procedure/deal/process/list", team.adminToken(), obj("skip", skip, "limit", 7));
            assertThat(page.status()).isEqualTo(200);
            page.data().forEach(p -> {
                seen.add(p.path("data").path("no").asInt());
                created.add(p.path("createdAt").asLong());
            });
            hasMore = page.json().path("_meta").path("hasMore").asBoolean();
            skip += 7;
        }
        assertThat(seen).hasSize(COUNT).doesNotHaveDuplicates();
        assertThat(created).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(api().post("/v1/ext/procedure/deal/process/list", team.adminToken(), obj())
                        .data()
                        .size())
                .isEqualTo(10);
        Reply sorted = api().post(
                        "/v1/ext/procedure/deal/process/list",
                        team.adminToken(),
                        obj("sort", obj("amount", "asc"), "limit", 3));
        assertThat(sorted.data().findValues("no").stream().map(JsonNode::asInt).toList())
                .containsExactly(0, 1, 2);
    }

    @Test
    void badQueriesAre400NamingThePath() {
        assertBad(obj("where", obj("colour", "red")), "where.colour");
        assertBad(obj("where", obj("amount", obj("~", 3))), "where.amount");
        assertBad(obj("where", obj("amount", obj(">", "lots"))), "where.amount.>");
        assertBad(obj("where", obj("tags", obj(">", "hot"))), "where.tags.>");
        assertBad(obj("where", obj("state", "LOST")), "where.state");
        assertBad(obj("where", obj("or", obj("city", "Pune"))), "where.or");
        assertBad(obj("where", obj("createdAt", obj(">", "yesterday"))), "where.createdAt.>");
        assertBad(obj("limit", 101), "limit");
        assertBad(obj("skip", -1), "skip");
        assertBad(obj("sort", obj("amount", "up")), "sort.amount");
    }

    private void assertBad(Map<String, Object> body, String field) {
        Reply r = api().post("/v1/ext/procedure/deal/process/list", team.adminToken(), body);
        assertThat(r.status()).as(r.toString()).isEqualTo(400);
        assertThat(r.json().path("_errorDetails").findValuesAsString("field")).contains(field);
    }

    /** The {@code no} of every process matching {@code where}, all pages. */
    private List<Integer> numbers(Map<String, Object> where) {
        Reply r =
                api().post("/v1/ext/procedure/deal/process/list", team.adminToken(), obj("where", where, "limit", 100));
        assertThat(r.status()).as(r.toString()).isEqualTo(200);
        assertThat(r.json().path("_meta").path("hasMore").asBoolean()).isFalse();
        List<Integer> out = new ArrayList<>();
        r.data().forEach(p -> out.add(p.path("data").path("no").asInt()));
        Set<Integer> unique = new HashSet<>(out);
        assertThat(unique).hasSize(out.size());
        return out;
    }

    private static List<Integer> where(java.util.function.IntPredicate p) {
        return IntStream.range(0, COUNT).filter(p).boxed().toList();
    }
}
