package org.openchakra.app;

import io.swagger.v3.oas.annotations.media.Schema;
import jakarta.servlet.http.HttpServletRequest;
import java.util.UUID;
import org.openchakra.role.Privileges;
import org.openchakra.web.ApiException;
import org.openchakra.web.ApiOperation;
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

    /** What the endpoint answers, for the OpenAPI document. */
    @Schema(name = "SignInLink", description = "A one-time link to the inbox's \"choose your password\" page.")
    record SignInLink(
            @Schema(description = "Shown only in this answer; valid once.")
            String url,

            @Schema(description = "Epoch ms; 24 hours after it was made.")
            long expiresAt) {}

    @PostMapping("/v1/admin/users/{userId}/sign-in-link")
    @RequiresPrivilege(Privileges.ADMIN)
    @ApiOperation(
            id = "createSignInLink",
            summary = "A one-time sign-in link with which the user chooses a password for the inbox",
            data = SignInLink.class)
    ApiResponse issue(Caller caller, @PathVariable UUID userId, HttpServletRequest request) {
        SignInLinks.Issued link = links.issue(caller.teamId(), userId, baseUrl.of(request))
                .orElseThrow(() -> ApiException.notFound("User not found"));
        return ApiResponse.ok(new SignInLink(link.url(), TimeValues.millis(link.expiresAt())));
    }
}
