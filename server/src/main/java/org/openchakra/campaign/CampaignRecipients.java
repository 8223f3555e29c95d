package org.openchakra.campaign;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.openchakra.common.PhoneNumbers;
import org.openchakra.web.ApiException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Service;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;
import tools.jackson.databind.SequenceWriter;

/**
 * Reading a campaign's recipients (campaigns.md §2): a filtered page, and the status report as CSV, streamed
 * page by page. For the admin API and the app's campaign pages alike; another team's campaign is a 404.
 */
@Service
public class CampaignRecipients {

    public static final List<String> DELIVERY_STATUSES = List.of("PENDING", "SENT", "DELIVERED", "READ", "FAILED");
    /** Rows read at a time for the report: its memory does not grow with the campaign. */
    private static final int REPORT_PAGE = 1000;

    /** A page of recipients and how many match the filters in all. */
    public record Page(List<Recipient> items, long total) {}

    private final CampaignService campaigns;
    private final RecipientRepository recipients;

    CampaignRecipients(CampaignService campaigns, RecipientRepository recipients) {
        this.campaigns = campaigns;
        this.recipients = recipients;
    }

    /**
     * In the order they were added; filters (null or blank for none): {@code status}, {@code deliveryStatus} of
     * the latest step, digits of {@code phoneNumber}. A filter value that cannot match is a 400 naming it.
     */
    public Page list(
            UUID teamId,
            UUID campaignId,
            String status,
            String deliveryStatus,
            String phoneNumber,
            int skip,
            int limit) {
        campaigns.get(teamId, campaignId);
        String digits = phoneNumber == null || phoneNumber.isBlank() ? null : PhoneNumbers.digits(phoneNumber);
        if (digits != null && digits.isEmpty()) {
            throw ApiException.badRequest("phoneNumber", "'phoneNumber' must contain digits");
        }
        RecipientRepository.Filter filter = new RecipientRepository.Filter(
                oneOf("status", status, Recipient.STATUSES),
                oneOf("deliveryStatus", deliveryStatus, DELIVERY_STATUSES),
                digits);
        return new Page(
                recipients.list(teamId, campaignId, filter, skip, limit), recipients.count(teamId, campaignId, filter));
    }

    /** ChakraHQ's status report: a header and one row per recipient (campaigns.md §2), written to {@code out}. */
    public void writeReport(UUID teamId, UUID campaignId, OutputStream out) throws IOException {
        try (SequenceWriter csv = CsvFiles.writer(out)) {
            csv.write(CsvFiles.line(CampaignViews.REPORT_COLUMNS));
            recipients.forEach(
                    teamId, campaignId, REPORT_PAGE, r -> csv.write(CsvFiles.line(CampaignViews.reportRow(r))));
        }
    }

    /** The status report as a download ({@code text/csv}, streamed); another team's campaign is a 404. */
    public ResponseEntity<StreamingResponseBody> reportDownload(UUID teamId, UUID campaignId) {
        Campaign campaign = campaigns.get(teamId, campaignId);
        StreamingResponseBody stream = out -> writeReport(teamId, campaign.id(), out);
        return ResponseEntity.ok()
                .contentType(new MediaType("text", "csv", StandardCharsets.UTF_8))
                .header(
                        HttpHeaders.CONTENT_DISPOSITION,
                        "attachment; filename=\"campaign-" + campaign.id() + "-report.csv\"")
                .body(stream);
    }

    /** One of {@code allowed} (any case), null for none; else a 400 naming the field. */
    static String oneOf(String field, String value, List<String> allowed) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return allowed.stream()
                .filter(a -> a.equalsIgnoreCase(value.trim()))
                .findFirst()
                .orElseThrow(() ->
                        ApiException.badRequest(field, "'" + field + "' must be one of " + String.join(", ", allowed)))
                .toUpperCase(Locale.ROOT);
    }
}
