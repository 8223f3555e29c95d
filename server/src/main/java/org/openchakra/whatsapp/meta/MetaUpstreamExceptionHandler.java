package org.openchakra.whatsapp.meta;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Renders Meta's refusals, and those OpenChakra makes in Meta's name, in the §2.3 shape, ahead of the general
 * handler that would drop {@code error}.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class MetaUpstreamExceptionHandler {

    @ExceptionHandler(MetaUpstreamException.class)
    ResponseEntity<Object> upstream(MetaUpstreamException e) {
        return MetaErrorRelay.relay(e.reply());
    }

    @ExceptionHandler(MetaLocalRefusal.class)
    ResponseEntity<Object> local(MetaLocalRefusal e) {
        return e.answer();
    }
}
