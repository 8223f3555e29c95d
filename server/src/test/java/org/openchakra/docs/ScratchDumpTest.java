package org.openchakra.docs;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.openchakra.support.IntegrationTest;

class ScratchDumpTest extends IntegrationTest {
    @Test
    void dump() throws Exception {
        Files.writeString(
                Path.of("target/api-docs.json"), api().get("/v3/api-docs", null).raw());
    }
}
