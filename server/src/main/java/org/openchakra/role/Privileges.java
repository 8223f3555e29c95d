package org.openchakra.role;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The privilege names of platform.md §1 and the three roles every new team starts with. */
public final class Privileges {

    public static final String CONFIG_READ = "config:read";
    public static final String USERS_READ = "users:read";
    public static final String USERS_WRITE = "users:write";
    public static final String PROCESS_READ = "process:read";
    public static final String PROCESS_WRITE = "process:write";
    public static final String PHOTO_READ = "photo:read";
    public static final String PHOTO_WRITE = "photo:write";
    public static final String JOBS_READ = "jobs:read";
    public static final String WHATSAPP_SEND = "whatsapp:send";
    public static final String WHATSAPP_TEMPLATES = "whatsapp:templates";
    public static final String WHATSAPP_MEDIA = "whatsapp:media";
    public static final String CHAT_READ = "chat:read";
    public static final String CHAT_WRITE = "chat:write";
    /** In the inbox, every chat of the team; without it a user sees theirs and the unassigned (inbox.md §2). */
    public static final String CHAT_ALL = "chat:all";

    public static final String PLUGIN_ADMIN = "plugin:admin";
    /** campaigns.md §2: ChakraHQ's public pair that adds numbers to and removes them from a campaign. */
    public static final String CAMPAIGN_ENROLL = "campaign:enroll";

    public static final String ADMIN = "admin";

    public static final List<String> ALL = List.of(
            CONFIG_READ,
            USERS_READ,
            USERS_WRITE,
            PROCESS_READ,
            PROCESS_WRITE,
            PHOTO_READ,
            PHOTO_WRITE,
            JOBS_READ,
            WHATSAPP_SEND,
            WHATSAPP_TEMPLATES,
            WHATSAPP_MEDIA,
            CHAT_READ,
            CHAT_WRITE,
            CHAT_ALL,
            PLUGIN_ADMIN,
            CAMPAIGN_ENROLL,
            ADMIN);

    public static final List<String> ROLE_TYPES = List.of("ADMIN", "MANAGER", "USER");

    /** The role a team cannot lose: it keeps the team administrable. */
    public static final String ADMIN_ROLE = "admin";

    public record DefaultRole(String shortId, String name, String roleType, Set<String> privileges) {}

    public static final List<DefaultRole> DEFAULT_ROLES = List.of(
            new DefaultRole(ADMIN_ROLE, "Admin", "ADMIN", new LinkedHashSet<>(ALL)),
            new DefaultRole(
                    "manager",
                    "Manager",
                    "MANAGER",
                    new LinkedHashSet<>(
                            ALL.stream().filter(p -> !p.equals(ADMIN)).toList())),
            // "read, send, chat": every read privilege, sending, and chat handling.
            new DefaultRole(
                    "agent",
                    "Agent",
                    "USER",
                    new LinkedHashSet<>(List.of(
                            CONFIG_READ,
                            USERS_READ,
                            PROCESS_READ,
                            PHOTO_READ,
                            JOBS_READ,
                            WHATSAPP_SEND,
                            CHAT_READ,
                            CHAT_WRITE))));

    private Privileges() {}
}
