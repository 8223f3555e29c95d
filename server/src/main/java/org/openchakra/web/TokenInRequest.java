package org.openchakra.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * This handler takes no bearer token: the request itself carries the credential (a single-use
 * capability such as a partner's connect token), which the handler checks. Its exact path must be listed
 * in {@link AuthenticationFilter#OPEN_PATHS}; {@code PrivilegeCoverageTest} holds the two together.
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface TokenInRequest {}
