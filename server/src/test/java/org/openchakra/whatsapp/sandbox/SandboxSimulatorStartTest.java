package org.openchakra.whatsapp.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.openchakra.whatsapp.WhatsappProperties;
import org.openchakra.whatsapp.plugin.PluginCredentials;
import org.openchakra.whatsapp.plugin.WhatsappPlugin;
import org.springframework.mock.env.MockEnvironment;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * A sandbox plugin made (as at a server's first start) does not start the in-process simulator: its first use
 * does, with the plugin registered then (issue 15: an idle server ran an HTTP server nobody had used).
 */
class SandboxSimulatorStartTest {

    @Test
    void aPluginMadeStartsNoSimulatorAndItsFirstUseFindsItRegistered() {
        SandboxSimulator sandbox = new SandboxSimulator(
                new WhatsappProperties(Duration.ofSeconds(3), Duration.ofSeconds(1), true, Duration.ZERO, "", ""),
                new MockEnvironment());
        try {
            WhatsappPlugin plugin = new WhatsappPlugin(
                    UUID.randomUUID(),
                    UUID.randomUUID(),
                    "Sandbox",
                    true,
                    WhatsappPlugin.Mode.SANDBOX,
                    "sandbox",
                    "v23.0",
                    JsonNodeFactory.instance.objectNode(),
                    List.of(new WhatsappPlugin.Waba(
                            "100000000000001",
                            "Sandbox (sandbox)",
                            List.of(new WhatsappPlugin.PhoneNumber(
                                    "100000000000002",
                                    "100000000000001",
                                    "+1 555-012-3456",
                                    "Sandbox",
                                    "GREEN",
                                    "TIER_UNLIMITED",
                                    80,
                                    false)))),
                    null,
                    Instant.now(),
                    Instant.now());
            PluginCredentials credentials = new PluginCredentials("EAAsandbox-token", "secret", "verify");

            sandbox.register(plugin, credentials);
            assertThat(sandbox.started()).as("made, not used: no simulator").isFalse();

            sandbox.ensureRegistered(plugin, credentials);
            assertThat(sandbox.started()).isTrue();
            // Registered at that use: its WABA has the sandbox templates.
            assertThat(sandbox.simulator().templateStatus("100000000000001", "hello_world", "en_US"))
                    .isPresent();
        } finally {
            sandbox.destroy();
        }
    }
}
