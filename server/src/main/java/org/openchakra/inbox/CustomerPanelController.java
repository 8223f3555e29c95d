package org.openchakra.inbox;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.openchakra.app.AppController;
import org.openchakra.app.AppMessages;
import org.openchakra.app.AppUser;
import org.openchakra.chat.Chat;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The customer panel (inbox.md §2.5): shown beside the conversation, its lead's attributes saved here. */
@AppController
class CustomerPanelController {

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
}
