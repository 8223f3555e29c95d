package org.openchakra.inbox;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.openchakra.app.AppController;
import org.openchakra.app.AppMessages;
import org.openchakra.app.AppUser;
import org.openchakra.chat.Chat;
import org.openchakra.web.ApiException;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The customer panel (inbox.md §2.5): shown beside the conversation, its lead's attributes saved here. */
@AppController
class CustomerPanelController {

    /** The longest reason kept with an opt-out made in the inbox. */
    static final int MAX_REASON = 500;

    private final InboxChats chats;
    private final CustomerPanels panels;
    private final AppMessages messages;

    CustomerPanelController(InboxChats chats, CustomerPanels panels, AppMessages messages) {
        this.chats = chats;
        this.panels = panels;
        this.messages = messages;
    }

    @GetMapping("/app/chats/{chatId}/customer")
    String panel(AppUser me, @PathVariable UUID chatId, Model model) {
        Chat chat = chats.visible(me, chatId);
        model.addAttribute("panel", panels.of(me, chat));
        return "inbox/customer :: panel";
    }

    @PostMapping("/app/chats/{chatId}/lead")
    String saveLead(
            AppUser me, @PathVariable UUID chatId, @RequestParam MultiValueMap<String, String> form, Model model) {
        Chat chat = chats.visible(me, chatId);
        Map<String, String> single = new HashMap<>();
        form.forEach((k, v) -> single.put(k, v.isEmpty() ? "" : v.get(0)));
        panels.saveLead(me, chat, single, form);
        model.addAttribute("panel", panels.of(me, chat));
        model.addAttribute("saved", messages.text("customer.saved"));
        return "inbox/customer :: panel";
    }

    /**
     * The opt-out switch: {@code optedOut} {@code true} puts the customer on the team's list (with an optional
     * {@code reason}), {@code false} takes them off. Anyone who may see the chat may flip it: it is what the
     * customer asked of whoever answers them.
     */
    @PostMapping("/app/chats/{chatId}/opt-out")
    String optOut(
            AppUser me,
            @PathVariable UUID chatId,
            @RequestParam String optedOut,
            @RequestParam(required = false) String reason,
            Model model) {
        Chat chat = chats.visible(me, chatId);
        boolean out = switch (optedOut.strip()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ApiException.badRequest("optedOut", messages.text("error.badValue", "optedOut"));
        };
        String why = reason == null || reason.isBlank() ? null : reason.strip();
        if (why != null && why.length() > MAX_REASON) {
            throw ApiException.badRequest("reason", messages.text("customer.reasonTooLong", MAX_REASON));
        }
        panels.setOptedOut(me, chat, out, why);
        model.addAttribute("panel", panels.of(me, chat));
        model.addAttribute("saved", messages.text(out ? "customer.optedOutSaved" : "customer.optedInSaved"));
        return "inbox/customer :: panel";
    }
}
