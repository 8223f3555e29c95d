package org.openchakra.optout;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.openchakra.chat.Chat;
import org.openchakra.chat.ChatMessage;
import org.openchakra.cluster.ClusterNotices;
import org.openchakra.cluster.NoticeListener;
import org.openchakra.common.ExpiringCache;
import org.openchakra.inbound.InboundListener;
import org.openchakra.team.Team;
import org.openchakra.team.TeamService;
import org.openchakra.team.TeamUpdated;
import org.openchakra.whatsapp.plugin.WhatsappPlugin;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * campaigns.md §4: an inbound text whose whole trimmed text is one of the team's {@code optOutKeywords}
 * (any case) opts the number out; one of its {@code optInKeywords} opts it back in. Applied in the transaction
 * that stores the message.
 *
 * <p>Every inbound text is compared, so each process keeps the team's keywords. A change of them (through any
 * instance) is announced with a cluster notice when it commits, and every instance forgets the team's entry;
 * the entries also expire, in case a notice is lost while an instance reconnects (it then forgets them all).
 */
@Component
class OptOutKeywords implements InboundListener {

    static final String TOPIC = "optout.keywords";
    private static final Duration TTL = Duration.ofMinutes(1);
    /** No keyword is longer (team settings allow 50): longer texts are not compared at all. */
    private static final int LONGEST = 50;

    private record Keywords(List<String> optOut, List<String> optIn) {}

    private final OptOuts optOuts;
    private final TeamService teams;
    private final ClusterNotices notices;
    private volatile ExpiringCache<UUID, Keywords> cache = new ExpiringCache<>(TTL, 100_000);

    OptOutKeywords(OptOuts optOuts, TeamService teams, ClusterNotices notices) {
        this.optOuts = optOuts;
        this.teams = teams;
        this.notices = notices;
        notices.subscribe(TOPIC, new NoticeListener() {
            @Override
            public void onNotice(String payload) {
                try {
                    cache.forget(UUID.fromString(payload));
                } catch (IllegalArgumentException notATeam) {
                    cache = new ExpiringCache<>(TTL, 100_000);
                }
            }

            @Override
            public void onGap() {
                cache = new ExpiringCache<>(TTL, 100_000);
            }
        });
    }

    @Override
    public void messageReceived(WhatsappPlugin plugin, Chat chat, ChatMessage message) {
        if (!"text".equals(message.dataType()) || message.text() == null) {
            return;
        }
        String text = message.text().strip();
        if (text.isEmpty() || text.length() > LONGEST) {
            return;
        }
        Keywords keywords = cache.get(plugin.teamId(), this::load);
        if (keywords == null) {
            return;
        }
        String upper = text.toUpperCase(Locale.ROOT);
        if (keywords.optOut().contains(upper)) {
            optOuts.keyword(plugin, message.contactIdentifier(), true, text, chat.id());
        } else if (keywords.optIn().contains(upper)) {
            optOuts.keyword(plugin, message.contactIdentifier(), false, text, chat.id());
        }
    }

    /** Published inside the update's transaction: it reaches every instance when (and if) that commits. */
    @EventListener
    void teamUpdated(TeamUpdated event) {
        notices.publish(TOPIC, event.team().id().toString());
    }

    private Keywords load(UUID teamId) {
        return teams.find(teamId).map(OptOutKeywords::keywords).orElse(null);
    }

    private static Keywords keywords(Team team) {
        return new Keywords(upper(team.optOutKeywords()), upper(team.optInKeywords()));
    }

    private static List<String> upper(List<String> words) {
        return words.stream().map(w -> w.toUpperCase(Locale.ROOT)).toList();
    }
}
