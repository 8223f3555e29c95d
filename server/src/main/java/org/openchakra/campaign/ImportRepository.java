package org.openchakra.campaign;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Big recipient lists waiting for their job ({@code campaign_recipient_import}) and each job's tally
 * ({@code campaign_import}). The job takes staged rows with SKIP LOCKED and deletes them in the transaction
 * that adds their recipients, so a row is added once even across a crash.
 */
@Repository
class ImportRepository {

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ImportRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    void createTally(UUID jobId, UUID teamId, UUID campaignId, int duplicates, int invalid) {
        jdbc.sql("INSERT INTO campaign_import (job_id, team_id, campaign_id, duplicates, invalid)"
                        + " VALUES (:job, :team, :campaign, :duplicates, :invalid)")
                .param("job", jobId)
                .param("team", teamId)
                .param("campaign", campaignId)
                .param("duplicates", duplicates)
                .param("invalid", invalid)
                .update();
    }

    /** Stages items from index {@code first} on, in one statement. */
    void stage(UUID jobId, UUID teamId, UUID campaignId, int first, List<RecipientLists.Item> items) {
        ArrayNode rows = json.createArrayNode();
        int idx = first;
        for (RecipientLists.Item item : items) {
            ObjectNode row = rows.addObject();
            row.put("idx", idx++);
            row.put("phone", item.phone());
            row.put("lead", item.leadId() == null ? null : item.leadId().toString());
            row.put(
                    "process",
                    item.processId() == null ? null : item.processId().toString());
            row.set("data", item.row());
        }
        jdbc.sql("INSERT INTO campaign_recipient_import (job_id, idx, team_id, campaign_id, phone_number, lead_id,"
                        + " process_id, row_data) SELECT :job, x.idx, :team, :campaign, x.phone, x.lead, x.process, x.data"
                        + " FROM jsonb_to_recordset(CAST(:rows AS jsonb)) AS x(idx int, phone text, lead uuid,"
                        + " process uuid, data jsonb)")
                .param("job", jobId)
                .param("team", teamId)
                .param("campaign", campaignId)
                .param("rows", json.writeValueAsString(rows))
                .update();
    }

    /** Rows staged for the campaign by jobs not done yet (they count toward its limit). */
    long staged(UUID campaignId) {
        return jdbc.sql("SELECT count(*) FROM campaign_recipient_import WHERE campaign_id = :campaign")
                .param("campaign", campaignId)
                .query(Long.class)
                .single();
    }

    /** Up to {@code limit} staged rows of the job, in order, removed in the caller's transaction. */
    List<RecipientLists.Item> take(UUID jobId, int limit) {
        return jdbc.sql("DELETE FROM campaign_recipient_import i WHERE (i.job_id, i.idx) IN (SELECT job_id, idx FROM"
                        + " campaign_recipient_import WHERE job_id = :job ORDER BY idx LIMIT :limit FOR UPDATE SKIP"
                        + " LOCKED) RETURNING i.phone_number, i.lead_id, i.process_id, i.row_data")
                .param("job", jobId)
                .param("limit", limit)
                .query((rs, n) -> {
                    String data = rs.getString("row_data");
                    return new RecipientLists.Item(
                            rs.getString("phone_number"),
                            rs.getObject("lead_id", UUID.class),
                            rs.getObject("process_id", UUID.class),
                            data == null ? null : (ObjectNode) json.readTree(data));
                })
                .list();
    }

    void count(UUID jobId, int added, int duplicates) {
        jdbc.sql("UPDATE campaign_import SET added = added + :added, duplicates = duplicates + :duplicates"
                        + " WHERE job_id = :job")
                .param("job", jobId)
                .param("added", added)
                .param("duplicates", duplicates)
                .update();
    }

    record Tally(UUID teamId, UUID campaignId, int added, int duplicates, int invalid) {}

    Optional<Tally> tally(UUID jobId) {
        return jdbc.sql("SELECT team_id, campaign_id, added, duplicates, invalid FROM campaign_import"
                        + " WHERE job_id = :job")
                .param("job", jobId)
                .query((rs, n) -> new Tally(
                        rs.getObject("team_id", UUID.class),
                        rs.getObject("campaign_id", UUID.class),
                        rs.getInt("added"),
                        rs.getInt("duplicates"),
                        rs.getInt("invalid")))
                .optional();
    }
}
