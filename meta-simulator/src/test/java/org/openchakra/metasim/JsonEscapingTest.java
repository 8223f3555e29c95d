package org.openchakra.metasim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The ASCII form Meta signs (spec 6.2) must round-trip to the same JSON for every tricky string. */
class JsonEscapingTest {

    @Test
    void escapesNonAsciiLowercaseAndSlashesAndRoundTrips() {
        String tricky = "caf\u00e9 \uD83D\uDE00 a/b back\\slash\\/ \"quoted\" \u007f tab\t";
        JsonNode node = Json.object().put("v", tricky);

        byte[] bytes = Json.asciiEscapedBytes(node);
        String text = new String(bytes, StandardCharsets.US_ASCII);

        assertThat(text).contains("caf\\u00e9", "\\ud83d\\ude00", "a\\/b", "back\\\\slash\\\\\\/");
        assertThat(text.chars().allMatch(c -> c < 0x7f)).isTrue();
        assertThat(Json.parse(text).path("v").asString()).isEqualTo(tricky);
    }

    @Test
    void plainAsciiIsUnchanged() {
        JsonNode node = Json.object().put("body", "hello");
        assertThat(new String(Json.asciiEscapedBytes(node), StandardCharsets.US_ASCII))
                .isEqualTo("{\"body\":\"hello\"}");
    }
}
