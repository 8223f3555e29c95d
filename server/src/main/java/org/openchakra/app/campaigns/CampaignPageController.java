package org.openchakra.app.campaigns;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.openchakra.app.AppController;
import org.openchakra.app.AppMessages;
import org.openchakra.app.AppUser;
import org.openchakra.campaign.Campaign;
import org.openchakra.campaign.CampaignRecipients;
import org.openchakra.campaign.CampaignReport;
import org.openchakra.campaign.CampaignService;
import org.openchakra.campaign.RecipientImports;
import org.openchakra.web.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * One campaign (inbox.md §2.6): its steps, start (now or at a time), pause, resume, cancel; recipients added by
 * pasted numbers, a CSV file or a lead query; the live report (counts, error breakdowns, the recipient table with
 * filters) and its CSV. Another team's campaign is a 404, as in the API.
 */
@AppController
class CampaignPageController {

    static final int RECIPIENT_PAGE = 50;
    /** A CSV upload larger than this is refused before it is read (the API takes bigger lists as a job). */
    static final long MAX_CSV_BYTES = 20L * 1024 * 1024;

    private final CampaignService campaigns;
    private final CampaignRecipients recipients;
    private final RecipientImports imports;
    private final CampaignReport report;
    private final SenderNumbers senders;
    private final CampaignForms forms;
    private final CampaignStarts starts;
    private final AppMessages messages;

    CampaignPageController(
            CampaignService campaigns,
            CampaignRecipients recipients,
            RecipientImports imports,
            CampaignReport report,
            SenderNumbers senders,
            CampaignForms forms,
            CampaignStarts starts,
            AppMessages messages) {
        this.campaigns = campaigns;
        this.recipients = recipients;
        this.imports = imports;
        this.report = report;
        this.senders = senders;
        this.forms = forms;
        this.starts = starts;
        this.messages = messages;
    }

    @GetMapping("/app/campaigns/{id}")
    String campaign(AppUser me, @PathVariable UUID id, Model model) {
        Campaign found = campaigns.get(me.teamId(), id);
        CampaignPageViews.CampaignView campaign = view(me, found, model);
        model.addAttribute("startAtInput", CampaignPageViews.localInput(found.startAt(), me.zone()));
        recipientPage(me, campaign, null, null, null, 1, model);
        return "campaigns/campaign";
    }

    /** The report, reloaded by the page every few seconds; the recipient table follows it (event). */
    @GetMapping("/app/campaigns/{id}/report")
    String report(AppUser me, @PathVariable UUID id, HttpServletResponse response, Model model) {
        view(me, campaigns.get(me.teamId(), id), model);
        response.setHeader("HX-Trigger", "campaignReport");
        return "campaigns/campaign :: report";
    }

    @GetMapping("/app/campaigns/{id}/recipients")
    String recipients(
            AppUser me,
            @PathVariable UUID id,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String deliveryStatus,
            @RequestParam(required = false) String phoneNumber,
            @RequestParam(defaultValue = "1") int page,
            Model model) {
        CampaignPageViews.CampaignView campaign =
                CampaignPageViews.campaign(campaigns.get(me.teamId(), id), "", me.zone());
        recipientPage(me, campaign, status, deliveryStatus, phoneNumber, page, model);
        return "campaigns/campaign :: recipients";
    }

    @PostMapping("/app/campaigns/{id}/start")
    String start(
            AppUser me,
            @PathVariable UUID id,
            @RequestParam(defaultValue = "now") String when,
            @RequestParam(required = false) String startAt,
            HttpServletResponse response,
            Model model) {
        Instant at = null;
        if ("at".equals(when)) {
            at = forms.time(startAt, "startAt", me.zone());
            if (at == null) {
                throw ApiException.badRequest("startAt", messages.text("campaign.start.timeRequired"));
            }
        } else if (!"now".equals(when)) {
            throw ApiException.badRequest("when", messages.text("campaign.start.when.invalid"));
        }
        return changed(me, starts.start(me.teamId(), id, at), response, model);
    }

    @PostMapping("/app/campaigns/{id}/pause")
    String pause(AppUser me, @PathVariable UUID id, HttpServletResponse response, Model model) {
        return changed(me, campaigns.pause(me.teamId(), id), response, model);
    }

    @PostMapping("/app/campaigns/{id}/resume")
    String resume(AppUser me, @PathVariable UUID id, HttpServletResponse response, Model model) {
        return changed(me, campaigns.resume(me.teamId(), id), response, model);
    }

    @PostMapping("/app/campaigns/{id}/cancel")
    String cancel(AppUser me, @PathVariable UUID id, HttpServletResponse response, Model model) {
        Campaign cancelled = campaigns.cancel(me.teamId(), id);
        report.forget(id);
        return changed(me, cancelled, response, model);
    }

    /** Numbers pasted, one a line (or separated by commas). */
    @PostMapping("/app/campaigns/{id}/recipients/pasted")
    String pasted(
            AppUser me,
            @PathVariable UUID id,
            @RequestParam(required = false) String numbers,
            HttpServletResponse response,
            Model model) {
        if (numbers == null || numbers.isBlank()) {
            throw ApiException.badRequest("numbers", messages.text("campaign.recipients.noNumbers"));
        }
        byte[] body = CampaignForms.pasted(numbers).toString().getBytes(StandardCharsets.UTF_8);
        return added(me, id, imports.add(me.teamId(), id, MediaType.APPLICATION_JSON_VALUE, body), response, model);
    }

