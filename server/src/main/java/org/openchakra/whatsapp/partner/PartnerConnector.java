package org.openchakra.whatsapp.partner;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.openchakra.team.TeamService;
import org.openchakra.web.ApiException;
import org.openchakra.web.ErrorDetail;
import org.openchakra.whatsapp.WhatsappProperties;
import org.openchakra.whatsapp.meta.MetaTarget;
import org.openchakra.whatsapp.meta.MetaUpstreamException;
import org.openchakra.whatsapp.plugin.PluginConfig;
import org.openchakra.whatsapp.plugin.PluginCredentials;
import org.openchakra.whatsapp.plugin.PluginService;
import org.openchakra.whatsapp.plugin.PluginSync;
import org.openchakra.whatsapp.plugin.WhatsappPlugin;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a connect link does (whatsapp.md §10): shows what it would connect, and connects it. A Cloud API
 * account is checked with Meta first (its numbers are read with the client's token, outside any
 * transaction); then, in one transaction, the link is locked and spent and the plugin made or connected
 * again. A link is spent only by a connection that succeeded: a client who mistyped a token tries again.
 */
@Service
class PartnerConnector {

    private final ConnectTokens tokens;
    private final PluginService service;
    private final PluginSync sync;
    private final TeamService teams;
    private final WhatsappProperties props;
    private final TransactionTemplate tx;

    public PartnerConnector(
            ConnectTokens tokens,
            PluginService service,
            PluginSync sync,
            TeamService teams,
            WhatsappProperties props,
            TransactionTemplate tx) {
        this.tokens = tokens;
        this.service = service;
        this.sync = sync;
        this.teams = teams;
        this.props = props;
        this.tx = tx;
    }

    /**
     * A usable link: the token as given and as stored, the team that made it, the plugin to reconnect (null for a new one), and the
     * ways it may be connected.
     */
    public record Link(
            String rawToken,
            ConnectToken token,
            String teamName,
            WhatsappPlugin plugin,
            boolean cloudOffered,
            boolean sandboxOffered,
            String graphBaseUrl) {

        String pluginName() {
            return plugin == null ? token.newPluginName() : plugin.name();
        }
    }

    /** The link named by {@code rawToken}, or the refusal to show instead. */
    public Link open(String rawToken) {
        if (rawToken == null || rawToken.isBlank()) {
            throw ConnectRefused.link(
                    HttpStatus.BAD_REQUEST,
                    "No connect link",
                    "The connect token is missing: open the full link you were given");
        }
        ConnectToken token = usable(find(rawToken));
        WhatsappPlugin plugin = token.pluginId() == null
                ? null
                : service.find(token.teamId(), token.pluginId())
                        .orElseThrow(() -> ConnectRefused.link(
                                HttpStatus.NOT_FOUND,
                                "Link not valid",
                                "The plugin this link reconnects no longer exists"));
        boolean cloud = plugin == null || !plugin.sandbox();
        boolean sandbox = props.sandbox() && (plugin == null || plugin.sandbox());
        if (!cloud && !sandbox) {
            throw ConnectRefused.link(
                    HttpStatus.CONFLICT,
                    "Sandbox is off",
                    "This link reconnects a sandbox plugin, and sandbox mode is turned off on this server");
        }
        String graphBaseUrl = plugin != null
                ? plugin.graphBaseUrl()
                : token.graphBaseUrl() != null ? token.graphBaseUrl() : PluginService.DEFAULT_GRAPH_URL;
        String teamName = teams.find(token.teamId()).map(t -> t.name()).orElse("");
        return new Link(rawToken, token, teamName, plugin, cloud, sandbox, graphBaseUrl);
    }

    /** Connects a sandbox plugin: a simulated WABA and number (kept on reconnect), fresh made-up credentials. */
    public WhatsappPlugin connectSandbox(String rawToken) {
        Link link = open(rawToken);
        if (!link.sandboxOffered()) {
            throw ConnectRefused.form(
                    HttpStatus.BAD_REQUEST,
                    List.of(ErrorDetail.invalid(
                            "mode",
                            props.sandbox()
                                    ? "This link reconnects a Cloud API plugin; the sandbox is not offered"
                                    : "Sandbox mode is turned off on this server")));
        }
        return spend(
                rawToken,
                token -> token.pluginId() == null
                        ? service.create(
                                token.teamId(),
                                new PluginService.NewPlugin(
                                        token.newPluginName(),
                                        WhatsappPlugin.Mode.SANDBOX,
                                        null,
                                        PluginService.DEFAULT_API_VERSION,
                                        null,
                                        List.of(),
                                        PluginConfig.defaults()))
                        : service.reconnect(token.teamId(), token.pluginId(), null, List.of()));
    }

