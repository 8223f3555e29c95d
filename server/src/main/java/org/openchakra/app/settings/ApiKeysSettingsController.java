package org.openchakra.app.settings;

import java.util.Map;
import java.util.UUID;
import org.openchakra.apikey.ApiKeyService;
import org.openchakra.app.AppController;
import org.openchakra.app.AppMessages;
import org.openchakra.app.AppUser;
import org.openchakra.role.Role;
import org.openchakra.role.RoleService;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The team's API keys (inbox.md §2.7): make one with a role (its token is shown once, in the answer that made
 * it, and never stored in the clear), revoke one (its tokens stop working at once). Another team's key is a 404.
 */
@AppController
class ApiKeysSettingsController {

    /** A key as the page lists it. */
    record KeyRow(
            UUID id, String name, String description, String role, String createdAt, String lastUsedAt, int tokens) {}

    private final ApiKeyService keys;
    private final RoleService roles;
    private final AppMessages messages;

    ApiKeysSettingsController(ApiKeyService keys, RoleService roles, AppMessages messages) {
        this.keys = keys;
        this.roles = roles;
        this.messages = messages;
    }

    @GetMapping("/app/settings/api-keys")
    String page(AppUser me, Model model) {
        return list(me, model, "settings/api-keys");
    }

    @PostMapping("/app/settings/api-keys")
    String create(AppUser me, @RequestParam Map<String, String> form, Model model) {
        ApiKeyService.CreatedKey created =
                keys.create(me.teamId(), SettingsPages.body(form, "name", "description", "role"));
        model.addAttribute("token", created.token().secret());
        model.addAttribute(
                "notice", messages.text("settings.keys.created", created.key().name()));
        return list(me, model, "settings/api-keys :: keys");
    }

    @PostMapping("/app/settings/api-keys/{keyId}/delete")
    String delete(AppUser me, @PathVariable UUID keyId, Model model) {
        ApiKeyService.KeyWithTokens deleted = keys.delete(me.teamId(), keyId);
        model.addAttribute(
                "notice", messages.text("settings.keys.deleted", deleted.key().name()));
        return list(me, model, "settings/api-keys :: keys");
    }

    private String list(AppUser me, Model model, String view) {
        Map<UUID, String> roleNames = new java.util.HashMap<>();
        for (Role r : roles.list(me.teamId())) {
            roleNames.put(r.id(), r.name());
        }
        model.addAttribute(
                "keys",
                keys.list(me.teamId()).stream()
                        .map(k -> new KeyRow(
                                k.key().id(),
                                k.key().name(),
                                k.key().description(),
                                roleNames.getOrDefault(k.key().roleId(), ""),
                                SettingsPages.time(k.key().createdAt(), me.zone()),
                                SettingsPages.time(k.key().lastUsedAt(), me.zone()),
                                (int) k.tokens().stream()
                                        .filter(t -> t.revokedAt() == null)
                                        .count()))
                        .toList());
        model.addAttribute("roles", roles.list(me.teamId()));
        model.addAttribute("section", "api-keys");
        return view;
    }
}
