package org.openchakra.whatsapp.send;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.openchakra.chat.Chat;
import org.openchakra.chat.InboundMessages;
import org.openchakra.team.Team;
import org.openchakra.team.TeamChanges;
import org.openchakra.team.TeamService;
import org.openchakra.team.TeamUpdated;
import org.openchakra.whatsapp.meta.MetaLocalRefusal;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import tools.jackson.databind.JsonNode;

/**
 * The 24-hour customer service window (whatsapp.md §8), checked before Meta is called: a free-form message
 * to a customer whose last message to this sender number is older than 24 hours, or who never wrote, is
 * refused with Meta's 131047, unless the team turned the check off. Templates are always allowed; reactions,
 * read receipts and typing indicators are left to Meta (docs/decisions.md, "WhatsApp sending").
 *
 * <p>Every send reads the team's setting, so it is kept for {@link #SETTING_TTL}: a change made through this
 * process is seen at once, one made through another instance as soon as its notice arrives ({@link TeamChanges},
 * milliseconds after the change committed), within that time at worst.
 */
@Component
class CustomerServiceWindow {

    static final Duration SETTING_TTL = Duration.ofSeconds(1);
    private static final Set<String> NOT_CHECKED = Set.of("template", "reaction");

    private record Setting(boolean enforced, long expiresAt) {}

    private final TeamService teams;
    private final InboundMessages messages;
    private final Map<UUID, Setting> settings = new ConcurrentHashMap<>();

    public CustomerServiceWindow(TeamService teams, InboundMessages messages, TeamChanges changes) {
        this.teams = teams;
        this.messages = messages;
        changes.listen(settings::remove, settings::clear);
    }

    /** Refuses {@code body}, a message from {@code phoneNumberId}, when the customer's window is closed. */
    public void check(UUID teamId, String phoneNumberId, JsonNode body) {
        if (!appliesTo(body) || !enforced(teamId)) {
            return;
        }
        Optional<Instant> lastInbound = lastInbound(teamId, phoneNumberId, body);
        if (lastInbound.isEmpty() || lastInbound.get().isBefore(Instant.now().minus(Chat.SERVICE_WINDOW))) {
            throw MetaLocalRefusal.reEngagement();
        }
    }

    /** When the customer {@code body} is addressed to last wrote to this sender number, as far as we know. */
    Optional<Instant> lastInbound(UUID teamId, String phoneNumberId, JsonNode body) {
        return messages.lastInboundAt(teamId, phoneNumberId, Recipients.contactOf(body));
    }

    /** Free-form messages to one customer; group messages have no customer whose window could be open. */
    static boolean appliesTo(JsonNode body) {
        return MessageSender.isMessage(body)
                && !Recipients.isGroup(body)
                && !NOT_CHECKED.contains(body.path("type").asString(""));
    }

    private boolean enforced(UUID teamId) {
        long now = System.nanoTime();
        Setting setting = settings.get(teamId);
        if (setting == null || setting.expiresAt() - now < 0) {
            boolean enforced =
                    teams.find(teamId).map(Team::enforceCustomerServiceWindow).orElse(true);
            setting = new Setting(enforced, now + SETTING_TTL.toNanos());
            settings.put(teamId, setting);
        }
        return setting.enforced();
    }

    @TransactionalEventListener(fallbackExecution = true)
    void teamUpdated(TeamUpdated event) {
        settings.remove(event.team().id());
    }
}
