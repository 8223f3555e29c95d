package org.openchakra.team;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.openchakra.common.EmailAddresses;
import org.openchakra.role.Privileges;
import org.openchakra.secret.SecretBox;
import org.openchakra.user.UserService;
import org.openchakra.web.ApiException;
import org.openchakra.web.ApiResponse;
import org.openchakra.web.Caller;
import org.openchakra.web.JsonFields;
import org.openchakra.web.OperatorOnly;
import org.openchakra.web.RequiresPrivilege;
import org.openchakra.web.TimeValues;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Teams (operator) and the caller's own team, its rate limit and webhook secret (platform.md §11). */
@RestController
class TeamAdminController {

    static final Pattern SHORT_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");
    private static final Pattern COUNTRY_CODE = Pattern.compile("\\d{1,4}");
    private static final int MAX_RATE = 100_000;

    private final TeamRepository teams;
    private final TeamService service;
    private final SecretBox secrets;
    private final ApplicationEventPublisher events;
    private final SecureRandom random = new SecureRandom();

    public TeamAdminController(
            TeamRepository teams, TeamService service, SecretBox secrets, ApplicationEventPublisher events) {
        this.teams = teams;
        this.service = service;
        this.secrets = secrets;
        this.events = events;
    }

    @PostMapping("/v1/admin/teams")
    @OperatorOnly
    public ApiResponse create(@RequestBody JsonNode body) {
        JsonFields f = JsonFields.of(body);
        String name = f.requiredString("name", 200);
        String shortName = f.requiredString("shortName", 63);
        if (shortName != null && !SHORT_NAME.matcher(shortName).matches()) {
            f.problem("shortName", "'shortName' must be 2-63 lower-case letters, digits or -");
        }
        String timezone = timezone(f).orElse("UTC");
        String countryCode = countryCode(f).orElse("91");
        AdminUser admin = adminUser(f);
        f.check();
        if (teams.findByShortName(shortName).isPresent()) {
            throw ApiException.conflict("shortName", "A team with shortName '" + shortName + "' already exists");
        }
        TeamService.CreatedTeam created = service.create(
                new TeamService.NewTeam(name, shortName, timezone, countryCode, admin.username(), admin.email()));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("team", created.team().view());
        answer.put("adminUser", created.admin().id());
        answer.put(
                "apiKey",
                created.adminKey().key().view(List.of(created.adminKey().token().token())));
        answer.put("token", created.adminKey().token().view());
        return ApiResponse.ok(answer);
    }

    private record AdminUser(String username, String email) {}

    /**
     * The optional {@code admin: {username, email}}, checked as {@code POST /v1/admin/users} checks them.
     * Its problems join the body's, named {@code admin.<field>}, so that one 400 lists them all.
     */
    private static AdminUser adminUser(JsonFields f) {
        JsonFields admin = f.object("admin").map(JsonFields::of).orElse(null);
        if (admin == null) {
            return new AdminUser("admin", null);
        }
        String username = admin.string("username", UserService.NAME_MAX).orElse("admin");
        if (username.isBlank()) {
            admin.problem("username", "'username' must not be blank");
        }
        String email = admin.string("email", EmailAddresses.MAX_LENGTH).orElse(null);
        if (email != null && !EmailAddresses.isValid(email)) {
            admin.problem("email", "'email' is not a valid email address");
        }
        admin.problems().forEach(p -> f.problem("admin." + p.field(), "admin: " + p.message()));
        return new AdminUser(username, email);
    }

    @GetMapping("/v1/admin/teams")
    @OperatorOnly
    public ApiResponse list() {
        return ApiResponse.ok(teams.list().stream().map(Team::view).toList());
    }

    @GetMapping("/v1/admin/team")
    @RequiresPrivilege(Privileges.ADMIN)
    public ApiResponse get(Caller caller) {
        return ApiResponse.ok(own(caller).view());
    }

