package org.openchakra.campaign;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.openchakra.process.BackgroundJob;
import org.openchakra.role.Privileges;
import org.openchakra.web.ApiException;
import org.openchakra.web.ApiOperation;
import org.openchakra.web.ApiResponse;
import org.openchakra.web.Caller;
import org.openchakra.web.QueryParams;
import org.openchakra.web.RequiresPrivilege;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.databind.JsonNode;

/** Campaigns, their recipients and their report: OpenChakra's admin API of campaigns.md §2 (privilege admin). */
@RestController
class CampaignController {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;
    private final CampaignService campaigns;
    private final RecipientImports imports;
    private final CampaignRecipients recipients;
    private final CampaignReport report;

    CampaignController(
            CampaignService campaigns, RecipientImports imports, CampaignRecipients recipients, CampaignReport report) {
        this.campaigns = campaigns;
        this.imports = imports;
        this.recipients = recipients;
        this.report = report;
    }

    @PostMapping("/v1/admin/campaigns")
    @RequiresPrivilege(Privileges.ADMIN)
    @ApiOperation(
            id = "createCampaign",
            summary = "Make a campaign (DRAFT, or started when asked)",
            body = CampaignSchemas.NewCampaign.class,
            data = CampaignSchemas.CampaignAnswer.class)
    public ApiResponse create(Caller caller, @RequestBody JsonNode body) {
        return view(campaigns.create(caller.teamId(), body));
    }

    /** Newest first; {@code status} and {@code kind} filter. */
    @GetMapping("/v1/admin/campaigns")
    @RequiresPrivilege(Privileges.ADMIN)
    @ApiOperation(
            id = "listCampaigns",
            summary = "The team's campaigns, newest first",
            data = CampaignSchemas.CampaignAnswer[].class,
            meta = CampaignSchemas.HasMore.class)
    public ApiResponse list(
            Caller caller,
            @RequestParam(required = false) String skip,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String kind) {
        int from = QueryParams.integer("skip", skip, 0, Integer.MAX_VALUE, 0);
        int size = QueryParams.integer("limit", limit, 1, MAX_LIMIT, DEFAULT_LIMIT);
        List<Campaign> page = campaigns.list(
                caller.teamId(),
                oneOf("status", status, Campaign.STATUSES),
                oneOf("kind", kind, Campaign.KINDS),
                from,
                size + 1);
        boolean hasMore = page.size() > size;
        List<Map<String, Object>> views = page.stream()
                .limit(size)
                .map(c -> CampaignViews.campaign(c, report.numbers(c.id())))
                .toList();
        return ApiResponse.ok(views, Map.of("hasMore", hasMore));
    }

    @GetMapping("/v1/admin/campaigns/{id}")
    @RequiresPrivilege(Privileges.ADMIN)
    @ApiOperation(
            id = "getCampaign",
            summary = "A campaign with its counts and error breakdown",
            data = CampaignSchemas.CampaignAnswer.class)
    public ApiResponse get(Caller caller, @PathVariable UUID id) {
        return view(campaigns.get(caller.teamId(), id));
    }

    @PutMapping("/v1/admin/campaigns/{id}")
    @RequiresPrivilege(Privileges.ADMIN)
    @ApiOperation(
            id = "updateCampaign",
            summary = "Change a campaign (steps and startAt only while DRAFT or SCHEDULED)",
            body = CampaignSchemas.CampaignChange.class,
            data = CampaignSchemas.CampaignAnswer.class)
    public ApiResponse update(Caller caller, @PathVariable UUID id, @RequestBody JsonNode body) {
        return view(campaigns.update(caller.teamId(), id, body));
    }

    @PostMapping("/v1/admin/campaigns/{id}/start")
    @RequiresPrivilege(Privileges.ADMIN)
    @ApiOperation(
            id = "startCampaign",
            summary = "Start a DRAFT campaign, every step checked first",
            data = CampaignSchemas.CampaignAnswer.class)
    public ApiResponse start(Caller caller, @PathVariable UUID id) {
        return view(campaigns.start(caller.teamId(), id));
    }

    @PostMapping("/v1/admin/campaigns/{id}/pause")
    @RequiresPrivilege(Privileges.ADMIN)
    @ApiOperation(
            id = "pauseCampaign",
            summary = "Pause: new sends stop within a second",
            data = CampaignSchemas.CampaignAnswer.class)
    public ApiResponse pause(Caller caller, @PathVariable UUID id) {
        return view(campaigns.pause(caller.teamId(), id));
    }

