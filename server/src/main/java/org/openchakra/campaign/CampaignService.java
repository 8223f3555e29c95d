package org.openchakra.campaign;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.openchakra.web.ApiException;
import org.openchakra.web.ErrorDetail;
import org.openchakra.web.JsonFields;
import org.openchakra.whatsapp.plugin.PluginDirectory;
import org.openchakra.whatsapp.plugin.WhatsappPlugin;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.JsonNode;

/**
 * Campaigns and their life (campaigns.md §1-§2): made in DRAFT (or SCHEDULED / RUNNING when asked to start),
 * edited, started (every step's template checked first), paused, resumed and cancelled. A request that fails
 * changes nothing; another team's campaign is a 404.
 */
@Service
public class CampaignService {

    private static final int MAX_NAME = 200;
    private static final int MAX_MPS = 10_000;

    private final CampaignRepository campaigns;
    private final RecipientRepository recipients;
    private final CampaignSteps steps;
    private final PluginDirectory plugins;
    private final CampaignClock clock;

    CampaignService(
            CampaignRepository campaigns,
            RecipientRepository recipients,
            CampaignSteps steps,
            PluginDirectory plugins,
            CampaignClock clock) {
        this.campaigns = campaigns;
        this.recipients = recipients;
        this.steps = steps;
        this.plugins = plugins;
        this.clock = clock;
    }

