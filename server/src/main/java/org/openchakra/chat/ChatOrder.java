package org.openchakra.chat;

import java.util.Arrays;
import java.util.List;

/** The order of {@code POST /v1/ext/chat}: a time field of the chat, then the id to break ties. */
public record ChatOrder(Field field, boolean descending) {

    /** The API's {@code orderField} values and their columns. */
    public enum Field {
        CREATED_AT("createdAt", "c.created_at"),
        UPDATED_AT("updatedAt", "c.updated_at"),
        LAST_MESSAGE_AT("lastMessageAt", "c.last_message_at");

        private final String apiName;
        private final String column;

        Field(String apiName, String column) {
            this.apiName = apiName;
            this.column = column;
        }

        static List<String> apiNames() {
            return Arrays.stream(values()).map(f -> f.apiName).toList();
        }

        static Field of(String apiName) {
            return Arrays.stream(values())
                    .filter(f -> f.apiName.equals(apiName))
                    .findFirst()
                    .orElseThrow();
        }
    }

    /**
     * PostgreSQL's own placement of nulls (last ascending, first descending), so that the indexes on
     * {@code (team_id, <field>)} serve the order; only a chat without any message has a null
     * {@code lastMessageAt}.
     */
    String sql() {
        String direction = descending ? " DESC" : " ASC";
        return field.column + direction + ", c.id" + direction;
    }
}
