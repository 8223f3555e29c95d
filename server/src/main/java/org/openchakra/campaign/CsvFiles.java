package org.openchakra.campaign;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import tools.jackson.databind.SequenceWriter;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvReadFeature;
import tools.jackson.dataformat.csv.CsvSchema;
import tools.jackson.dataformat.csv.CsvWriteFeature;

/** CSV as campaigns read and write it (RFC 4180 through Jackson's CSV format): lines as arrays of text. */
final class CsvFiles {

    static final CsvMapper MAPPER = CsvMapper.builder()
            .enable(CsvReadFeature.WRAP_AS_ARRAY)
            .enable(CsvReadFeature.SKIP_EMPTY_LINES)
            .enable(CsvReadFeature.TRIM_SPACES)
            // Quotes only where RFC 4180 needs them (a comma, a quote, a line break), as spreadsheets write.
            .disable(CsvWriteFeature.ALWAYS_QUOTE_STRINGS)
            .enable(CsvWriteFeature.STRICT_CHECK_FOR_QUOTING)
            .build();

    private static final CsvSchema LINES = CsvSchema.emptySchema().withLineSeparator("\r\n");

    private CsvFiles() {}

    /** A writer of lines to {@code out}; closing it flushes and closes {@code out}. */
    static SequenceWriter writer(OutputStream out) throws IOException {
        return MAPPER.writerFor(String[].class).with(LINES).writeValues(out);
    }

    static String[] line(List<String> values) {
        return values.toArray(String[]::new);
    }
}
