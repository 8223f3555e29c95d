package org.openchakra.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.openchakra.support.IntegrationTest;

/**
 * One keep-alive connection serves a steady API client for thousands of requests: Tomcat's default closed it after
 * every hundredth, and a client sending all day reconnected that often (application.yaml, bench/README.md).
 */
class KeepAliveTest extends IntegrationTest {

    private static final Pattern ANSWER = Pattern.compile("HTTP/1\\.1 200 ");

    @Test
    void aConnectionServesMoreThanAHundredRequests() throws IOException {
        int requests = 150;
        StringBuilder pipelined = new StringBuilder();
        for (int i = 1; i <= requests; i++) {
            pipelined
                    .append("GET /actuator/health HTTP/1.1\r\nHost: localhost:")
                    .append(port)
                    .append("\r\n")
                    .append(i == requests ? "Connection: close\r\n" : "")
                    .append("\r\n");
        }
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(pipelined.toString().getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            String answers = new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
            assertThat(ANSWER.matcher(answers).results().count()).isEqualTo(requests);
        }
    }
}
