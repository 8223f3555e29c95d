package org.openchakra.app.settings;

import java.util.List;
import org.openchakra.app.AppController;
import org.openchakra.app.AppMessages;
import org.openchakra.app.AppUser;
import org.openchakra.common.PhoneNumbers;
import org.openchakra.optout.OptOut;
import org.openchakra.optout.OptOuts;
import org.openchakra.team.Team;
import org.openchakra.team.TeamService;
import org.openchakra.web.ApiException;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The team's opt-outs (campaigns.md §4, inbox.md §2.7): the numbers that asked for no marketing, searched by
 * digits; a number put on the list or taken off it by a person (source {@code INBOX}); and the keywords with
 * which customers opt out and back in, saved as the team settings {@code PUT /v1/admin/team} saves them.
 */
@AppController
class OptOutsSettingsController {

    /** A number on the list as the page shows it. */
    record OptOutRow(String phoneNumber, String reason, String source, String createdAt) {}

    private static final int MAX_REASON = 500;

    private final OptOuts optOuts;
    private final TeamService teams;
    private final AppMessages messages;

    OptOutsSettingsController(OptOuts optOuts, TeamService teams, AppMessages messages) {
        this.optOuts = optOuts;
        this.teams = teams;
        this.messages = messages;
    }

    @GetMapping("/app/settings/opt-outs")
    String page(
            AppUser me,
            @RequestParam(required = false) String phoneNumber,
            @RequestParam(defaultValue = "1") int page,
            Model model) {
        return list(me, phoneNumber, page, model, "settings/opt-outs");
    }

    @PostMapping("/app/settings/opt-outs")
    String add(
            AppUser me,
            @RequestParam(required = false) String phoneNumber,
            @RequestParam(required = false) String reason,
            Model model) {
        if (reason != null && reason.strip().length() > MAX_REASON) {
            throw ApiException.badRequest("reason", messages.text("settings.optOuts.reasonTooLong", MAX_REASON));
        }
        String phone = phone(me, phoneNumber);
        optOuts.optOut(
                me.teamId(), phone, reason == null || reason.isBlank() ? null : reason.strip(), OptOut.Source.INBOX);
        model.addAttribute("notice", messages.text("settings.optOuts.added", "+" + phone));
        return list(me, null, 1, model, "settings/opt-outs :: list");
    }

    @PostMapping("/app/settings/opt-outs/remove")
    String remove(AppUser me, @RequestParam(required = false) String phoneNumber, Model model) {
        String phone = phone(me, phoneNumber);
        if (!optOuts.optIn(me.teamId(), phone, OptOut.Source.INBOX)) {
            throw ApiException.notFound(messages.text("settings.optOuts.notListed", "+" + phone));
        }
        model.addAttribute("notice", messages.text("settings.optOuts.removed", "+" + phone));
        return list(me, null, 1, model, "settings/opt-outs :: list");
    }

    /** The keywords, comma-separated; the team service checks them (none in both lists, lengths). */
    @PostMapping("/app/settings/opt-outs/keywords")
    String keywords(
            AppUser me,
            @RequestParam(required = false) String optOutKeywords,
            @RequestParam(required = false) String optInKeywords,
            @RequestParam(required = false) String optOutBlocksMarketing,
            Model model) {
        ObjectNode change = SettingsPages.JSON.objectNode();
        words(change.putArray("optOutKeywords"), optOutKeywords);
        words(change.putArray("optInKeywords"), optInKeywords);
        change.put("optOutBlocksMarketing", optOutBlocksMarketing != null);
        teams.update(me.teamId(), change);
        model.addAttribute("notice", messages.text("settings.optOuts.keywordsSaved"));
        keywordModel(me, model);
        return "settings/opt-outs :: keywords";
    }

    private static void words(ArrayNode into, String text) {
        for (String word : (text == null ? "" : text).split(",")) {
            if (!word.isBlank()) {
                into.add(word.strip());
            }
        }
    }

    private String phone(AppUser me, String raw) {
        if (raw == null || raw.isBlank()) {
            throw ApiException.badRequest("phoneNumber", messages.text("error.missing", "phoneNumber"));
        }
        String countryCode =
                teams.find(me.teamId()).map(Team::defaultCountryCode).orElse(null);
        return PhoneNumbers.normalize(raw, countryCode)
                .orElseThrow(() -> ApiException.badRequest(
                        "phoneNumber", messages.text("settings.optOuts.badNumber", raw.strip())));
    }

    private String list(AppUser me, String phoneNumber, int page, Model model, String view) {
        String digits = phoneNumber == null || phoneNumber.isBlank() ? null : PhoneNumbers.digits(phoneNumber);
        if (digits != null && digits.isEmpty()) {
            throw ApiException.badRequest("phoneNumber", messages.text("settings.optOuts.badNumber", phoneNumber));
        }
        int from = (SettingsPages.page(page) - 1) * SettingsPages.PAGE;
        OptOuts.Page found = optOuts.list(me.teamId(), digits, from, SettingsPages.PAGE);
        List<OptOutRow> rows = found.items().stream()
                .map(o -> new OptOutRow(
                        o.phoneNumber(), o.reason(), o.source().name(), SettingsPages.time(o.createdAt(), me.zone())))
                .toList();
        model.addAttribute("optOuts", rows);
        model.addAttribute("total", found.total());
        model.addAttribute("page", page);
        model.addAttribute("more", from + rows.size() < found.total());
        model.addAttribute("phoneNumber", phoneNumber == null ? "" : phoneNumber);
        keywordModel(me, model);
        return view;
    }

    private void keywordModel(AppUser me, Model model) {
        Team team = teams.get(me.teamId());
        model.addAttribute("optOutKeywords", String.join(", ", team.optOutKeywords()));
        model.addAttribute("optInKeywords", String.join(", ", team.optInKeywords()));
        model.addAttribute("optOutBlocksMarketing", team.optOutBlocksMarketing());
        model.addAttribute("section", "opt-outs");
    }
}
