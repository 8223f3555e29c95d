package org.openchakra.web;

import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Tomcat without its once-a-second wake-ups on an idle server (issue 15; docs/decisions.md, "An idle server keeps
 * still"): the async-timeout check runs only while a request waits ({@link OnDemandAsyncTimeoutProtocol}), and the
 * NIO poller, which every wake-up of its own (a new connection, a socket ready) rouses at once, sleeps up to 10 s
 * instead of 1 s between its looks for idle connections past their timeout: such a connection closes up to 10 s
 * late.
 */
@Component
class QuietTomcat implements WebServerFactoryCustomizer<TomcatWebServerFactory> {

    static final long SELECTOR_TIMEOUT_MS = 10_000;

    @Override
    public void customize(TomcatWebServerFactory factory) {
        factory.setProtocol(OnDemandAsyncTimeoutProtocol.class.getName());
        factory.addProtocolHandlerCustomizers(handler -> {
            if (handler instanceof OnDemandAsyncTimeoutProtocol nio) {
                nio.setSelectorTimeout(SELECTOR_TIMEOUT_MS);
            }
        });
    }
}
