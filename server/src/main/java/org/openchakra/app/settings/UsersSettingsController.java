package org.openchakra.app.settings;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.openchakra.app.AppController;
import org.openchakra.app.AppMessages;
import org.openchakra.app.AppUser;
import org.openchakra.app.SignInLinks;
import org.openchakra.role.Role;
import org.openchakra.role.RoleService;
import org.openchakra.user.UserService;
import org.openchakra.web.ApiException;
import org.openchakra.web.PublicBaseUrl;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import tools.jackson.databind.node.ObjectNode;

/**
 * The team's users (inbox.md §2.7): add one (with a sign-in link at once, if asked), change a role, deactivate
 * (their open sessions end at their next request), make a sign-in link. Through the user service, so the admin
 * API's checks apply; a user of another team is a 404.
 */
@AppController
class UsersSettingsController {

    private final UserService users;
    private final RoleService roles;
    private final SignInLinks links;
    private final PublicBaseUrl baseUrl;
    private final AppMessages messages;

    UsersSettingsController(
            UserService users, RoleService roles, SignInLinks links, PublicBaseUrl baseUrl, AppMessages messages) {
        this.users = users;
        this.roles = roles;
        this.links = links;
        this.baseUrl = baseUrl;
        this.messages = messages;
    }

    @GetMapping("/app/settings/users")
    String page(AppUser me, Model model) {
        return list(me, model, "settings/users");
    }

    @PostMapping("/app/settings/users")
    String add(AppUser me, @RequestParam Map<String, String> form, HttpServletRequest request, Model model) {
        ObjectNode body = SettingsPages.body(form, "username", "email", "displayName", "role");
        Map<String, Object> created = users.create(me.teamId(), body);
        model.addAttribute("notice", messages.text("settings.users.added", created.get("username")));
        if (form.containsKey("link")) {
            link(me, (UUID) created.get("id"), request, model);
        }
        return list(me, model, "settings/users :: users");
    }

    @PostMapping("/app/settings/users/{userId}/role")
    String role(AppUser me, @PathVariable UUID userId, @RequestParam String role, Model model) {
        ObjectNode body = SettingsPages.JSON.objectNode().put("role", role);
        users.update(me.teamId(), userId, body);
        model.addAttribute("notice", messages.text("settings.users.roleChanged"));
        return list(me, model, "settings/users :: users");
    }

    @PostMapping("/app/settings/users/{userId}/deactivate")
    String deactivate(AppUser me, @PathVariable UUID userId, Model model) {
        if (userId.equals(me.id())) {
            throw ApiException.badRequest("userId", messages.text("settings.users.notYourself"));
        }
        users.deactivate(me.teamId(), userId);
        model.addAttribute("notice", messages.text("settings.users.deactivated"));
        return list(me, model, "settings/users :: users");
    }

    @PostMapping("/app/settings/users/{userId}/sign-in-link")
    String signInLink(AppUser me, @PathVariable UUID userId, HttpServletRequest request, Model model) {
        link(me, userId, request, model);
        return list(me, model, "settings/users :: users");
    }

    private void link(AppUser me, UUID userId, HttpServletRequest request, Model model) {
        SignInLinks.Issued link = links.issue(me.teamId(), userId, baseUrl.of(request))
                .orElseThrow(() -> ApiException.notFound(messages.text("error.notFound")));
        model.addAttribute("link", link.url());
        model.addAttribute(
                "linkExpires",
                messages.text("settings.users.linkExpires", SettingsPages.time(link.expiresAt(), me.zone())));
    }

    private String list(AppUser me, Model model, String view) {
        List<Role> teamRoles = roles.list(me.teamId()).stream()
                .sorted(Comparator.comparing(Role::name))
                .toList();
        model.addAttribute("roles", teamRoles);
        model.addAttribute("users", users.list(me.teamId(), false));
        model.addAttribute("section", "users");
        return view;
    }
}
