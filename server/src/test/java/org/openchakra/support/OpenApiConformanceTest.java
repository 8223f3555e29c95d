package org.openchakra.support;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The check every test's answers go through catches an answer that its records do not describe. */
class OpenApiConformanceTest extends IntegrationTest {

    private static final Optional<String> JSON = Optional.of("application/json");

    private OpenApiConformance conformance() {
        return OpenApiConformance.shared();
    }

    private String team(String extra) {
        return """
                {"_data": {"id": "0190d3a8-7b7a-7000-8000-000000000001", "name": "A", "shortName": "a",
                  "timezone": "+0530", "defaultCountryCode": "91", "createdAt": 1, "updatedAt": 2,
                  "rateLimit": {"requestsPerSecond": 100, "burst": 200}, "reopenClosedChats": false,
                  "enforceCustomerServiceWindow": true, "optOutKeywords": ["STOP"], "optInKeywords": ["START"],
                  "optOutBlocksMarketing": false%s},
                 "_meta": {}, "_errors": []}""".formatted(extra);
    }

    @Test
    void anAnswerAsTheRecordsDescribeItPasses() {
        assertThatCode(() -> conformance().check("GET", "/v1/admin/team", 200, JSON, team("")))
                .doesNotThrowAnyException();
    }

    @Test
    void aFieldTheRecordsDoNotNameFails() {
        assertThatThrownBy(() -> conformance().check("GET", "/v1/admin/team", 200, JSON, team(", \"secret\": 1")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("secret");
    }

    @Test
    void aMissingFieldOrAWrongTypeFails() {
        String withoutName = team("").replace("\"name\": \"A\", ", "");
        assertThatThrownBy(() -> conformance().check("GET", "/v1/admin/team", 200, JSON, withoutName))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("name");
        String numberAsText = team("").replace("\"createdAt\": 1", "\"createdAt\": \"1\"");
        assertThatThrownBy(() -> conformance().check("GET", "/v1/admin/team", 200, JSON, numberAsText))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("createdAt");
    }

    @Test
    void refusalsAreHeldToTheErrorEnvelope() {
        String refusal = """
                {"_data": null, "_meta": {"requestId": "r1"}, "_errors": ["Team not found"],
                 "_errorDetails": [{"code": "NOT_FOUND", "message": "Team not found", "field": null}],
                 "message": "Team not found"}""";
        assertThatCode(() -> conformance().check("GET", "/v1/admin/team", 404, JSON, refusal))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> conformance()
                        .check("GET", "/v1/admin/team", 404, JSON, refusal.replace("\"_errorDetails\"", "\"details\"")))
                .isInstanceOf(AssertionError.class);
    }
}
