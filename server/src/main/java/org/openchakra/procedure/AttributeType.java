package org.openchakra.procedure;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The attribute types of platform.md §3 with how their values are stored and compared. */
public enum AttributeType {
    STRING("string", Kind.TEXT),
    TEXT("text", Kind.TEXT),
    NAME("name", Kind.TEXT),
    INTEGER("integer", Kind.NUMBER),
    NUMBER("number", Kind.NUMBER),
    FLOAT("float", Kind.NUMBER),
    DECIMAL("decimal", Kind.NUMBER),
    BOOLEAN("boolean", Kind.BOOLEAN),
    EMAIL("email", Kind.TEXT),
    PHONE("phone", Kind.TEXT),
    URL("url", Kind.TEXT),
    DATE("date", Kind.NUMBER),
    DATETIME("datetime", Kind.NUMBER),
    TIME("time", Kind.NUMBER),
    DATETIME_ISO8601("datetimeISO8601", Kind.TEXT),
    STRING_ENUM("stringEnum", Kind.TEXT),
    INTEGER_ENUM("integerEnum", Kind.NUMBER),
    MULTI_STRING_ENUM("multiStringEnum", Kind.ARRAY),
    MULTI_INTEGER_ENUM("multiIntegerEnum", Kind.ARRAY),
    PHOTO("photo", Kind.TEXT),
    MULTI_PHOTOS("multiPhotos", Kind.ARRAY),
    USER("user", Kind.TEXT),
    JSON("json", Kind.OBJECT),
    EXTERNAL_OBJECT("externalObject", Kind.OBJECT),
    STRING_ID("stringId", Kind.TEXT);

    /** How a stored value compares in queries: text and numbers order; arrays and objects only match. */
    public enum Kind {
        TEXT,
        NUMBER,
        BOOLEAN,
        ARRAY,
        OBJECT
    }

    private final String wireName;
    private final Kind kind;

    AttributeType(String wireName, Kind kind) {
        this.wireName = wireName;
        this.kind = kind;
    }

    public String wireName() {
        return wireName;
    }

    public Kind kind() {
        return kind;
    }

    public boolean isTime() {
        return this == DATE || this == DATETIME || this == TIME;
    }

    public boolean hasOptions() {
        return this == STRING_ENUM || this == INTEGER_ENUM || this == MULTI_STRING_ENUM || this == MULTI_INTEGER_ENUM;
    }

    public static Optional<AttributeType> of(String wireName) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(wireName)).findFirst();
    }

    public static List<String> wireNames() {
        return Arrays.stream(values()).map(AttributeType::wireName).toList();
    }
}
