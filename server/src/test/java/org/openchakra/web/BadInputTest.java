package org.openchakra.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicContainer.dynamicContainer;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.openchakra.support.ApiClient;
import org.openchakra.support.IntegrationTest;
import org.openchakra.support.RawHttp;
import org.openchakra.support.Reply;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.server.PathContainer;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPatternParser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The bad-input suite (README §4): malformed JSON, wrong types, huge bodies, invalid ids, absurd query
 * strings, unknown paths and methods, on every endpoint: always 4xx with {@code _errors}, never 5xx; and
 * a refused request changes nothing.
 *
 * <p>The endpoints are read from Spring MVC's own handler mapping, so an endpoint added later is attacked
 * without anyone touching this class. One team serves all the dynamic tests, to keep the suite fast.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest extends IntegrationTest {

    /** The families of paths a caller reaches; /error, /actuator and the OpenAPI pages are not the API. */
    private static final List<String> API_PREFIXES = List.of("/v1/", "/v2/", "/webhooks/", "/public-media/");

    private static final List<String> METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE");
    private static final Set<String> BODY_METHODS = Set.of("POST", "PUT", "PATCH");
    private static final String JSON = "application/json";
    private static final String FORM = "application/x-www-form-urlencoded";
    /** Body types a handler takes as they come, for which "malformed JSON" means nothing. */
    private static final Set<Class<?>> RAW_BODY_TYPES = Set.of(String.class, byte[].class);

    private static final Map<String, Supplier<String>> PATH_VALUES = new LinkedHashMap<>();

    static {
        PATH_VALUES.put("not-a-uuid", () -> "not-a-uuid");
        PATH_VALUES.put("%00", () -> "%00");
        PATH_VALUES.put("a random UUID", () -> UUID.randomUUID().toString());
        PATH_VALUES.put("5000 characters", () -> "x".repeat(5000));
    }

    private static final Map<String, String> ABSURD_QUERIES = new LinkedHashMap<>();

    static {
        ABSURD_QUERIES.put("nonsense paging and a bad escape", "limit=-1&skip=abc&page=99999999999999999999&x=%ZZ");
        ABSURD_QUERIES.put("10 000 repeated parameters", "a=1&".repeat(10_000));
        ABSURD_QUERIES.put("a 40 KB query string", "q=" + "x".repeat(40 * 1024));
    }

    /** Field names the API's bodies use; a wrong-typed body sets all of them, whatever the endpoint reads. */
    private static final List<String> FIELDS = List.of(
            "id",
            "name",
            "shortId",
            "shortName",
            "username",
            "firstName",
            "lastName",
            "middleName",
            "displayName",
            "gender",
            "dob",
            "bio",
            "email",
            "phoneNumber",
            "phone",
            "role",
            "roleType",
            "privileges",
            "timezone",
            "defaultCountryCode",
            "rateLimit",
            "requestsPerSecond",
            "burst",
            "secret",
            "description",
            "data",
            "isActive",
            "availabilityStatus",
            "reportsTo",
            "admin",
            "procedure",
            "state",
            "attributes",
            "to",
            "type",
            "text",
            "template",
            "language",
            "components",
            "url",
            "limit",
            "skip",
            "page",
            "query",
            "createdAt",
            "updatedAt",
            "nextActionAt",
            "timestamp",
            "messages",
            "recipient",
            "phoneNumberId",
            "wabaId",
            "accessToken",
            "webhookUrl");

    /** Over the 16 MiB JSON limit, and valid JSON as far as it goes so that a streaming parser reads it all. */
    private static final byte[] OVERSIZED =
            ("{\"bio\":\"" + "x".repeat(17 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);

    /** Tells a stack frame or a class name of ours or of a library in a body: internals a caller must not see. */
    private static final Pattern INTERNALS = Pattern.compile(
            "\\bat [\\w$.]+\\([\\w$]+\\.java:\\d+\\)|\\b(org\\.springframework|org\\.apache|org\\.openchakra|java\\.lang)\\.");

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    private RequestMappingHandlerMapping mappings;

    private TestTeam team;
    private List<Endpoint> endpoints;

    @BeforeAll
    void oneTeamForTheWholeSuite() {
        team = newTeam();
        // A few hundred requests with one key: the default burst (200) would turn the tail of them into 429s.
        Reply raised = api().put(
                        "/v1/admin/team",
                        team.adminToken(),
                        Map.of("rateLimit", Map.of("requestsPerSecond", 100_000, "burst", 100_000)));
        assertThat(raised.status()).as(raised.toString()).isEqualTo(200);
        endpoints = discover();
        // Guards the discovery itself: an empty list would make every factory below pass vacuously.
        assertThat(endpoints)
                .extracting(Endpoint::name)
                .contains("GET /v1/ext/users", "PUT /v1/ext/user/{userId}", "POST /v1/admin/teams", "GET /v1/health");
    }

    // ---------------------------------------------------------------- 1. path variables and callers

    @TestFactory
    Stream<DynamicContainer> pathVariablesAndCallers() {
        return endpoints.stream()
                .map(ep -> dynamicContainer(
                        ep.name(),
                        Stream.concat(
                                pathCases(ep),
                                Stream.of(
                                        dynamicTest(
                                                "called by the other kind of caller",
                                                () -> assertSane(
                                                        ep.name(),
                                                        api().send(
                                                                        ep.method(),
                                                                        ep.path(UUID.randomUUID()
                                                                                .toString()),
                                                                        otherToken(ep),
                                                                        null,
                                                                        Map.of()))),
                                        dynamicTest(
                                                "Accept: image/png",
                                                () -> assertSane(
                                                        ep.name() + " accepting only image/png",
                                                        api().send(
                                                                        ep.method(),
                                                                        ep.path(UUID.randomUUID()
                                                                                .toString()),
                                                                        ownToken(ep),
                                                                        null,
                                                                        Map.of("Accept", "image/png"))))))));
    }

    private Stream<DynamicTest> pathCases(Endpoint ep) {
        if (!ep.hasVariables()) {
            return Stream.of(dynamicTest(
                    "called as it is",
                    () -> assertSane(ep.name(), api().send(ep.method(), ep.pattern(), ownToken(ep), null, Map.of()))));
        }
        return PATH_VALUES.entrySet().stream()
                .map(value -> dynamicTest("path variables = " + value.getKey(), () -> {
                    String path = ep.path(value.getValue().get());
                    // No resource of a fresh team is named by any of these: whatever the endpoint, it is a 4xx.
                    assertClientError(
                            ep.name() + " as " + abbreviate(path),
                            api().send(ep.method(), path, ownToken(ep), null, Map.of()));
                }));
    }

    // ---------------------------------------------------------------- 2. bodies

    @TestFactory
    Stream<DynamicContainer> bodies() {
        return endpoints.stream()
                .filter(ep -> BODY_METHODS.contains(ep.method()))
                .map(ep -> dynamicContainer(ep.name(), bodyCases(ep)));
    }

    private Stream<DynamicTest> bodyCases(Endpoint ep) {
        boolean json = ep.takesJson();
        boolean required = ep.requiresBody();
        return Stream.of(
                body(ep, "malformed JSON", "{bad", json ? 400 : ANY),
                body(ep, "a JSON array", "[1, 2, 3]", json ? CLIENT_ERROR : ANY),
                body(ep, "a JSON string", "\"just a string\"", json ? CLIENT_ERROR : ANY),
                body(ep, "JSON null", "null", required ? CLIENT_ERROR : ANY),
                body(ep, "every field a number", everyField("12345"), json ? CLIENT_ERROR : ANY),
                body(
                        ep,
                        "every field a nested array",
                        everyField("[[1, [2, [3]]], [], [\"x\"]]"),
                        json ? CLIENT_ERROR : ANY),
                body(ep, "every field a nested object", everyField(nested(20)), json ? CLIENT_ERROR : ANY),
                body(ep, "every field true", everyField("true"), json ? CLIENT_ERROR : ANY),
                body(ep, "every field an absurd number", everyField("-1e999999999"), json ? CLIENT_ERROR : ANY),
                body(
                        ep,
                        "every field a 20 000-character string",
                        everyField("\"" + "y".repeat(20_000) + "\""),
                        json ? CLIENT_ERROR : ANY),
                body(ep, "a 5000-digit number", "{\"name\": " + "9".repeat(5000) + "}", json ? 400 : ANY),
                body(
                        ep,
                        "invalid UTF-8",
                        new byte[] {'{', '"', 'n', '"', ':', '"', (byte) 0xC3, '(', (byte) 0xFF, '"', '}'},
                        JSON,
                        json ? 400 : ANY),
                body(ep, "objects nested 2000 deep", nested(2000), json ? 400 : ANY),
                body(ep, "an empty body", "", required ? CLIENT_ERROR : ANY),
                body(ep, "Content-Type text/plain", "{\"name\": \"x\"}", "text/plain", json ? 415 : ANY),
                body(ep, "a form body with a bad escape", "a=%ZZ&b=1", FORM, json ? CLIENT_ERROR : ANY),
                body(ep, "a form body with 10 000 parameters", "a=1&".repeat(10_000), FORM, json ? CLIENT_ERROR : ANY),
                body(
                        ep,
                        "a broken multipart body",
                        "--b\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nno end",
                        "multipart/form-data; boundary=b",
                        json ? CLIENT_ERROR : ANY),
                dynamicTest("a 17 MiB body", () -> assertTooLarge(ep.name(), sendOversized(ep, false))),
                dynamicTest("a 17 MiB chunked body", () -> {
                    Reply reply = sendOversized(ep, true);
                    if (json) {
                        assertTooLarge(ep.name() + " chunked", reply);
                    } else {
                        assertSane(ep.name() + " chunked", reply);
                    }
                }));
    }

    private DynamicTest body(Endpoint ep, String name, String body, int expected) {
        return body(ep, name, body, JSON, expected);
    }

    /** {@code body} is a String or byte[], sent as it is. */
    private DynamicTest body(Endpoint ep, String name, Object body, String contentType, int expected) {
        return dynamicTest(
                name,
                () -> expect(
                        expected,
                        ep.name() + " with " + name,
                        api().send(
                                        ep.method(),
                                        ep.path(UUID.randomUUID().toString()),
                                        ownToken(ep),
                                        body,
                                        Map.of("Content-Type", contentType))));
    }

    private static String everyField(String value) {
        return FIELDS.stream().map(f -> "\"" + f + "\":" + value).collect(Collectors.joining(",", "{", "}"));
    }

    /** Written by hand: Jackson would refuse to write what this suite wants the server to refuse to read. */
    private static String nested(int depth) {
        return "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
    }

    /** Sent with the JDK client's own publishers: with a Content-Length, or chunked (a stream of unknown length). */
    private Reply sendOversized(Endpoint ep, boolean chunked) throws IOException, InterruptedException {
        HttpRequest.BodyPublisher body = chunked
                ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(OVERSIZED))
                : HttpRequest.BodyPublishers.ofByteArray(OVERSIZED);
        URI uri = URI.create(api().baseUrl() + ep.path(UUID.randomUUID().toString()));
        HttpRequest request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + ownToken(ep))
                .header("Content-Type", JSON)
                .method(ep.method(), body)
                .build();
        // The server answers 413 as soon as it sees the length and closes the connection; when the client is
        // still writing, the kernel's reset can destroy that answer before the client reads it (HTTP/1.1 has no
        // way around this race). Such a lost answer is tried again, up to three times; a wrong answer is not.
        IOException lost = null;
        for (int attempt = 0; attempt < 3; attempt++) {
            try {
                HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
                return new Reply(
                        response.statusCode(), response.headers(), response.body(), RawHttp.json(response.body()));
            } catch (IOException e) {
                lost = e;
            }
        }
        throw lost;
    }

    private static void assertTooLarge(String what, Reply reply) {
        assertThat(reply.status()).as(what + ": " + reply).isEqualTo(413);
        assertEnvelope(what, reply);
        assertThat(reply.json().path("_errorDetails").path(0).path("code").asString())
                .as(what + ": " + reply)
                .isEqualTo("PAYLOAD_TOO_LARGE");
    }

    // ---------------------------------------------------------------- 3. query strings

    @TestFactory
    Stream<DynamicContainer> absurdQueryStrings() {
        RawHttp raw = new RawHttp(port);
        return endpoints.stream()
                .map(ep -> dynamicContainer(
                        ep.name(),
                        ABSURD_QUERIES.entrySet().stream()
                                .map(query -> dynamicTest(
                                        query.getKey(),
                                        () -> assertSane(
                                                ep.name() + " with " + query.getKey(),
                                                raw.send(
                                                        ep.method(),
                                                        ep.path(UUID.randomUUID()
                                                                        .toString()) + "?" + query.getValue(),
                                                        ownToken(ep),
                                                        null,
                                                        null))))));
    }

    /** Over server.max-http-request-header-size (64 KB): Tomcat refuses it before any of our code runs. */
    @Test
    void anOverlongRequestLineIsRefusedWithTheEnvelope() {
        Reply reply = new RawHttp(port)
                .send("GET", "/v1/ext/users?q=" + "x".repeat(100 * 1024), team.adminToken(), null, null);
        assertThat(reply.status()).as(reply.toString()).isBetween(400, 499);
        assertSane("an overlong request line", reply);
    }

    // ---------------------------------------------------------------- 4. unknown paths and methods

    @TestFactory
    Stream<DynamicTest> unknownPathsAre404() {
        List<String> paths = List.of(
                "/v1/ext/nope",
                "/v1/admin/nope/deeper",
                "/v2/ext/x",
                "/v1/whatsapp/nope",
                "/v1/sandbox/nope",
                "/v1/ext/users/",
                "/v1/ext/users/extra/segments",
                "/v1/nope",
                "/nope");
        return paths.stream()
                .flatMap(path -> METHODS.stream()
                        .map(method -> dynamicTest(method + " " + path, () -> {
                            Reply reply = sendAsAdmin(method, path);
                            assertThat(reply.status())
                                    .as(method + " " + path + ": " + reply)
                                    .isEqualTo(404);
                            assertEnvelope(method + " " + path, reply);
                            assertThat(reply.json()
                                            .path("_errorDetails")
                                            .path(0)
                                            .path("code")
                                            .asString())
                                    .isEqualTo("NOT_FOUND");
                        })));
    }

    @TestFactory
    Stream<DynamicTest> unsupportedMethodsAre405() {
        return patterns().flatMap(pattern -> {
            String path = Endpoint.concrete(pattern, UUID.randomUUID().toString());
            // Every method some endpoint answers on this very path (patterns may overlap), not just this pattern's.
            Set<String> allowed = endpoints.stream()
                    .filter(ep -> ep.matches(path))
                    .map(Endpoint::method)
                    .collect(Collectors.toSet());
            return METHODS.stream()
                    .filter(m -> !allowed.contains(m))
                    .map(method -> dynamicTest(method + " " + pattern, () -> {
                        Reply reply = sendAsAdmin(method, path);
                        assertThat(reply.status())
                                .as(method + " " + path + ": " + reply)
                                .isEqualTo(405);
                        assertEnvelope(method + " " + path, reply);
                        assertThat(reply.header("Allow")).as("Allow of " + path).isNotNull();
                        Set<String> listed = Arrays.stream(reply.header("Allow").split(","))
                                .map(String::trim)
                                .collect(Collectors.toSet());
                        assertThat(listed)
                                .as("Allow of " + path)
                                .containsAll(allowed)
                                .doesNotContain(method);
                    }));
        });
    }

    /** TRACE is refused by Tomcat itself, before our filters; a made-up method by Spring MVC. */
    @TestFactory
    Stream<DynamicTest> traceAndMadeUpMethodsAre405() {
        return patterns()
                .flatMap(pattern -> Stream.of("TRACE", "FOO")
                        .map(method -> dynamicTest(method + " " + pattern, () -> {
                            String path =
                                    Endpoint.concrete(pattern, UUID.randomUUID().toString());
                            Reply reply = sendAsAdmin(method, path);
                            assertThat(reply.status())
                                    .as(method + " " + path + ": " + reply)
                                    .isEqualTo(405);
                            assertSane(method + " " + path, reply);
                            assertThat(reply.header("Allow"))
                                    .as("Allow of " + path)
                                    .isNotBlank()
                                    .doesNotContain(method);
                        })));
    }

    private Stream<String> patterns() {
        return endpoints.stream().map(Endpoint::pattern).collect(Collectors.toCollection(TreeSet::new)).stream();
    }

    /** With an empty JSON object for the methods that carry a body, as a client would send. */
    private Reply sendAsAdmin(String method, String path) {
        return api().send(method, path, team.adminToken(), BODY_METHODS.contains(method) ? "{}" : null, Map.of());
    }

    // ---------------------------------------------------------------- 5. a refused request changes nothing

    @TestFactory
    Stream<DynamicTest> refusedWritesChangeNothing() {
        TestTeam t = newTeam();
        String user = "/v1/ext/user/" + t.adminUserId();
        String manager = api().get("/v1/admin/roles", t.adminToken()).data().values().stream()
                .filter(r -> r.path("shortId").asString().equals("manager"))
                .findFirst()
                .orElseThrow()
                .path("id")
                .asString();
        List<Refusal> refusals = new ArrayList<>();
        for (String method : List.of("PUT", "PATCH", "POST")) {
            refusals.add(new Refusal(method, user, Map.of("firstName", "Changed", "dob", "not-a-date")));
        }
        refusals.addAll(List.of(
                new Refusal("PUT", user, Map.of("firstName", "Changed", "timezone", "Mars/Olympus")),
                new Refusal("PUT", user, Map.of("bio", "Changed", "availabilityStatus", "ASLEEP")),
                new Refusal("PUT", user, Map.of("lastName", "Changed", "role", "no-such-role")),
                new Refusal("PUT", user, Map.of("displayName", "Changed", "isActive", "maybe")),
                new Refusal(
                        "PUT",
                        user,
                        Map.of("gender", "Changed", "reportsTo", t.adminUserId().toString())),
                new Refusal("PUT", user, Map.of("firstName", "Changed", "data", "not an object")),
                new Refusal(
                        "POST",
                        "/v1/admin/roles",
                        Map.of(
                                "shortId",
                                "half",
                                "name",
                                "Half",
                                "roleType",
                                "USER",
                                "privileges",
                                List.of("users:read", "no:such-privilege"))),
                new Refusal(
                        "PUT",
                        "/v1/admin/roles/" + manager,
                        Map.of("name", "Renamed", "privileges", List.of("users:read", "no:such-privilege"))),
                new Refusal("PUT", "/v1/admin/team", Map.of("name", "Renamed", "timezone", "Mars/Olympus")),
                new Refusal("PUT", "/v1/admin/team", Map.of("name", "Renamed", "defaultCountryCode", "abc")),
                new Refusal("PUT", "/v1/admin/team", Map.of("name", "Renamed", "rateLimit", Map.of("burst", -1))),
                new Refusal("PUT", "/v1/admin/team/secrets/webhook", Map.of("secret", "too-short")),
                new Refusal("POST", "/v1/admin/api-keys", Map.of("name", "half", "role", "no-such-role")),
                new Refusal(
                        "POST",
                        "/v1/admin/users",
                        Map.of("username", "newbie", "email", "not-an-email", "role", "agent")),
                new Refusal("POST", "/v1/admin/users", Map.of("username", "newbie", "role", "no-such-role"))));
        return refusals.stream().map(r -> dynamicTest(r.toString(), () -> assertRefusedAndUnchanged(t, r)));
    }

    /**
     * Valid JSON that PostgreSQL or java.time cannot take: NUL characters (text and jsonb refuse them), lone
     * surrogates (no UTF-8 form: they would come back as '?'), times beyond epoch milliseconds in a long.
     * Each is the caller's 400 that leaves nothing half-written; never a 409 or 500 from the database.
     */
    @TestFactory
    Stream<DynamicTest> valuesTheStoreCannotTakeAre400() {
        TestTeam t = newTeam();
        String user = "/v1/ext/user/" + t.adminUserId();
        // Raw JSON: the escapes must reach the server as written (Jackson would refuse to write a lone surrogate).
        List<Refusal> attempts = List.of(
                new Refusal("PUT", user, "{\"firstName\": \"nul\\u0000inside\"}"),
                new Refusal("PUT", user, "{\"bio\": \"lone \\ud800 surrogate\"}"),
                new Refusal("PUT", user, "{\"data\": {\"note\": \"nul\\u0000inside\"}}"),
                new Refusal("PUT", user, "{\"data\": {\"nul\\u0000key\": 1}}"),
                new Refusal("PUT", user, "{\"data\": {\"lone\": \"\\udc00\"}}"),
                new Refusal("PUT", user, "{\"role\": \"nul\\u0000inside\"}"),
                new Refusal("PUT", user, "{\"reportsTo\": \"nul\\u0000inside\"}"),
                new Refusal("PUT", user, "{\"dob\": \"+999999999-12-31T23:59:59Z\"}"),
                new Refusal("PUT", user, "{\"dob\": \"-999999999-01-01\"}"),
                new Refusal("PUT", "/v1/admin/team", "{\"name\": \"nul\\u0000inside\"}"),
                new Refusal(
                        "POST",
                        "/v1/admin/roles",
                        "{\"shortId\": \"nul\", \"name\": \"nul\\u0000inside\", \"roleType\": \"USER\"}"),
                new Refusal("POST", "/v1/admin/api-keys", "{\"name\": \"nul\\u0000inside\", \"role\": \"agent\"}"),
                new Refusal("POST", "/v1/admin/users", "{\"username\": \"nul\\u0000inside\", \"role\": \"agent\"}"),
                new Refusal("POST", "/v1/admin/users", "{\"username\": \"lone\\udc00\", \"role\": \"agent\"}"));
        return attempts.stream().map(r -> dynamicTest(r.toString(), () -> assertRefusedAndUnchanged(t, r)));
    }

    /** The edges of epoch milliseconds are times like any other: stored as sent, shown by v1 and v2. */
    @TestFactory
    Stream<DynamicTest> extremeButValidTimesAreStored() {
        TestTeam t = newTeam();
        return Stream.of(Long.MAX_VALUE, Long.MIN_VALUE, 0L)
                .map(dob -> dynamicTest("dob = " + dob, () -> {
                    Reply reply = api().put("/v1/ext/user/" + t.adminUserId(), t.adminToken(), Map.of("dob", dob));
                    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
                    assertThat(api().get("/v1/ext/user/" + t.adminUserId(), t.adminToken())
                                    .data()
                                    .path("dob")
                                    .asLong())
                            .isEqualTo(dob);
                    Reply v2 = api().get("/v2/ext/user/" + t.adminUserId(), t.adminToken());
                    assertThat(v2.status()).as(v2.toString()).isEqualTo(200);
                }));
    }

    @TestFactory
    Stream<DynamicTest> aRefusedTeamIsNotCreated() {
        String shortName = "refused-" + UUID.randomUUID().toString().substring(0, 8);
        return Stream.of(
                        Map.of("name", "Refused", "shortName", shortName, "timezone", "Mars/Olympus"),
                        Map.of("name", "Refused", "shortName", shortName, "defaultCountryCode", "abc"),
                        Map.of("name", "Refused", "shortName", shortName, "admin", Map.of("username", 12345)))
                .map(body -> dynamicTest("POST /v1/admin/teams " + body, () -> {
                    Reply reply = api().post("/v1/admin/teams", OPERATOR_TOKEN, body);
                    assertThat(reply.status()).as(reply.toString()).isEqualTo(400);
                    assertEnvelope("POST /v1/admin/teams", reply);
                    assertThat(api().get("/v1/admin/teams", OPERATOR_TOKEN).raw())
                            .doesNotContain(shortName);
                }));
    }

    /** {@code body} as {@link ApiClient#send} takes it: a String is sent as it is, anything else as JSON. */
    private record Refusal(String method, String path, Object body) {
        @Override
        public String toString() {
            return method + " " + path + " " + body;
        }
    }

    private void assertRefusedAndUnchanged(TestTeam t, Refusal r) {
        JsonNode before = teamState(t);
        Reply reply = api().send(r.method(), r.path(), t.adminToken(), r.body(), Map.of());
        assertThat(reply.status()).as(r + ": " + reply).isEqualTo(400);
        assertEnvelope(r.toString(), reply);
        assertThat(teamState(t)).as("the team after " + r).isEqualTo(before);
    }

    /** What a team admin can read of the team; the keys' lastUsedAt moves with every request, so it is left out. */
    private JsonNode teamState(TestTeam t) {
        ObjectNode state = ApiClient.JSON.createObjectNode();
        for (String path : List.of(
                "/v1/admin/team",
                "/v1/admin/roles",
                "/v1/ext/users",
                "/v2/ext/users",
                "/v1/admin/api-keys",
                "/v1/admin/team/secrets/webhook",
                "/v1/ext/user/" + t.adminUserId())) {
            Reply reply = api().get(path, t.adminToken());
            assertThat(reply.status()).as(path + ": " + reply).isEqualTo(200);
            state.set(path, withoutLastUse(reply.data()));
        }
        return state;
    }

    private static JsonNode withoutLastUse(JsonNode node) {
        JsonNode copy = node.deepCopy();
        strip(copy);
        return copy;
    }

    private static void strip(JsonNode node) {
        if (node instanceof ObjectNode object) {
            object.remove("lastUsedAt");
        }
        node.values().forEach(BadInputTest::strip);
    }

    // ---------------------------------------------------------------- the rules every answer keeps

    /** Expectations besides an exact status: any answer but a 5xx, or some 4xx. */
    private static final int ANY = -1;

    private static final int CLIENT_ERROR = 0;

    private static void expect(int expected, String what, Reply reply) {
        if (expected == ANY) {
            assertSane(what, reply);
        } else if (expected == CLIENT_ERROR) {
            assertClientError(what, reply);
        } else {
            assertThat(reply.status()).as(what + ": " + reply).isEqualTo(expected);
            assertEnvelope(what, reply);
        }
    }

    /** Never a 5xx; every failure in the envelope; every answer with its request id. */
    private static void assertSane(String what, Reply reply) {
        assertThat(reply.status()).as(what + ": " + reply).isBetween(200, 499);
        assertThat(reply.header(RequestIds.HEADER))
                .as(what + ": X-Request-Id on " + reply)
                .isNotBlank();
        if (reply.status() >= 400) {
            assertEnvelope(what, reply);
        }
    }

    private static void assertClientError(String what, Reply reply) {
        assertThat(reply.status()).as(what + ": " + reply).isBetween(400, 499);
        assertSane(what, reply);
    }

    private static void assertEnvelope(String what, Reply reply) {
        JsonNode errors = reply.errors();
        assertThat(errors.isArray() && !errors.isEmpty())
                .as(what + ": _errors must be a non-empty array: " + reply)
                .isTrue();
        errors.values()
                .forEach(e -> assertThat(e.isString() && !e.asString().isBlank())
                        .as(what + ": every _errors item is a non-blank string: " + reply)
                        .isTrue());
        assertThat(reply.json().path("_errorDetails").path(0).path("code").asString())
                .as(what + ": _errorDetails[0].code: " + reply)
                .isNotBlank();
        assertThat(reply.json().path("message").asString(null))
                .as(what + ": the top-level message that generic tools show is _errors[0]: " + reply)
                .isEqualTo(errors.path(0).asString());
        assertThat(reply.raw()).as(what + ": no internals in the body").doesNotContainPattern(INTERNALS);
    }

    private static String abbreviate(String s) {
        return s.length() > 120 ? s.substring(0, 120) + "..." : s;
    }

    // ---------------------------------------------------------------- the endpoints

    private String ownToken(Endpoint ep) {
        return ep.operatorOnly() ? OPERATOR_TOKEN : team.adminToken();
    }

    private String otherToken(Endpoint ep) {
        return ep.operatorOnly() ? team.adminToken() : OPERATOR_TOKEN;
    }

    private List<Endpoint> discover() {
        List<Endpoint> found = new ArrayList<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            Set<RequestMethod> declared = info.getMethodsCondition().getMethods();
            List<String> methods = declared.isEmpty()
                    ? METHODS
                    : declared.stream()
                            .map(Enum::name)
                            .filter(METHODS::contains)
                            .toList();
            for (String pattern : info.getPatternValues()) {
                if (API_PREFIXES.stream().anyMatch(pattern::startsWith)) {
                    methods.forEach(method -> found.add(new Endpoint(method, pattern, info, handler)));
                }
            }
        });
        found.sort(Comparator.comparing(Endpoint::name));
        return found;
    }

    /** One (method, path pattern) pair and the handler Spring MVC routes it to. */
    private record Endpoint(String method, String pattern, RequestMappingInfo info, HandlerMethod handler) {

        private static final Pattern VARIABLE = Pattern.compile("\\{[^}]*}|\\*\\*?");

        String name() {
            return method + " " + pattern;
        }

        boolean hasVariables() {
            return VARIABLE.matcher(pattern).find();
        }

        String path(String value) {
            return concrete(pattern, value);
        }

        static String concrete(String pattern, String value) {
            return VARIABLE.matcher(pattern).replaceAll(Matcher.quoteReplacement(value));
        }

        boolean matches(String path) {
            return PathPatternParser.defaultInstance.parse(pattern).matches(PathContainer.parsePath(path));
        }

        boolean operatorOnly() {
            return handler.hasMethodAnnotation(OperatorOnly.class)
                    || handler.getBeanType().isAnnotationPresent(OperatorOnly.class);
        }

        /** True when Spring reads the body as JSON into an object: then bad JSON must be a 400, text a 415. */
        boolean takesJson() {
            Set<MediaType> consumes = info.getConsumesCondition().getConsumableMediaTypes();
            return jsonBody() != null
                    && (consumes.isEmpty()
                            || consumes.stream().anyMatch(type -> type.isCompatibleWith(MediaType.APPLICATION_JSON)));
        }

        boolean requiresBody() {
            return takesJson()
                    && jsonBody().getParameterAnnotation(RequestBody.class).required();
        }

        private MethodParameter jsonBody() {
            return Arrays.stream(handler.getMethodParameters())
                    .filter(p -> p.hasParameterAnnotation(RequestBody.class))
                    .filter(p -> !RAW_BODY_TYPES.contains(p.getParameterType()))
                    .findFirst()
                    .orElse(null);
        }
    }
}
