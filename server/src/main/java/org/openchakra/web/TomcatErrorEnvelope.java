package org.openchakra.web;

import org.apache.catalina.Pipeline;
import org.apache.catalina.Valve;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.ConfigurableTomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;

/** Puts {@link EnvelopeErrorReportValve} in the place of Tomcat's HTML error report. */
@Component
class TomcatErrorEnvelope implements WebServerFactoryCustomizer<ConfigurableTomcatWebServerFactory>, Ordered {

    private final ErrorResponses errors;

    TomcatErrorEnvelope(ErrorResponses errors) {
        this.errors = errors;
    }

    @Override
    public void customize(ConfigurableTomcatWebServerFactory factory) {
        factory.addContextCustomizers(context -> {
            // Spring Boot adds a stock ErrorReportValve (server.error.include-stacktrace=never) and the host
            // would add one at start (its errorReportValveClass): both would answer before ours, in HTML.
            Pipeline host = context.getParent().getPipeline();
            for (Valve valve : host.getValves()) {
                if (valve instanceof ErrorReportValve) {
                    host.removeValve(valve);
                }
            }
            if (context.getParent() instanceof StandardHost standardHost) {
                standardHost.setErrorReportValveClass(EnvelopeErrorReportValve.class.getName());
            }
            host.addValve(new EnvelopeErrorReportValve(errors));
        });
    }

    /** After Spring Boot's own customizer, so that its context customizer has already added the valve we replace. */
    @Override
    public int getOrder() {
        return Ordered.LOWEST_PRECEDENCE;
    }
}
