package org.openchakra.docs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The contract's copy under docs/spec keeps step with the contract beside the project (../shared/spec),
 * so that what the code cites is what a reader of the repository finds.
 */
class SpecCopyTest {

    /** The tests run in server/, so the project's root is one up. */
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    private static final Path COPY = ROOT.resolve("docs/spec");
    private static final Path CONTRACT = ROOT.resolveSibling("shared/spec");

    @Test
    void docsSpecHoldsEveryFileOfTheContractByteForByte() throws IOException {
        assumeTrue(Files.isDirectory(CONTRACT), "no contract beside the project (" + CONTRACT + ")");
        String refresh = "refresh the copy: cp " + CONTRACT + "/*.md " + COPY + "/";

        assertThat(markdownIn(COPY)).as(refresh).isEqualTo(markdownIn(CONTRACT));
        for (String name : markdownIn(CONTRACT)) {
            assertThat(Files.readString(COPY.resolve(name)))
                    .as(name + " differs from the contract; " + refresh)
                    .isEqualTo(Files.readString(CONTRACT.resolve(name)));
        }
    }

    private static List<String> markdownIn(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".md"))
                    .sorted()
                    .toList();
        }
    }
}
