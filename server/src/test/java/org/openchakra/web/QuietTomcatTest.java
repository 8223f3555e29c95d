package org.openchakra.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.catalina.connector.Connector;
import org.junit.jupiter.api.Test;
import org.openchakra.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

/** The server's Tomcat keeps still when idle (issue 15): see {@link QuietTomcat}. */
class QuietTomcatTest extends IntegrationTest {

    @Autowired
    WebServerApplicationContext context;

    @Test
    void theServerChecksAsyncTimeoutsOnlyWhileARequestWaitsAndItsBackgroundProcessorEveryMinute() {
        Connector connector =
                ((TomcatWebServer) context.getWebServer()).getTomcat().getConnector();
        assertThat(connector.getProtocolHandler()).isInstanceOf(OnDemandAsyncTimeoutProtocol.class);
        assertThat(((TomcatWebServer) context.getWebServer())
                        .getTomcat()
                        .getEngine()
                        .getBackgroundProcessorDelay())
                .isEqualTo(60);
    }
}