    /** A CSV file with a {@code phoneNumber} column; its other columns become each recipient's row. */
    @PostMapping("/app/campaigns/{id}/recipients/csv")
    String csv(
            AppUser me,
            @PathVariable UUID id,
            @RequestParam(required = false) MultipartFile file,
            HttpServletResponse response,
            Model model)
            throws IOException {
        if (file == null || file.isEmpty()) {
            throw ApiException.badRequest("file", messages.text("campaign.recipients.noFile"));
        }
        if (file.getSize() > MAX_CSV_BYTES) {
            throw new ApiException(
                    HttpStatus.CONTENT_TOO_LARGE,
                    java.util.List.of(org.openchakra.web.ErrorDetail.invalid(
                            "file", messages.text("campaign.recipients.fileTooLarge", MAX_CSV_BYTES / 1024 / 1024))));
        }
        return added(me, id, imports.add(me.teamId(), id, "text/csv", file.getBytes()), response, model);
    }

    /**
     * The processes of a procedure that match a filter: {@code where} as JSON (platform.md §4's query), or
     * else up to three attribute = value pairs.
     */
    @PostMapping("/app/campaigns/{id}/recipients/query")
    String query(
            AppUser me,
            @PathVariable UUID id,
            @RequestParam java.util.Map<String, String> form,
            HttpServletResponse response,
            Model model) {
        byte[] body = forms.query(form).toString().getBytes(StandardCharsets.UTF_8);
        return added(me, id, imports.add(me.teamId(), id, MediaType.APPLICATION_JSON_VALUE, body), response, model);
    }

    /** Takes a number out of the campaign (REMOVED: no further step is sent). */
    @PostMapping("/app/campaigns/{id}/recipients/remove")
    String remove(
            AppUser me,
            @PathVariable UUID id,
            @RequestParam String phoneNumber,
            HttpServletResponse response,
            Model model) {
        imports.remove(me.teamId(), id, phoneNumber);
        report.forget(id);
        return changed(me, campaigns.get(me.teamId(), id), response, model);
    }

    @GetMapping("/app/campaigns/{id}/report.csv")
    ResponseEntity<StreamingResponseBody> reportCsv(AppUser me, @PathVariable UUID id) {
        return recipients.reportDownload(me.teamId(), id);
    }

    private String added(AppUser me, UUID id, RecipientImports.Added added, HttpServletResponse response, Model model) {
        report.forget(id);
        model.addAttribute(
                "added",
                added.job() == null
                        ? messages.text("campaign.recipients.added", added.added(), added.duplicates(), added.invalid())
                        : messages.text(
                                "campaign.recipients.queued", added.queued(), added.duplicates(), added.invalid()));
        return changed(me, campaigns.get(me.teamId(), id), response, model);
    }

    /** After an action: the report as it is now (the recipient table follows it). */
    private String changed(AppUser me, Campaign campaign, HttpServletResponse response, Model model) {
        view(me, campaign, model);
        response.setHeader("HX-Trigger", "campaignReport");
        return "campaigns/campaign :: report";
    }

    private CampaignPageViews.CampaignView view(AppUser me, Campaign c, Model model) {
        CampaignPageViews.CampaignView campaign =
                CampaignPageViews.campaign(c, senders.label(me.teamId(), c.pluginId(), c.phoneNumberId()), me.zone());
        model.addAttribute("c", campaign);
        model.addAttribute("report", CampaignPageViews.report(report.numbers(c.id())));
        return campaign;
    }

    private void recipientPage(
            AppUser me,
            CampaignPageViews.CampaignView campaign,
            String status,
            String deliveryStatus,
            String phoneNumber,
            int page,
            Model model) {
        if (page < 1 || page > 1_000_000) {
            throw ApiException.badRequest("page", "'page' must be a number from 1");
        }
        CampaignRecipients.Page found = recipients.list(
                me.teamId(),
                campaign.id(),
                status,
                deliveryStatus,
                phoneNumber,
                (page - 1) * RECIPIENT_PAGE,
                RECIPIENT_PAGE);
        model.addAttribute("c", campaign);
        model.addAttribute(
                "recipients",
                found.items().stream()
                        .map(r -> CampaignPageViews.recipient(r, campaign, me.zone()))
                        .toList());
        model.addAttribute("recipientTotal", found.total());
        model.addAttribute("recipientPage", page);
        model.addAttribute("recipientPages", Math.max(1, (found.total() + RECIPIENT_PAGE - 1) / RECIPIENT_PAGE));
        model.addAttribute("filterStatus", status == null ? "" : status.strip().toUpperCase(java.util.Locale.ROOT));
        model.addAttribute(
                "filterDelivery",
                deliveryStatus == null ? "" : deliveryStatus.strip().toUpperCase(java.util.Locale.ROOT));
        model.addAttribute("filterPhone", phoneNumber == null ? "" : phoneNumber);
        model.addAttribute("recipientStatuses", org.openchakra.campaign.Recipient.STATUSES);
        model.addAttribute("deliveryStatuses", CampaignRecipients.DELIVERY_STATUSES);
    }

    /** Where a form sends the browser afterwards: htmx is told to go there, a plain form is redirected. */
    static ResponseEntity<Void> goTo(String page, HttpServletRequest request) {
        if ("true".equals(request.getHeader("HX-Request"))) {
            return ResponseEntity.noContent().header("HX-Redirect", page).build();
        }
        return ResponseEntity.status(HttpStatus.SEE_OTHER)
                .location(URI.create(page))
                .build();
    }
}
