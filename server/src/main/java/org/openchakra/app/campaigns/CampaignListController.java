package org.openchakra.app.campaigns;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Map;
import org.openchakra.app.AppController;
import org.openchakra.app.AppUser;
import org.openchakra.campaign.Campaign;
import org.openchakra.campaign.CampaignReport;
import org.openchakra.campaign.CampaignService;
import org.openchakra.web.ApiException;
import org.openchakra.whatsapp.templatemessage.TemplateOutline;
import org.springframework.http.ResponseEntity;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The campaign list with each campaign's progress, and the form that makes a broadcast or a drip campaign
 * (inbox.md §2.6): the sender number, a template per step with its variables, the delays and the cap. Admins
 * only, as the campaigns API (the security chain); everything goes through the campaign service's checks.
 */
@AppController
class CampaignListController {

    static final int PAGE = 25;

    private final CampaignService campaigns;
    private final CampaignReport report;
    private final SenderNumbers senders;
    private final CampaignForms forms;

    CampaignListController(
            CampaignService campaigns, CampaignReport report, SenderNumbers senders, CampaignForms forms) {
        this.campaigns = campaigns;
        this.report = report;
        this.senders = senders;
        this.forms = forms;
    }

    @GetMapping("/app/campaigns")
    String list(
            AppUser me,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String kind,
            @RequestParam(defaultValue = "1") int page,
            Model model) {
        if (page < 1 || page > 100_000) {
            throw ApiException.badRequest("page", "'page' must be a number from 1");
        }
        String statusFilter = oneOf("status", status, Campaign.STATUSES);
        String kindFilter = oneOf("kind", kind, Campaign.KINDS);
        List<Campaign> found = campaigns.list(me.teamId(), statusFilter, kindFilter, (page - 1) * PAGE, PAGE + 1);
        model.addAttribute(
                "rows",
                found.stream()
                        .limit(PAGE)
                        .map(c -> new CampaignPageViews.CampaignRow(
                                c.id(),
                                c.name(),
                                c.kind(),
                                c.status(),
                                senders.label(me.teamId(), c.pluginId(), c.phoneNumberId()),
                                CampaignPageViews.report(report.numbers(c.id())),
                                CampaignPageViews.time(c.createdAt(), me.zone())))
                        .toList());
        model.addAttribute("status", statusFilter == null ? "" : statusFilter);
        model.addAttribute("kind", kindFilter == null ? "" : kindFilter);
        model.addAttribute("statuses", Campaign.STATUSES);
        model.addAttribute("page", page);
        model.addAttribute("more", found.size() > PAGE);
        return "campaigns/list";
    }

    @GetMapping("/app/campaigns/new")
    String newCampaign(
            AppUser me,
            @RequestParam(defaultValue = Campaign.BROADCAST) String kind,
            @RequestParam(required = false) String sender,
            Model model) {
        String chosenKind = oneOf("kind", kind, Campaign.KINDS);
        List<SenderNumbers.Sender> all = senders.of(me.teamId());
        SenderNumbers.Sender chosen = sender == null || sender.isBlank()
                ? (all.isEmpty() ? null : all.getFirst())
                : senders.parse(me.teamId(), sender);
        model.addAttribute("kind", chosenKind);
        model.addAttribute("senders", all);
        model.addAttribute("sender", chosen);
        model.addAttribute("templates", chosen == null ? List.of() : senders.templates(me.teamId(), chosen));
        model.addAttribute("index", 0);
        model.addAttribute("nextIndex", 1);
        return "campaigns/new";
    }

    /** The steps for another sender number: one step with that number's templates. */
    @GetMapping("/app/campaigns/new/steps")
    String steps(
            AppUser me,
            @RequestParam(required = false) String sender,
            @RequestParam(defaultValue = Campaign.BROADCAST) String kind,
            Model model) {
        SenderNumbers.Sender chosen = senders.parse(me.teamId(), sender);
        model.addAttribute("kind", oneOf("kind", kind, Campaign.KINDS));
        model.addAttribute("templates", senders.templates(me.teamId(), chosen));
        model.addAttribute("index", 0);
        model.addAttribute("nextIndex", 1);
        return "campaigns/new :: steps";
    }

    /** One more step of a drip campaign (its index from the form, the next one sent along out of band). */
    @GetMapping("/app/campaigns/new/step")
    String step(
            AppUser me,
            @RequestParam(required = false) String sender,
            @RequestParam(defaultValue = "1") int nextIndex,
            Model model) {
        if (nextIndex < 1 || nextIndex >= 100) {
            throw ApiException.badRequest("nextIndex", "'nextIndex' must be a number from 1 to 99");
        }
        SenderNumbers.Sender chosen = senders.parse(me.teamId(), sender);
        model.addAttribute("kind", Campaign.DRIP);
        model.addAttribute("templates", senders.templates(me.teamId(), chosen));
        model.addAttribute("index", nextIndex);
        model.addAttribute("nextIndex", nextIndex + 1);
        return "campaigns/new :: added-step";
    }

    /** The fields of the template a step chose: its variables, header media, location or code. */
    @GetMapping("/app/campaigns/new/fields")
    String fields(
            AppUser me,
            @RequestParam(required = false) String sender,
            @RequestParam int index,
            @RequestParam Map<String, String> form,
            Model model) {
        if (index < 0 || index >= 100) {
            throw ApiException.badRequest("index", "'index' must be a number from 0 to 99");
        }
        SenderNumbers.Sender chosen = senders.parse(me.teamId(), sender);
        String value = form.getOrDefault("steps[" + index + "].template", "");
        TemplateOutline template = CampaignForms.find(senders.templates(me.teamId(), chosen), value)
                .orElse(null);
        model.addAttribute("t", template);
        model.addAttribute("prefix", "steps[" + index + "].");
        model.addAttribute("idPrefix", "step" + index + "-");
        return "campaigns/new :: fields";
    }

    @PostMapping("/app/campaigns")
    ResponseEntity<Void> create(AppUser me, @RequestParam Map<String, String> form, HttpServletRequest request) {
        Campaign created = campaigns.create(me.teamId(), forms.campaign(me.teamId(), form));
        return CampaignPageController.goTo("/app/campaigns/" + created.id(), request);
    }

    static String oneOf(String field, String value, List<String> allowed) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return allowed.stream()
                .filter(a -> a.equalsIgnoreCase(value.strip()))
                .findFirst()
                .orElseThrow(() ->
                        ApiException.badRequest(field, "'" + field + "' must be one of " + String.join(", ", allowed)));
    }
}
