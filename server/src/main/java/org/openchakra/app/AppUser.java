package org.openchakra.app;

import java.time.ZoneId;
import java.util.Set;
import java.util.UUID;
import org.openchakra.role.Privileges;

/**
 * The person signed in to the web app, as the database has them at this request: their team, their role's
 * privileges now (a role change applies at the next request), their names for the pages, and the zone in
 * which the pages show times (the user's timezone, else the team's).
 */
public record AppUser(
        UUID id,
        UUID teamId,
        String teamShortName,
        String teamName,
        String username,
        String displayName,
        String email,
        String roleName,
        Set<String> privileges,
        ZoneId zone) {

    public boolean has(String privilege) {
        return privileges.contains(privilege);
    }

    /** inbox.md §2: roles with {@code chat:all} see every chat of the team; others theirs and the unassigned. */
    public boolean seesAllChats() {
        return has(Privileges.CHAT_ALL);
    }

    public boolean isAdmin() {
        return has(Privileges.ADMIN);
    }

    /** What the pages call this person. */
    public String name() {
        return displayName != null && !displayName.isBlank() ? displayName : username;
    }
}
