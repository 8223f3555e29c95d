package org.openchakra.whatsapp.sandbox;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.openchakra.metasim.BusinessAccountSpec;
import org.openchakra.metasim.MetaSimulator;
import org.openchakra.metasim.OutboxEntry;
import org.openchakra.metasim.PhoneNumberSpec;
import org.openchakra.metasim.SimulatorConfig;
import org.openchakra.web.ApiException;
import org.openchakra.whatsapp.WhatsappProperties;
import org.openchakra.whatsapp.plugin.PluginCredentials;
import org.openchakra.whatsapp.plugin.SandboxGraph;
import org.openchakra.whatsapp.plugin.WhatsappPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The in-process Meta simulator behind every {@code SANDBOX} plugin of this server process (whatsapp.md §9).
 * It is started on first use on a loopback port and holds its state in memory only: a sandbox plugin is
 * registered with it when first used by this process ({@link #ensureRegistered}), so its WABA, number and
 * the sandbox templates are there after a restart and on every server process sharing the database
 * (templates created through the API since, and the outbox, are per process and lost on restart).
 */
@Component
class SandboxSimulator implements SandboxGraph, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(SandboxSimulator.class);

    private final WhatsappProperties props;
    private final Environment env;
    private MetaSimulator simulator;
    /** The credentials each plugin was registered with by this process. */
    private final Map<UUID, PluginCredentials> registered = new ConcurrentHashMap<>();

    public SandboxSimulator(WhatsappProperties props, Environment env) {
        this.props = props;
        this.env = env;
    }

    /** The simulator, started if it was not yet. */
    public synchronized MetaSimulator simulator() {
        if (!props.sandbox()) {
            throw ApiException.notFound(
                    "Sandbox mode is turned off on this server (OPENCHAKRA_WHATSAPP_SANDBOX=false)");
        }
        if (simulator == null) {
            simulator = MetaSimulator.start(
                    SimulatorConfig.builder().host("127.0.0.1").port(0).build());
            log.info("Sandbox Meta simulator listening on {}", simulator.baseUrl());
        }
        return simulator;
    }

    /** Whether the simulator runs in this process. */
    @Override
    public synchronized boolean started() {
        return simulator != null;
    }

    @Override
    public String baseUrl() {
        return simulator().baseUrl();
    }

    /**
     * Registers (or registers again) a sandbox plugin's WABAs and numbers with its token and app secret,
     * with webhooks to this server's {@code /webhooks/meta}, and seeds the sandbox templates. Before the simulator's
     * first use it only forgets the plugin, which its first use ({@link #ensureRegistered}) registers: the sandbox
     * plugin of a server's first start no longer starts a simulator (an HTTP server and client, whose threads woke
     * ~100 times a minute) that nobody may use (issue 15, idle).
     */
    @Override
    public void register(WhatsappPlugin plugin, PluginCredentials credentials) {
        synchronized (this) {
            if (simulator == null) {
                registered.remove(plugin.id());
                return;
            }
        }
        registerNow(plugin, credentials);
    }

    private void registerNow(WhatsappPlugin plugin, PluginCredentials credentials) {
        MetaSimulator sim = simulator();
        for (WhatsappPlugin.Waba waba : plugin.wabas()) {
            BusinessAccountSpec.Builder spec = BusinessAccountSpec.builder(waba.id())
                    .name(waba.name() == null ? plugin.name() : waba.name())
                    .accessToken(credentials.accessToken())
                    .appSecret(credentials.appSecret())
                    .webhookUrl(webhookUrl());
            if (credentials.verifyToken() != null) {
                spec.verifyToken(credentials.verifyToken());
            }
            for (WhatsappPlugin.PhoneNumber number : waba.phoneNumbers()) {
                spec.phoneNumber(PhoneNumberSpec.of(number.id(), number.displayPhoneNumber())
                        .withThroughputMps(number.throughputMps()));
            }
            sim.registerBusiness(spec.build());
            registered.put(plugin.id(), credentials);
            if (sim.templateStatus(waba.id(), "hello_world", "en_US").isEmpty()) {
                sim.seedSandboxTemplates(waba.id());
            }
        }
    }

    /**
     * Registers the plugin unless this process did already with these credentials: new ones (a reconnect, made
     * through any process) must be the simulator's too, or it would refuse the token and sign with the old
     * secret. Registering again resets the simulated numbers' state, so it happens only then.
     */
    @Override
    public void ensureRegistered(WhatsappPlugin plugin, PluginCredentials credentials) {
        if (!credentials.equals(registered.get(plugin.id()))) {
            registerNow(plugin, credentials);
        }
    }

    @Override
    public void customerWroteAt(String phoneNumberId, String waId, Instant at) {
        simulator().customerWroteAt(phoneNumberId, waId, at);
    }

    /** What the simulator accepted from this plugin's numbers, newest first. */
    public List<OutboxEntry> outbox(WhatsappPlugin plugin) {
        MetaSimulator sim = simulator();
        return plugin.wabas().stream()
                .flatMap(w -> w.phoneNumbers().stream())
                .flatMap(n -> sim.outbox(n.id()).stream())
                .sorted((a, b) -> b.receivedAt().compareTo(a.receivedAt()))
                .toList();
    }

    private String webhookUrl() {
        return "http://127.0.0.1:" + env.getProperty("local.server.port", env.getProperty("server.port", "8080"))
                + "/webhooks/meta";
    }

    @Override
    public synchronized void destroy() {
        if (simulator != null) {
            simulator.close();
            simulator = null;
            registered.clear();
        }
    }
}