    @Transactional
    public Campaign create(UUID teamId, JsonNode body) {
        JsonFields f = JsonFields.of(body);
        String name = f.requiredString("name", MAX_NAME);
        String kind = f.has("kind") && !f.isNull("kind")
                ? f.oneOf("kind", Campaign.KINDS).orElse(null)
                : null;
        if (kind == null && (!f.has("kind") || f.isNull("kind"))) {
            f.problem("kind", "'kind' is required: BROADCAST or DRIP");
        }
        UUID pluginId = f.uuid("pluginId").orElse(null);
        if (pluginId == null && (!f.has("pluginId") || f.isNull("pluginId"))) {
            f.problem("pluginId", "'pluginId' is required");
        }
        String phoneNumberId = f.requiredString("whatsappPhoneNumberId", 64);
        Instant startAt = f.epochMillis("startAt").map(Instant::ofEpochMilli).orElse(null);
        boolean start = f.bool("start").orElse(false);
        boolean stopOnReply = f.bool("stopOnReply").orElse(true);
        Integer mps = f.integer("throughputMps", 1, MAX_MPS).orElse(null);
        List<ErrorDetail> problems = new ArrayList<>(f.problems());
        boolean senderKnown =
                pluginId != null && phoneNumberId != null && sender(teamId, pluginId, phoneNumberId, problems);
        List<Campaign.Step> parsed =
                steps.read(f.raw("steps"), kind, teamId, pluginId, phoneNumberId, senderKnown, problems);
        if (start && startAt != null && !startAt.isAfter(Instant.now())) {
            problems.add(ErrorDetail.invalid("startAt", "'startAt' is in the past: a campaign cannot start then"));
        }
        if (!problems.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, problems);
        }
        String status = !start ? Campaign.DRAFT : startAt != null ? Campaign.SCHEDULED : Campaign.RUNNING;
        Campaign created = campaigns.insert(
                teamId,
                new CampaignRepository.NewCampaign(
                        name, kind, pluginId, phoneNumberId, status, startAt, parsed, stopOnReply, mps));
        if (start) {
            steps.checkForStart(created);
            clock.afterStart(created);
        }
        return created;
    }

    public Campaign get(UUID teamId, UUID id) {
        return campaigns.find(teamId, id).orElseThrow(() -> notFound(id));
    }

    public List<Campaign> list(UUID teamId, String status, String kind, int skip, int limit) {
        return campaigns.list(teamId, status, kind, skip, limit);
    }

    /**
     * Name, throughput cap and stop-on-reply at any time; steps and startAt only while DRAFT or SCHEDULED (a
     * SCHEDULED campaign's new steps are checked as at start).
     */
    @Transactional
    public Campaign update(UUID teamId, UUID id, JsonNode body) {
        Campaign current = lock(teamId, id);
        JsonFields f = JsonFields.of(body);
        String name = f.has("name") ? f.requiredString("name", MAX_NAME) : current.name();
        boolean stopOnReply = f.bool("stopOnReply").orElse(current.stopOnReply());
        Integer mps =
                f.has("throughputMps") ? f.integer("throughputMps", 1, MAX_MPS).orElse(null) : current.throughputMps();
        boolean editable = Campaign.DRAFT.equals(current.status()) || Campaign.SCHEDULED.equals(current.status());
        Instant startAt = current.startAt();
        if (f.has("startAt")) {
            if (!editable) {
                f.problem("startAt", "'startAt' cannot change: the campaign is " + current.status());
            } else {
                startAt = f.epochMillis("startAt").map(Instant::ofEpochMilli).orElse(null);
                if (Campaign.SCHEDULED.equals(current.status())
                        && (startAt == null || !startAt.isAfter(Instant.now()))) {
                    f.problem("startAt", "'startAt' of a SCHEDULED campaign must be in the future");
                }
            }
        }
        List<ErrorDetail> problems = new ArrayList<>(f.problems());
        List<Campaign.Step> newSteps = current.steps();
        if (f.has("steps")) {
            if (!editable) {
                problems.add(
                        ErrorDetail.invalid("steps", "'steps' cannot change: the campaign is " + current.status()));
            } else {
                newSteps = steps.read(
                        f.raw("steps"),
                        current.kind(),
                        teamId,
                        current.pluginId(),
                        current.phoneNumberId(),
                        true,
                        problems);
            }
        }
        if (!problems.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, problems);
        }
        Campaign updated = campaigns.update(new Campaign(
                current.id(),
                teamId,
                name,
                current.kind(),
                current.pluginId(),
                current.phoneNumberId(),
                current.status(),
                startAt,
                newSteps,
                stopOnReply,
                mps,
                current.statusMessage(),
                current.createdAt(),
                current.updatedAt(),
                current.startedAt(),
                current.completedAt()));
        if (Campaign.SCHEDULED.equals(updated.status())) {
            steps.checkForStart(updated);
            if (!Objects.equals(updated.startAt(), current.startAt())) {
                clock.afterStart(updated); // its slices and every clock at the new time
            }
        }
        int firstDelay = updated.steps().getFirst().delayMinutes();
        if (firstDelay != current.steps().getFirst().delayMinutes()) {
            recipients.rescheduleFirstStep(teamId, id, firstDelay);
        }
        return updated;
    }

    /** DRAFT to RUNNING, or to SCHEDULED when its {@code startAt} is ahead; every step checked first. */
    @Transactional
    public Campaign start(UUID teamId, UUID id) {
        Campaign current = lock(teamId, id);
        requireStatus(current, "start", Campaign.DRAFT);
        if (current.startAt() != null && !current.startAt().isAfter(Instant.now())) {
            throw ApiException.badRequest("startAt", "'startAt' is in the past: set a later one, or none to start now");
        }
        checkSender(current);
        steps.checkForStart(current);
        Campaign started = campaigns.setStatus(
                teamId, id, current.startAt() != null ? Campaign.SCHEDULED : Campaign.RUNNING, null);
        clock.afterStart(started);
        return started;
    }

    /** New sends stop within a second on every server; those already handed to Meta complete. */
    @Transactional
    public Campaign pause(UUID teamId, UUID id) {
        Campaign current = lock(teamId, id);
        requireStatus(current, "pause", Campaign.RUNNING, Campaign.SCHEDULED);
        return campaigns.setStatus(teamId, id, Campaign.PAUSED, null);
    }

    /** Continues where it stopped (SCHEDULED again if its start has not come yet); steps checked again. */
    @Transactional
    public Campaign resume(UUID teamId, UUID id) {
        Campaign current = lock(teamId, id);
        requireStatus(current, "resume", Campaign.PAUSED);
        checkSender(current);
        steps.checkForStart(current);
        boolean waiting = current.startedAt() == null
                && current.startAt() != null
                && current.startAt().isAfter(Instant.now());
        Campaign resumed = campaigns.setStatus(teamId, id, waiting ? Campaign.SCHEDULED : Campaign.RUNNING, null);
        clock.afterStart(resumed);
        return resumed;
    }

    /** Final: pending recipients SKIPPED, active ones STOPPED, both CANCELLED. */
    @Transactional
    public Campaign cancel(UUID teamId, UUID id) {
        Campaign current = lock(teamId, id);
        requireStatus(current, "cancel", Campaign.DRAFT, Campaign.SCHEDULED, Campaign.RUNNING, Campaign.PAUSED);
        recipients.cancelAll(teamId, id);
        return campaigns.setStatus(teamId, id, Campaign.CANCELLED, null);
    }

    Campaign lock(UUID teamId, UUID id) {
        return campaigns.lock(teamId, id).orElseThrow(() -> notFound(id));
    }

    static ApiException notFound(UUID id) {
        return ApiException.notFound("Campaign " + id + " not found");
    }

    /** The plugin must be an active one of the team and the number one of its numbers: else a problem. */
    private boolean sender(UUID teamId, UUID pluginId, String phoneNumberId, List<ErrorDetail> problems) {
        Optional<WhatsappPlugin> plugin;
        try {
            plugin = Optional.of(plugins.active(teamId, pluginId).plugin());
        } catch (ApiException unknown) {
            problems.add(ErrorDetail.invalid("pluginId", unknown.getMessage()));
            return false;
        }
        if (plugin.get().phoneNumber(phoneNumberId).isEmpty()) {
            problems.add(ErrorDetail.invalid(
                    "whatsappPhoneNumberId",
                    "Phone number " + phoneNumberId + " is not a number of WhatsApp plugin " + pluginId));
            return false;
        }
        return true;
    }

    private void checkSender(Campaign campaign) {
        List<ErrorDetail> problems = new ArrayList<>();
        sender(campaign.teamId(), campaign.pluginId(), campaign.phoneNumberId(), problems);
        if (!problems.isEmpty()) {
            throw new ApiException(HttpStatus.BAD_REQUEST, problems);
        }
    }

    private static void requireStatus(Campaign campaign, String action, String... allowed) {
        if (!List.of(allowed).contains(campaign.status())) {
            throw ApiException.conflict(
                    "status",
                    "Cannot " + action + " campaign " + campaign.id() + ": it is " + campaign.status() + " (only "
                            + String.join(" or ", allowed) + ")");
        }
    }
}
