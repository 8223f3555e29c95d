package org.openchakra.optout;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.openchakra.webhook.CustomerEvents;
import org.openchakra.whatsapp.plugin.PluginService;
import org.openchakra.whatsapp.plugin.WhatsappPlugin;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * A team's opt-out list (campaigns.md §4), the one way in and out of it: the admin API, the keywords customers
 * send, and the inbox's switch all come here. Each change that puts a number on the list or takes it off emits
 * the Chakra event {@code opt_out} / {@code opt_in}, in the same transaction, to every plugin that asks for it
 * (a keyword's only to the plugin it came through, with its chat). Numbers are digits with country code.
 */
@Service
public class OptOuts {

    /** {@code _errorDetails[].code} of a MARKETING template send refused because the number opted out. */
    public static final String OPTED_OUT = "OPTED_OUT";

    static final String OPT_OUT_EVENT = "opt_out";
    static final String OPT_IN_EVENT = "opt_in";

    private final OptOutRepository repository;
    private final PluginService plugins;
    private final CustomerEvents events;

    OptOuts(OptOutRepository repository, PluginService plugins, CustomerEvents events) {
        this.repository = repository;
        this.plugins = plugins;
        this.events = events;
    }

    public boolean isOptedOut(UUID teamId, String phone) {
        return repository.find(teamId, phone).isPresent();
    }

    public Optional<OptOut> find(UUID teamId, String phone) {
        return repository.find(teamId, phone);
    }

    /** Which of {@code phones} are on the list (one query, for a campaign's batch). */
    public Set<String> optedOut(UUID teamId, Collection<String> phones) {
        return repository.present(teamId, phones);
    }

    /**
     * Puts the number on the list (or, when it is there already, sets the reason given and emits nothing);
     * answers the entry.
     */
    @Transactional
    public OptOut optOut(UUID teamId, String phone, String reason, OptOut.Source source) {
        return optOut(teamId, phone, reason, source, null);
    }

    /** As {@link #optOut(UUID, String, String, OptOut.Source)}, the event naming the chat it was done from. */
    @Transactional
    public OptOut optOut(UUID teamId, String phone, String reason, OptOut.Source source, UUID chatId) {
        Optional<OptOut> added = repository.insert(teamId, phone, reason, source);
        if (added.isEmpty()) {
            return (reason == null ? repository.find(teamId, phone) : repository.updateReason(teamId, phone, reason))
                    .orElseThrow();
        }
        plugins.active(teamId).forEach(p -> events.optChanged(p, OPT_OUT_EVENT, phone, source.name(), chatId));
        return added.get();
    }

    /** Takes the number off the list; answers false when it was not on it (nothing emitted then). */
    @Transactional
    public boolean optIn(UUID teamId, String phone, OptOut.Source source) {
        return optIn(teamId, phone, source, null);
    }

    /** As {@link #optIn(UUID, String, OptOut.Source)}, the event naming the chat it was done from. */
    @Transactional
    public boolean optIn(UUID teamId, String phone, OptOut.Source source, UUID chatId) {
        if (!repository.delete(teamId, phone)) {
            return false;
        }
        plugins.active(teamId).forEach(p -> events.optChanged(p, OPT_IN_EVENT, phone, source.name(), chatId));
        return true;
    }

    /** A keyword the customer sent: the event goes to the plugin it came through, with its chat. */
    void keyword(WhatsappPlugin plugin, String phone, boolean optOut, String keyword, UUID chatId) {
        String source = OptOut.Source.KEYWORD.name();
        if (optOut) {
            if (repository
                    .insert(plugin.teamId(), phone, "Sent '" + keyword + "'", OptOut.Source.KEYWORD)
                    .isPresent()) {
                events.optChanged(plugin, OPT_OUT_EVENT, phone, source, chatId);
            }
        } else if (repository.delete(plugin.teamId(), phone)) {
            events.optChanged(plugin, OPT_IN_EVENT, phone, source, chatId);
        }
    }

    public record Page(List<OptOut> items, long total) {}

    public Page list(UUID teamId, String digits, int skip, int limit) {
        return new Page(repository.list(teamId, digits, skip, limit), repository.count(teamId, digits));
    }
}