    /**
     * Name, timezone, default country code, rate limit, the chat setting {@code reopenClosedChats} and the
     * WhatsApp 24-hour window check; the shortName is fixed at creation.
     */
    @PutMapping("/v1/admin/team")
    @RequiresPrivilege(Privileges.ADMIN)
    @Transactional
    public ApiResponse update(Caller caller, @RequestBody JsonNode body) {
        Team team = own(caller);
        JsonFields f = JsonFields.of(body);
        String name = f.string("name", 200).orElse(team.name());
        String timezone = timezone(f).orElse(team.timezone());
        String countryCode = countryCode(f).orElse(team.defaultCountryCode());
        int rps = team.requestsPerSecond();
        int burst = team.burst();
        if (f.has("rateLimit")) {
            JsonFields limit = f.object("rateLimit").map(JsonFields::of).orElse(null);
            if (limit != null) {
                rps = limit.integer("requestsPerSecond", 1, MAX_RATE).orElse(rps);
                burst = limit.integer("burst", 1, MAX_RATE).orElse(burst);
                limit.check();
            }
        }
        boolean reopenClosedChats = f.bool("reopenClosedChats").orElse(team.reopenClosedChats());
        boolean enforceWindow = f.bool("enforceCustomerServiceWindow").orElse(team.enforceCustomerServiceWindow());
        f.check();
        Team updated = teams.update(new Team(
                team.id(),
                name,
                team.shortName(),
                timezone,
                countryCode,
                rps,
                burst,
                team.hasWebhookSecret(),
                reopenClosedChats,
                enforceWindow,
                team.createdAt(),
                team.updatedAt()));
        events.publishEvent(new TeamUpdated(updated));
        return ApiResponse.ok(updated.view());
    }

    @GetMapping("/v1/admin/team/secrets/webhook")
    @RequiresPrivilege(Privileges.ADMIN)
    public ApiResponse webhookSecret(Caller caller) {
        return ApiResponse.ok(Map.of("isSet", own(caller).hasWebhookSecret()));
    }

    /**
     * Sets the secret that signs customer webhooks. With {@code {"secret": "..."}} (16-256 characters)
     * that one (not blank); with an empty body, {@code {}} or {@code {"secret": null}} a new random one,
     * shown in this answer only.
     */
    @PutMapping("/v1/admin/team/secrets/webhook")
    @RequiresPrivilege(Privileges.ADMIN)
    public ApiResponse setWebhookSecret(Caller caller, @RequestBody(required = false) JsonNode body) {
        String secret = null;
        if (body != null && !body.isNull()) {
            JsonFields f = JsonFields.of(body);
            secret = f.string("secret", 256).orElse(null);
            if (secret != null && secret.isBlank()) {
                // Sixteen spaces pass the length check but sign nothing anyone would call a secret.
                f.problem("secret", "'secret' must not be blank");
            } else if (secret != null && secret.length() < 16) {
                f.problem("secret", "'secret' must be at least 16 characters");
            }
            f.check();
        }
        boolean generated = secret == null;
        if (generated) {
            byte[] bytes = new byte[32];
            random.nextBytes(bytes);
            secret = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        }
        teams.setWebhookSecret(caller.teamId(), secrets.encrypt(secret));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("isSet", true);
        answer.put("secret", generated ? secret : null);
        return ApiResponse.ok(answer);
    }

    @DeleteMapping("/v1/admin/team/secrets/webhook")
    @RequiresPrivilege(Privileges.ADMIN)
    public ApiResponse clearWebhookSecret(Caller caller) {
        teams.setWebhookSecret(caller.teamId(), null);
        return ApiResponse.ok(Map.of("isSet", false));
    }

    private Team own(Caller caller) {
        return teams.find(caller.teamId()).orElseThrow(() -> ApiException.notFound("Team not found"));
    }

    private static java.util.Optional<String> timezone(JsonFields f) {
        return f.string("timezone", 64).filter(tz -> {
            boolean valid = TimeValues.zone(tz).isPresent();
            if (!valid) {
                f.problem(
                        "timezone", "'timezone' must be an offset such as +0530 or an IANA zone such as Asia/Kolkata");
            }
            return valid;
        });
    }

    private static java.util.Optional<String> countryCode(JsonFields f) {
        return f.string("defaultCountryCode", 8)
                .map(cc -> cc.replace("+", "").trim())
                .filter(cc -> {
                    boolean valid = COUNTRY_CODE.matcher(cc).matches();
                    if (!valid) {
                        f.problem("defaultCountryCode", "'defaultCountryCode' must be 1-4 digits, such as 91");
                    }
                    return valid;
                });
    }
}
