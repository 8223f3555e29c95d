package org.openchakra.app;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.CookieValue;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Signing in (inbox.md §1): with a login and password, or through a one-time link that lets the person
 * choose a password. Both start a fresh session ({@link AppSessions}).
 */
@ConditionalOnWebApplication
@AppController
class SignInController {

    /** Remembers the team of the last sign-in on this browser, to fill the team field next time. */
    static final String TEAM_COOKIE = "openchakra_team";
    /** Where the sign-in page's OpenID Connect link goes first. */
    static final String OIDC_START = "/app/sign-in/oidc";

    private final SignIns signIns;
    private final SignInLinks links;
    private final Passwords passwords;
    private final AppSessions sessions;
    private final RequestCache requestCache;
    private final AppMessages messages;
    private final AppOidc oidc;

    SignInController(
            SignIns signIns,
            SignInLinks links,
            Passwords passwords,
            AppSessions sessions,
            RequestCache appRequestCache,
            AppMessages messages,
            AppOidc oidc) {
        this.signIns = signIns;
        this.links = links;
        this.passwords = passwords;
        this.sessions = sessions;
        this.requestCache = appRequestCache;
        this.messages = messages;
        this.oidc = oidc;
    }

    @GetMapping("/app/sign-in")
    String signInPage(
            @RequestParam(required = false) String signedOut,
            @RequestParam(name = "oidc", required = false) String oidcRefusal,
            @CookieValue(name = TEAM_COOKIE, required = false) String team,
            Model model) {
        if (signedIn()) {
            return "redirect:/app";
        }
        model.addAttribute("login", "");
        model.addAttribute("team", team == null ? "" : team);
        model.addAttribute("showTeam", team != null);
        if (signedOut != null) {
            model.addAttribute("notice", messages.text("signIn.signedOut"));
        }
        if (oidcRefusal != null) {
            Arrays.stream(OidcSignIn.Refusal.values())
                    .filter(r -> r.name().equalsIgnoreCase(oidcRefusal))
                    .findFirst()
                    .ifPresent(r -> model.addAttribute(
                            "error", messages.text("signIn.oidc." + r.name().toLowerCase(Locale.ROOT), oidc.name())));
        }
        return "app/sign-in";
    }

    /**
     * The sign-in page's "Sign in with ..." link: on to the provider when its settings are on and its discovery
     * document can be read, else back with the reason (Spring Security's own start would answer 500).
     */
    @GetMapping(OIDC_START)
    String startOidc() {
        if (oidc.registration().isEmpty()) {
            return "redirect:" + OidcSignIn.refused(OidcSignIn.Refusal.UNAVAILABLE);
        }
        return "redirect:" + AppOidc.AUTHORIZATION_BASE + "/" + AppOidc.REGISTRATION_ID;
    }

    @ModelAttribute("oidcName")
    String oidcName() {
        return oidc.enabled() ? oidc.name() : null;
    }

    @PostMapping("/app/sign-in")
    String signIn(
            @RequestParam(required = false) String login,
            @RequestParam(required = false) String password,
            @RequestParam(required = false) String team,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        SignIns.Outcome outcome = signIns.signIn(login, password, team, request.getRemoteAddr());
        if (outcome instanceof SignIns.SignedIn(AppUser user)) {
            sessions.signIn(user, request, response);
            rememberTeam(user, response);
            return "redirect:" + afterSignIn(requestCache, request, response);
        }
        model.addAttribute("login", login == null ? "" : login.strip());
        model.addAttribute("team", team == null ? "" : team.strip());
        model.addAttribute("showTeam", (team != null && !team.isBlank()) || outcome instanceof SignIns.ChooseTeam);
        String error = switch (outcome) {
            case SignIns.Refused(String key) -> messages.text(key);
            case SignIns.Throttled(Duration wait) ->
                messages.text("signIn.throttled", Math.max(1, (wait.toSeconds() + 59) / 60));
            case SignIns.ChooseTeam() -> messages.text("signIn.chooseTeam");
            case SignIns.SignedIn s -> throw new IllegalStateException();
        };
        model.addAttribute("error", error);
        response.setStatus(
                outcome instanceof SignIns.Throttled
                        ? HttpStatus.TOO_MANY_REQUESTS.value()
                        : outcome instanceof SignIns.ChooseTeam ? 409 : HttpStatus.UNAUTHORIZED.value());
        return "app/sign-in";
    }

    @GetMapping("/app/password")
    String passwordPage(@RequestParam(required = false) String link, HttpServletResponse response, Model model) {
        noReferrer(response);
        if (links.open(link).isEmpty()) {
            response.setStatus(HttpStatus.GONE.value());
            return "app/link-invalid";
        }
        model.addAttribute("link", link);
        model.addAttribute("minLength", Passwords.MIN_LENGTH);
        return "app/password";
    }

    @PostMapping("/app/password")
    String choosePassword(
            @RequestParam(required = false) String link,
            @RequestParam(required = false) String password,
            @RequestParam(required = false) String confirmation,
            HttpServletRequest request,
            HttpServletResponse response,
            Model model) {
        noReferrer(response);
        if (links.open(link).isEmpty()) {
            response.setStatus(HttpStatus.GONE.value());
            return "app/link-invalid";
        }
        Optional<String> problem = passwords.problem(password, confirmation);
        if (problem.isPresent()) {
            model.addAttribute("link", link);
            model.addAttribute("minLength", Passwords.MIN_LENGTH);
            model.addAttribute("error", messages.text(problem.get(), Passwords.MIN_LENGTH));
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            return "app/password";
        }
        Optional<AppUser> user = links.spend(link, password);
        if (user.isEmpty()) {
            response.setStatus(HttpStatus.GONE.value());
            return "app/link-invalid";
        }
        sessions.signIn(user.get(), request, response);
        rememberTeam(user.get(), response);
        return "redirect:/app";
    }

    /** Where a signed-in person goes: the page they first asked for, when it was one of the app's. */
    static String afterSignIn(RequestCache requestCache, HttpServletRequest request, HttpServletResponse response) {
        SavedRequest saved = requestCache.getRequest(request, response);
        requestCache.removeRequest(request, response);
        if (saved != null) {
            String url = saved.getRedirectUrl();
            // Only back into the app on this server: a saved URL is ours, but keep it to a path.
            int app = url.indexOf("/app");
            if (app >= 0) {
                String path = url.substring(app);
                if (path.equals("/app") || path.startsWith("/app/") || path.startsWith("/app?")) {
                    return path;
                }
            }
        }
        return "/app";
    }

    static void rememberTeam(AppUser user, HttpServletResponse response) {
        Cookie cookie = new Cookie(TEAM_COOKIE, user.teamShortName());
        cookie.setPath("/app");
        cookie.setHttpOnly(true);
        cookie.setMaxAge((int) Duration.ofDays(365).toSeconds());
        cookie.setAttribute("SameSite", "Lax");
        response.addCookie(cookie);
    }

    /** The link's token is in this page's URL: it must not leave in a Referer header. */
    private static void noReferrer(HttpServletResponse response) {
        response.setHeader("Referrer-Policy", "no-referrer");
    }

    private static boolean signedIn() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        return auth != null && auth.isAuthenticated() && !(auth instanceof AnonymousAuthenticationToken);
    }
}
