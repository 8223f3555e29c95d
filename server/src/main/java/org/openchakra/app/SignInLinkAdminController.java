package org.openchakra.app;

import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.openchakra.role.Privileges;
import org.openchakra.web.ApiException;
import org.openchakra.web.ApiResponse;
import org.openchakra.web.Caller;
import org.openchakra.web.PublicBaseUrl;
import org.openchakra.web.RequiresPrivilege;
import org.openchakra.web.TimeValues;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /v1/admin/users/{userId}/sign-in-link} (inbox.md §1): a one-time link, valid 24 hours, with
 * which the user chooses a password for the inbox. Answers {@code {url, expiresAt}}; the URL is shown only
 * here.
 */
@RestController
class SignInLinkAdminController {

    private final SignInLinks links;
    private final PublicBaseUrl baseUrl;

    SignInLinkAdminController(SignInLinks links, PublicBaseUrl baseUrl) {
        this.links = links;
        this.baseUrl = baseUrl;
    }

    @PostMapping("/v1/admin/users/{userId}/sign-in-link")
    @RequiresPrivilege(Privileges.ADMIN)
    ApiResponse issue(Caller caller, @PathVariable UUID userId, HttpServletRequest request) {
        SignInLinks.Issued link = links.issue(caller.teamId(), userId, baseUrl.of(request))
                .orElseThrow(() -> ApiException.notFound("User not found"));
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("url", link.url());
        data.put("expiresAt", TimeValues.millis(link.expiresAt()));
        return ApiResponse.ok(data);
    }
}
