package org.openchakra.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.web.bind.annotation.RequestMethod;

/**
 * How the OpenAPI document ({@code /v3/api-docs}) describes a handler: its operation id and the records whose
 * shape its request body and answer have ({@link OpenApiOperations} turns them into schemas). The records
 * only describe the wire: bodies are still read and checked by {@link JsonFields}, answers still built by
 * the views; nothing here is ever deserialized or validated. See docs/decisions.md, "OpenAPI document".
 *
 * <p>A handler that maps several methods or paths carries one of these per method ({@link #method()}) or
 * path ({@link #path()}), so that each operation has its own id.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Repeatable(ApiOperation.Repeated.class)
public @interface ApiOperation {

    /** The operation id, unique in the document: the method name of a generated client (e.g. createTeam). */
    String id();

    /** One line for the operation list. */
    String summary() default "";

    String description() default "";

    /** Which of the mapping's methods this describes; empty for all of them. */
    RequestMethod[] method() default {};

    /** Which of the mapping's paths this describes; empty for all of them. */
    String path() default "";

    /** The request body's record ({@code X[].class} for an array); {@code Void} for none. */
    Class<?> body() default Void.class;

    /** The body's media type, e.g. multipart/form-data, where the record's components are the parts. */
    String bodyMediaType() default "application/json";

    /** For bodies read from the servlet request (no {@code @RequestBody} to say it). */
    boolean bodyRequired() default true;

    /** A record whose components are query parameters read from the raw query string. */
    Class<?> query() default Void.class;

    /** The record of the envelope's {@code _data} ({@code X[].class} for an array); {@code Void} for none. */
    Class<?> data() default Void.class;

    /** The record of the envelope's {@code _meta}; {@code Void} for an empty object. */
    Class<?> meta() default Void.class;

    /**
     * The record of an answer that is not in the envelope (Meta's shapes, passed through); {@code byte[]} for
     * bytes, {@code String} for text. Excludes {@link #data()}.
     */
    Class<?> answer() default Void.class;

    /** The media type of {@link #answer()}. */
    String answerMediaType() default "application/json";

    @Target(ElementType.METHOD)
    @Retention(RetentionPolicy.RUNTIME)
    @interface Repeated {
        ApiOperation[] value();
    }
}
