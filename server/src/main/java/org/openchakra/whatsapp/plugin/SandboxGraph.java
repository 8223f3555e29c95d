package org.openchakra.whatsapp.plugin;

import java.time.Instant;

/**
 * Where the Graph API calls of {@code SANDBOX} plugins go: the in-process Meta simulator
 * (whatsapp.md §9), which {@code whatsapp.sandbox} implements. Declared here so that plugins need not know
 * the sandbox module, which uses plugins.
 */
public interface SandboxGraph {

    /** The simulator's base URL; the simulator starts on first use. */
    String baseUrl();

    /** Whether this process's simulator has started (a sandbox nobody used here has nothing new to tell). */
    boolean started();

    /** Registers (or registers again) a sandbox plugin's WABAs and numbers with its credentials. */
    void register(WhatsappPlugin plugin, PluginCredentials credentials);

    /** Registers the plugin unless this process did already. */
    void ensureRegistered(WhatsappPlugin plugin, PluginCredentials credentials);

    /**
     * The customer wrote to the number at {@code at}, as the database knows, maybe through another server
     * process's simulator (each process has its own): this one opens the customer's 24-hour window from then
     * too, so that a conversation whose requests reach different processes meets the same rules on each.
     */
    void customerWroteAt(String phoneNumberId, String waId, Instant at);
}