    @PostMapping("/v1/admin/campaigns/{id}/resume")
    @RequiresPrivilege(Privileges.ADMIN)
    @ApiOperation(
            id = "resumeCampaign",
            summary = "Resume where it stopped",
            data = CampaignSchemas.CampaignAnswer.class)
    public ApiResponse resume(Caller caller, @PathVariable UUID id) {
        return view(campaigns.resume(caller.teamId(), id));
    }

    @PostMapping("/v1/admin/campaigns/{id}/cancel")
    @RequiresPrivilege(Privileges.ADMIN)
    @ApiOperation(
            id = "cancelCampaign",
            summary = "Cancel for good: pending recipients SKIPPED",
            data = CampaignSchemas.CampaignAnswer.class)
    public ApiResponse cancel(Caller caller, @PathVariable UUID id) {
        Campaign cancelled = campaigns.cancel(caller.teamId(), id);
        report.forget(id);
        return view(cancelled);
    }

    /**
     * A list as JSON {@code {"recipients": [...]}}, a {@code text/csv} upload, or a process query
     * {@code {"procedure", "where"}}; answers {@code {added, duplicates, invalid}}, and for a big list the
     * background job that adds it ({@code added} is then null until the job's result says).
     */
    @PostMapping("/v1/admin/campaigns/{id}/recipients")
    @RequiresPrivilege(Privileges.ADMIN)
    @ApiOperation(
            id = "addCampaignRecipients",
            summary = "Add recipients: a list, a text/csv upload or a process query",
            body = CampaignSchemas.RecipientList.class,
            data = CampaignSchemas.RecipientsAdded.class)
    public ApiResponse addRecipients(
            Caller caller,
            @PathVariable UUID id,
            @RequestHeader(value = HttpHeaders.CONTENT_TYPE, required = false) String contentType,
            @RequestBody(required = false) byte[] body) {
        if (body == null || body.length == 0) {
            throw ApiException.badRequest("recipients", "The body must be a recipient list (JSON or text/csv)");
        }
        RecipientImports.Added added = imports.add(caller.teamId(), id, contentType, body);
        report.forget(id);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("added", added.added());
        answer.put("queued", added.queued());
        answer.put("duplicates", added.duplicates());
        answer.put("invalid", added.invalid());
        BackgroundJob job = added.job();
        answer.put("backgroundJobId", job == null ? null : job.id());
        return ApiResponse.ok(answer);
    }

    /** In the order they were added; filters {@code status}, {@code deliveryStatus} (latest step), {@code phoneNumber}. */
    @GetMapping("/v1/admin/campaigns/{id}/recipients")
    @RequiresPrivilege(Privileges.ADMIN)
    @ApiOperation(
            id = "listCampaignRecipients",
            summary = "A campaign's recipients with their steps",
            data = CampaignSchemas.RecipientAnswer[].class,
            meta = CampaignSchemas.RecipientPage.class)
    public ApiResponse recipients(
            Caller caller,
            @PathVariable UUID id,
            @RequestParam(required = false) String skip,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String status,
            @RequestParam(required = false) String deliveryStatus,
            @RequestParam(required = false) String phoneNumber) {
        int from = QueryParams.integer("skip", skip, 0, Integer.MAX_VALUE, 0);
        int size = QueryParams.integer("limit", limit, 1, MAX_LIMIT, DEFAULT_LIMIT);
        CampaignRecipients.Page page =
                recipients.list(caller.teamId(), id, status, deliveryStatus, phoneNumber, from, size);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("total", page.total());
        meta.put("hasMore", from + page.items().size() < page.total());
        return ApiResponse.ok(
                page.items().stream().map(CampaignViews::recipient).toList(), meta);
    }

    /** One row per recipient, ChakraHQ's status-report columns, streamed page by page. */
    @GetMapping("/v1/admin/campaigns/{id}/report.csv")
    @RequiresPrivilege(Privileges.ADMIN)
    @ApiOperation(
            id = "campaignReport",
            summary = "The status report, one CSV row per recipient",
            answer = String.class,
            answerMediaType = "text/csv")
    public ResponseEntity<StreamingResponseBody> reportCsv(Caller caller, @PathVariable UUID id) {
        return recipients.reportDownload(caller.teamId(), id);
    }

    private ApiResponse view(Campaign campaign) {
        return ApiResponse.ok(CampaignViews.campaign(campaign, report.numbers(campaign.id())));
    }

    private static String oneOf(String field, String value, List<String> allowed) {
        return CampaignRecipients.oneOf(field, value, allowed);
    }
}
