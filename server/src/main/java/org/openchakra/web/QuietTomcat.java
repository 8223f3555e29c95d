package org.openchakra.web;

import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.stereotype.Component;

/**
 * Tomcat without its once-a-second wake-ups on an idle server (issue 15; docs/decisions.md, "An idle server keeps
 * still"): the async-timeout check runs only while a request waits ({@link OnDemandAsyncTimeoutProtocol}). The NIO
 * poller keeps Tomcat's 1 s select: with 10 s, connections the server closes after a refused request (an over-long
 * header, a body past its limit) were closed up to 10 s late, and the bad-input suite ran 4 times longer.
 */
@Component
class QuietTomcat implements WebServerFactoryCustomizer<TomcatWebServerFactory> {

    @Override
    public void customize(TomcatWebServerFactory factory) {
        factory.setProtocol(OnDemandAsyncTimeoutProtocol.class.getName());
    }
}
