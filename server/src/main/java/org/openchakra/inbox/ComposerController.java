package org.openchakra.inbox;

import jakarta.servlet.http.HttpServletResponse;
import java.util.Map;
import java.util.UUID;
import org.openchakra.app.AppController;
import org.openchakra.app.AppUser;
import org.openchakra.chat.Chat;
import org.openchakra.whatsapp.templatemessage.TemplateOutline;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * The composer (inbox.md §2.3): a text, a file, or, when the customer's 24-hour window is closed, a template
 * picked from the number's approved ones, previewed and filled in. Each send answers the conversation's recent
 * messages, which the page merges with what it shows (the new message, its status).
 */
@AppController
class ComposerController {

    private final InboxChats chats;
    private final InboxSender sender;
    private final Conversations conversations;

    ComposerController(InboxChats chats, InboxSender sender, Conversations conversations) {
        this.chats = chats;
        this.sender = sender;
        this.conversations = conversations;
    }

    @PostMapping("/app/chats/{chatId}/messages")
    String send(
            AppUser me,
            @PathVariable UUID chatId,
            @RequestParam(required = false) String text,
            @RequestParam(required = false) MultipartFile file,
            HttpServletResponse response,
            Model model) {
        Chat chat = chats.visible(me, chatId);
        sender.send(me, chat, text, file);
        return recent(me, chat, response, model);
    }

    @GetMapping("/app/chats/{chatId}/templates")
    String templates(AppUser me, @PathVariable UUID chatId, Model model) {
        Chat chat = chats.visible(me, chatId);
        model.addAttribute("chatId", chat.id());
        model.addAttribute("templates", sender.templates(chat));
        return "inbox/templates :: list";
    }

    @GetMapping("/app/chats/{chatId}/templates/form")
    String templateForm(
            AppUser me,
            @PathVariable UUID chatId,
            @RequestParam String template,
            @RequestParam String language,
            @RequestParam Map<String, String> form,
            Model model) {
        Chat chat = chats.visible(me, chatId);
        TemplateOutline outline = sender.template(chat, template, language);
        fill(model, chat, outline, form);
        return "inbox/templates :: form";
    }

    @GetMapping("/app/chats/{chatId}/templates/preview")
    String templatePreview(
            AppUser me,
            @PathVariable UUID chatId,
            @RequestParam String template,
            @RequestParam String language,
            @RequestParam Map<String, String> form,
            Model model) {
        Chat chat = chats.visible(me, chatId);
        fill(model, chat, sender.template(chat, template, language), form);
        return "inbox/templates :: preview";
    }

    @PostMapping("/app/chats/{chatId}/templates")
    String sendTemplate(
            AppUser me,
            @PathVariable UUID chatId,
            @RequestParam String template,
            @RequestParam String language,
            @RequestParam Map<String, String> form,
            HttpServletResponse response,
            Model model) {
        Chat chat = chats.visible(me, chatId);
        sender.sendTemplate(me, chat, sender.template(chat, template, language), form);
        // The page closes the picker.
        response.setHeader("HX-Trigger", "templateSent");
        return recent(me, chat, response, model);
    }

    private void fill(Model model, Chat chat, TemplateOutline outline, Map<String, String> form) {
        model.addAttribute("chatId", chat.id());
        model.addAttribute("t", outline);
        model.addAttribute("values", form);
        TemplateOutline.Preview preview = outline.preview(prefixed(form, "header."), prefixed(form, "body."));
        model.addAttribute("previewHeader", preview.header());
        model.addAttribute("previewBody", WhatsappMarkup.toHtml(preview.body()));
    }

    private static Map<String, String> prefixed(Map<String, String> form, String prefix) {
        Map<String, String> values = new java.util.HashMap<>();
        form.forEach((k, v) -> {
            if (k.startsWith(prefix) && v != null && !v.isBlank()) {
                values.put(k.substring(prefix.length()), v);
            }
        });
        return values;
    }

    private String recent(AppUser me, Chat chat, HttpServletResponse response, Model model) {
        model.addAttribute("conversation", conversations.recent(me, chat));
        response.setHeader("X-Inbox-Unread", String.valueOf(chats.unread(me)));
        return "inbox/conversation :: recent";
    }
}
