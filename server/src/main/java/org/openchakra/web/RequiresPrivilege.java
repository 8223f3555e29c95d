package org.openchakra.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The privilege (platform.md §1) a team key's role must hold to call an endpoint. Every handler on an
 * authenticated path carries this, {@link OperatorOnly} or {@link AnyCaller}; one with none is refused.
 */
@Target({ElementType.METHOD, ElementType.TYPE})
@Retention(RetentionPolicy.RUNTIME)
public @interface RequiresPrivilege {
    String value();
}
