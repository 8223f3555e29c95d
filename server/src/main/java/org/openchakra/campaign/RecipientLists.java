package org.openchakra.campaign;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.openchakra.common.PhoneNumbers;
import org.openchakra.web.ApiException;
import org.openchakra.web.StorableText;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The recipient lists of campaigns.md §2, read: JSON {@code {"recipients": [{phoneNumber, row}, ...]}} or
 * {@code text/csv} (a header row with a {@code phoneNumber} column; the other columns become the row). Numbers
 * are normalized as every phone input is (README §5); one that is not a number is counted invalid, one that
 * comes again (same digits) is counted a duplicate, and the first of them is kept.
 */
final class RecipientLists {

    static final String PHONE_COLUMN = "phoneNumber";

    private RecipientLists() {}

    /**
     * A recipient read from a list: its number (digits), its lead when known (a query of leads), the process it
     * came from (a query of another procedure) and its row.
     */
    record Item(String phone, UUID leadId, UUID processId, ObjectNode row) {}

    /** The distinct valid recipients, in order, and what was left out. */
    record Read(List<Item> items, int duplicates, int invalid) {}

    /** Collects raw entries into a {@link Read}. */
    static final class Collector {
        private final String countryCode;
        private final Map<String, Item> items = new LinkedHashMap<>();
        private int duplicates;
        private int invalid;

        Collector(String countryCode) {
            this.countryCode = countryCode;
        }

        void add(String rawPhone, UUID leadId, UUID processId, ObjectNode row) {
            String phone = rawPhone == null
                    ? null
                    : PhoneNumbers.normalize(rawPhone, countryCode).orElse(null);
            if (phone == null) {
                invalid++;
            } else if (items.putIfAbsent(phone, new Item(phone, leadId, processId, row)) != null) {
                duplicates++;
            }
        }

        int size() {
            return items.size();
        }

        Read read() {
            return new Read(List.copyOf(items.values()), duplicates, invalid);
        }
    }

    /** {@code recipients}: an array of objects with {@code phoneNumber} (text or number) and an optional row. */
    static Read json(JsonNode recipients, String countryCode, int limit) {
        if (recipients == null || !recipients.isArray()) {
            throw ApiException.badRequest("recipients", "'recipients' must be an array of {phoneNumber, row}");
        }
        if (recipients.size() > limit) {
            throw tooMany(recipients.size(), limit);
        }
        Collector collector = new Collector(countryCode);
        int i = 0;
        for (JsonNode item : recipients.values()) {
            String at = "recipients[" + i++ + "]";
            if (!item.isObject()) {
                throw ApiException.badRequest(at, "'" + at + "' must be an object {phoneNumber, row}");
            }
            JsonNode phone = item.get(PHONE_COLUMN);
            JsonNode row = item.get("row");
            if (row != null && !row.isNull() && !row.isObject()) {
                throw ApiException.badRequest(at + ".row", "'" + at + ".row' must be an object");
            }
            String raw = phone == null || phone.isNull()
                    ? null
                    : phone.isNumber() || phone.isString() ? phone.asString() : null;
            collector.add(raw, null, null, row == null || row.isNull() ? null : (ObjectNode) row);
        }
        return collector.read();
    }

    /** A CSV upload: RFC 4180, UTF-8 (a byte-order mark is skipped), a header row naming the columns. */
    static Read csv(byte[] body, String countryCode, int limit) {
        String text = new String(body, StandardCharsets.UTF_8);
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        try (MappingIterator<String[]> lines =
                CsvFiles.MAPPER.readerFor(String[].class).readValues(text)) {
            if (!lines.hasNext()) {
                throw ApiException.badRequest(
                        PHONE_COLUMN, "The CSV is empty: it needs a header row with 'phoneNumber'");
            }
            String[] header = lines.next();
            int phoneColumn = -1;
            for (int i = 0; i < header.length; i++) {
                if (header[i].strip().equalsIgnoreCase(PHONE_COLUMN)) {
                    phoneColumn = i;
                }
            }
            if (phoneColumn < 0) {
                throw ApiException.badRequest(
                        PHONE_COLUMN,
                        "The CSV needs a header row with a 'phoneNumber' column (it has: " + String.join(", ", header)
                                + ")");
            }
            Collector collector = new Collector(countryCode);
            int rows = 0;
            while (lines.hasNext()) {
                String[] line = lines.next();
                if (++rows > limit) {
                    throw tooMany(rows, limit);
                }
                ObjectNode row = JsonNodeFactory.instance.objectNode();
                for (int i = 0; i < header.length && i < line.length; i++) {
                    String column = header[i].strip();
                    if (i != phoneColumn && !column.isEmpty()) {
                        row.put(column, line[i]);
                    }
                }
                if (!StorableText.isStorable(row)) {
                    throw ApiException.badRequest("row", "CSV row " + rows + " has text that cannot be stored");
                }
                String phone = phoneColumn < line.length ? line[phoneColumn] : null;
                collector.add(phone, null, null, row.isEmpty() ? null : row);
            }
            return collector.read();
        } catch (JacksonException malformed) {
            throw ApiException.badRequest(null, "The CSV could not be read: " + malformed.getOriginalMessage());
        }
    }

    /** A list over the limit is refused before any of it is kept (a first pass only counts its rows). */
    private static void countRows(String text, int limit) {
        try (MappingIterator<String[]> lines =
                CsvFiles.MAPPER.readerFor(String[].class).readValues(text)) {
            int rows = -1;
            while (lines.hasNext()) {
                lines.next();
                if (++rows > limit) {
                    throw tooMany(rows, limit);
                }
            }
        }
    }

    static ApiException tooMany(int given, int limit) {
        return ApiException.badRequest(
                "recipients", "A campaign takes at most " + limit + " recipients; this list has " + given);
    }
}
