package org.openchakra.team;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.openchakra.OpenChakraProperties;
import org.openchakra.role.Role;
import org.openchakra.role.RoleService;
import org.openchakra.secret.SecretBox;
import org.openchakra.web.ApiException;
import org.openchakra.web.JsonFields;
import org.openchakra.web.TimeValues;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * Teams: their settings and webhook secret (platform.md §11). A team's first admin user and API key are
 * made by {@code onboarding}, which creates the team through here.
 */
@Service
public class TeamService {

    private static final Pattern SHORT_NAME = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");
    private static final Pattern COUNTRY_CODE = Pattern.compile("\\d{1,4}");
    private static final int MAX_RATE = 100_000;
    private static final int MAX_KEYWORDS = 20;
    private static final int MAX_KEYWORD_LENGTH = 50;

    private final TeamRepository teams;
    private final RoleService roles;
    private final SecretBox secrets;
    private final ApplicationEventPublisher events;
    private final TeamChanges changes;
    private final OpenChakraProperties props;
    private final SecureRandom random = new SecureRandom();

    public TeamService(
            TeamRepository teams,
            RoleService roles,
            SecretBox secrets,
            ApplicationEventPublisher events,
            TeamChanges changes,
            OpenChakraProperties props) {
        this.teams = teams;
        this.roles = roles;
        this.secrets = secrets;
        this.events = events;
        this.changes = changes;
        this.props = props;
    }

    public Optional<Team> find(UUID teamId) {
        return teams.find(teamId);
    }

    /** The team, or 404 (the caller's own team, gone only if deleted under it). */
    public Team get(UUID teamId) {
        return teams.find(teamId).orElseThrow(() -> ApiException.notFound("Team not found"));
    }

    public Optional<Team> findByShortName(String shortName) {
        return teams.findByShortName(shortName);
    }

    public List<Team> list() {
        return teams.list();
    }

    public boolean isEmpty() {
        return teams.isEmpty();
    }

    /** The team's webhook signing secret, encrypted ({@link SecretBox}), if it has one. */
    public Optional<byte[]> webhookSecret(UUID teamId) {
        return teams.webhookSecret(teamId);
    }

    public record NewTeam(String name, String shortName, String timezone, String defaultCountryCode) {}

    /** A new team and its admin role. */
    public record CreatedTeam(Team team, Role adminRole) {}

    /**
     * Reads a new team's fields from a request body; their problems join the body's (the caller checks).
     * Defaults: timezone UTC, country code 91.
     */
    public NewTeam newTeam(JsonFields f) {
        String name = f.requiredString("name", 200);
        String shortName = f.requiredString("shortName", 63);
        if (shortName != null && !SHORT_NAME.matcher(shortName).matches()) {
            f.problem("shortName", "'shortName' must be 2-63 lower-case letters, digits or -");
        }
        String timezone = timezone(f).orElse("UTC");
        String countryCode = countryCode(f).orElse("91");
        return new NewTeam(name, shortName, timezone, countryCode);
    }

    /** The team and its default roles, then {@link TeamCreated}, all in the caller's transaction. */
    @Transactional
    public CreatedTeam create(NewTeam spec) {
        if (teams.findByShortName(spec.shortName()).isPresent()) {
            throw ApiException.conflict("shortName", "A team with shortName '" + spec.shortName() + "' already exists");
        }
        Team team = teams.insert(
                spec.name(),
                spec.shortName(),
                spec.timezone(),
                spec.defaultCountryCode(),
                props.rateLimit().requestsPerSecond(),
                props.rateLimit().burst());
        Role admin = roles.createDefaults(team.id());
        events.publishEvent(new TeamCreated(team));
        return new CreatedTeam(team, admin);
    }

    /**
     * Name, timezone, default country code, rate limit, the chat setting {@code reopenClosedChats}, the
     * WhatsApp 24-hour window check and the opt-out settings (campaigns.md §4); the shortName is fixed at
     * creation.
     */
    @Transactional
    public Team update(UUID teamId, JsonNode body) {
        Team team = get(teamId);
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
        List<String> optOutKeywords = keywords(f, "optOutKeywords").orElse(team.optOutKeywords());
        List<String> optInKeywords = keywords(f, "optInKeywords").orElse(team.optInKeywords());
        boolean blocksMarketing = f.bool("optOutBlocksMarketing").orElse(team.optOutBlocksMarketing());
        optInKeywords.stream()
                .filter(word -> optOutKeywords.stream().anyMatch(word::equalsIgnoreCase))
                .findFirst()
                .ifPresent(word ->
                        f.problem("optInKeywords", "'" + word + "' cannot be both an opt-out and an opt-in keyword"));
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
                optOutKeywords,
                optInKeywords,
                blocksMarketing,
                team.createdAt(),
                team.updatedAt()));
        events.publishEvent(new TeamUpdated(updated));
        changes.changed(teamId);
        return updated;
    }

    /**
     * Sets the secret that signs customer webhooks. With {@code {"secret": "..."}} (16-256 characters)
     * that one (not blank); with an empty body, {@code {}} or {@code {"secret": null}} a new random one,
     * answered (else empty) so that it is shown once.
     */
    public Optional<String> setWebhookSecret(UUID teamId, JsonNode body) {
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
        teams.setWebhookSecret(teamId, secrets.encrypt(secret));
        changes.changed(teamId);
        return generated ? Optional.of(secret) : Optional.empty();
    }

    public void clearWebhookSecret(UUID teamId) {
        teams.setWebhookSecret(teamId, null);
        changes.changed(teamId);
    }

    /**
     * Opt-out or opt-in keywords: a list of words compared with an inbound text's whole trimmed text, in any
     * case; stored trimmed, each once. An empty list turns that kind of keyword off.
     */
    private static Optional<List<String>> keywords(JsonFields f, String field) {
        return f.strings(field, MAX_KEYWORDS, MAX_KEYWORD_LENGTH).flatMap(words -> {
            Map<String, String> unique = new LinkedHashMap<>();
            for (String word : words) {
                String trimmed = word.strip();
                if (trimmed.isEmpty()) {
                    f.problem(field, "'" + field + "' must not contain blank keywords");
                    return Optional.empty();
                }
                unique.putIfAbsent(trimmed.toUpperCase(Locale.ROOT), trimmed);
            }
            return Optional.of(List.copyOf(unique.values()));
        });
    }

    private static Optional<String> timezone(JsonFields f) {
        return f.string("timezone", 64).filter(tz -> {
            boolean valid = TimeValues.zone(tz).isPresent();
            if (!valid) {
                f.problem(
                        "timezone", "'timezone' must be an offset such as +0530 or an IANA zone such as Asia/Kolkata");
            }
            return valid;
        });
    }

    private static Optional<String> countryCode(JsonFields f) {
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