    /** Connects a Cloud API account once Meta has confirmed the token, the WABA and the numbers. */
    public WhatsappPlugin connectCloud(String rawToken, CloudForm form) {
        Link link = open(rawToken);
        if (!link.cloudOffered()) {
            throw ConnectRefused.form(
                    HttpStatus.BAD_REQUEST,
                    List.of(ErrorDetail.invalid(
                            "mode", "This link reconnects a sandbox plugin; confirm the sandbox instead")));
        }
        String version = link.plugin() == null
                ? PluginService.DEFAULT_API_VERSION
                : link.plugin().defaultApiVersion();
        WhatsappPlugin.Waba waba = verified(link, version, form);
        PluginCredentials credentials = new PluginCredentials(form.accessToken(), form.appSecret(), null);
        return spend(
                rawToken,
                token -> token.pluginId() == null
                        ? service.create(
                                token.teamId(),
                                new PluginService.NewPlugin(
                                        token.newPluginName(),
                                        WhatsappPlugin.Mode.CLOUD_API,
                                        link.graphBaseUrl(),
                                        version,
                                        credentials,
                                        List.of(waba),
                                        PluginConfig.defaults()))
                        : service.reconnect(token.teamId(), token.pluginId(), credentials, List.of(waba)));
    }

    /** The WABA with the numbers chosen (all of Meta's when none were typed), as Meta lists them. */
    private WhatsappPlugin.Waba verified(Link link, String version, CloudForm form) {
        WhatsappPlugin.Waba listed;
        try {
            listed = sync.readNumbers(
                    new MetaTarget(link.graphBaseUrl(), form.accessToken()),
                    version,
                    new WhatsappPlugin.Waba(form.wabaId(), null, List.of()));
        } catch (MetaUpstreamException e) {
            HttpStatus status = e.reply().status() >= 500 ? HttpStatus.BAD_GATEWAY : HttpStatus.BAD_REQUEST;
            throw ConnectRefused.form(
                    status,
                    List.of(new ErrorDetail(
                            ErrorDetail.UPSTREAM_ERROR,
                            "Meta refused the access token or WABA id: " + e.getMessage(),
                            "accessToken")));
        } catch (ApiException unreachableOrIncomplete) {
            throw ConnectRefused.form(unreachableOrIncomplete.status(), unreachableOrIncomplete.details());
        }
        Set<String> known = listed.phoneNumbers().stream()
                .map(WhatsappPlugin.PhoneNumber::id)
                .collect(Collectors.toSet());
        List<String> unknown =
                form.phoneNumberIds().stream().filter(id -> !known.contains(id)).toList();
        if (!unknown.isEmpty()) {
            throw ConnectRefused.form(
                    HttpStatus.BAD_REQUEST,
                    List.of(ErrorDetail.invalid(
                            "phoneNumberIds",
                            "Not numbers of WABA " + form.wabaId() + ": " + String.join(", ", unknown)
                                    + (known.isEmpty() ? "" : " (Meta lists " + String.join(", ", known) + ")"))));
        }
        if (listed.phoneNumbers().isEmpty()) {
            throw ConnectRefused.form(
                    HttpStatus.BAD_REQUEST,
                    List.of(ErrorDetail.invalid("wabaId", "Meta lists no phone numbers for WABA " + form.wabaId())));
        }
        List<WhatsappPlugin.PhoneNumber> chosen = form.phoneNumberIds().isEmpty()
                ? listed.phoneNumbers()
                : listed.phoneNumbers().stream()
                        .filter(n -> form.phoneNumberIds().contains(n.id()))
                        .toList();
        return new WhatsappPlugin.Waba(form.wabaId(), null, chosen);
    }

    /** In one transaction: the link locked and checked again, the plugin connected, the link spent. */
    private WhatsappPlugin spend(String rawToken, java.util.function.Function<ConnectToken, WhatsappPlugin> connect) {
        try {
            return tx.execute(status -> {
                ConnectToken token = usable(tokens.lock(rawToken));
                WhatsappPlugin plugin = connect.apply(token);
                tokens.markUsed(token.id(), plugin.id());
                return plugin;
            });
        } catch (ConnectRefused e) {
            throw e;
        } catch (ApiException e) {
            // A WABA or number another active plugin holds (409), a plugin gone: the form says why.
            throw ConnectRefused.form(e);
        }
    }

    private Optional<ConnectToken> find(String rawToken) {
        return rawToken.length() > 200 ? Optional.empty() : tokens.find(rawToken);
    }

    private static ConnectToken usable(Optional<ConnectToken> found) {
        ConnectToken token = found.orElseThrow(() -> ConnectRefused.link(
                HttpStatus.NOT_FOUND, "Link not valid", "This connect link is not valid. Ask for a new one."));
        if (token.used()) {
            throw ConnectRefused.link(
                    HttpStatus.GONE,
                    "Link already used",
                    "This connect link was already used. Ask for a new one to connect again.");
        }
        if (token.expired()) {
            throw ConnectRefused.link(
                    HttpStatus.GONE,
                    "Link expired",
                    "This connect link has expired (links work for one hour). Ask for a new one.");
        }
        return token;
    }
}
