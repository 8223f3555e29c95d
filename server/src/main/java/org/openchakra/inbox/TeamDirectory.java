package org.openchakra.inbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.openchakra.user.User;
import org.openchakra.user.UserService;
import org.openchakra.whatsapp.plugin.PluginService;
import org.openchakra.whatsapp.plugin.WhatsappPlugin;
import org.springframework.stereotype.Component;

/** The names a page of the inbox shows for ids: the team's users and its sender numbers. Read once per page. */
@Component
class TeamDirectory {

    /** A team's people and numbers at the time of a request. */
    record Snapshot(Map<UUID, User> users, Map<String, String> numbers) {

        String userName(UUID id) {
            User u = id == null ? null : users.get(id);
            if (u == null) {
                return null;
            }
            return u.displayName() != null && !u.displayName().isBlank() ? u.displayName() : u.username();
        }

        /** Sender numbers are worth showing only when the team has several (inbox.md §2). */
        boolean severalNumbers() {
            return numbers.size() > 1;
        }

        String number(String phoneNumberId) {
            return numbers.getOrDefault(phoneNumberId, phoneNumberId);
        }

        List<User> activeUsers() {
            return users.values().stream().filter(User::isActive).toList();
        }
    }

    private final UserService users;
    private final PluginService plugins;

    TeamDirectory(UserService users, PluginService plugins) {
        this.users = users;
        this.plugins = plugins;
    }

    Snapshot of(UUID teamId) {
        Map<UUID, User> people = new LinkedHashMap<>();
        users.members(teamId).forEach(u -> people.put(u.id(), u));
        Map<String, String> numbers = new LinkedHashMap<>();
        for (WhatsappPlugin plugin : plugins.list(teamId)) {
            for (WhatsappPlugin.Waba waba : plugin.wabas()) {
                for (WhatsappPlugin.PhoneNumber n : waba.phoneNumbers()) {
                    numbers.put(
                            n.id(),
                            n.displayPhoneNumber() != null
                                            && !n.displayPhoneNumber().isBlank()
                                    ? n.displayPhoneNumber()
                                    : n.id());
                }
            }
        }
        return new Snapshot(people, numbers);
    }
}
