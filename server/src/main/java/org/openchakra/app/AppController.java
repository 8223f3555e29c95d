package org.openchakra.app;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.stereotype.Controller;

/**
 * A controller of the web app's pages (under {@code /app}). Its errors become HTML pages or, for htmx
 * requests, a message in the page ({@link AppErrors}); its handlers may take the signed-in {@link AppUser}
 * as a parameter. API controllers never carry it: their errors stay the API's envelope.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Controller
public @interface AppController {}
