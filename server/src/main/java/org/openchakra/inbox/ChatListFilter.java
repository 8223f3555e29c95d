package org.openchakra.inbox;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.openchakra.app.AppUser;
import org.openchakra.chat.Chat;
import org.openchakra.chat.ChatFilter;
import org.openchakra.web.ApiException;

/**
 * The chat list's filters as the page's form sends them (inbox.md §2.1): {@code status} open | closed,
 * {@code who} all | mine | unassigned, {@code number} (a sender number of the team), {@code q} (name, phone
 * number or message text). A value the form cannot send is a 400 naming it.
 */
record ChatListFilter(String status, String who, String number, String q) {

    static final List<String> STATUSES = List.of("open", "closed");
    static final List<String> WHO = List.of("all", "mine", "unassigned");
    static final int MAX_SEARCH = 200;

    static ChatListFilter of(String status, String who, String number, String q, TeamDirectory.Snapshot team) {
        String s = blank(status) ? "open" : status;
        String w = blank(who) ? "all" : who;
        if (!STATUSES.contains(s)) {
            throw ApiException.badRequest("status", "'status' must be one of " + STATUSES);
        }
        if (!WHO.contains(w)) {
            throw ApiException.badRequest("who", "'who' must be one of " + WHO);
        }
        String n = blank(number) ? null : number;
        if (n != null && !team.numbers().containsKey(n)) {
            throw ApiException.badRequest("number", "'number' is not a sender number of this team");
        }
        String search = blank(q) ? null : q.strip();
        if (search != null && search.length() > MAX_SEARCH) {
            throw ApiException.badRequest("q", "The search may have at most " + MAX_SEARCH + " characters");
        }
        return new ChatListFilter(s, w, n, search);
    }

    ChatFilter toChatFilter(AppUser me) {
        return new ChatFilter(
                q,
                status.equals("closed") ? Chat.CLOSED : Chat.OPEN,
                null,
                number,
                who.equals("mine") ? me.id() : null,
                who.equals("unassigned"),
                me.seesAllChats() ? null : me.id(),
                true,
                null);
    }

    /** The filters as query parameters, for the links and requests that keep them. */
    String query() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("status", status);
        params.put("who", who);
        if (number != null) {
            params.put("number", number);
        }
        if (q != null) {
            params.put("q", q);
        }
        return params.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }
}
