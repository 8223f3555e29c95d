package org.openchakra.inbound;

import java.util.Optional;
import java.util.UUID;
import org.openchakra.procedure.LeadProcedure;
import org.openchakra.process.ProcessService;
import org.openchakra.web.ApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * whatsapp.md §6: a customer who writes and has no lead gets one in the {@code lead} procedure ({@code name}
 * = profile name, {@code phone_number} = the number). Once per number: concurrent messages from one number
 * wait on a transaction-scoped advisory lock keyed by team and number.
 */
@Component
class InboundLeads {

    private static final Logger log = LoggerFactory.getLogger(InboundLeads.class);

    private final ProcessService processes;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final TransactionTemplate savepoint;

    InboundLeads(ProcessService processes, JdbcClient jdbc, JsonMapper json, PlatformTransactionManager transactions) {
        this.processes = processes;
        this.jdbc = jdbc;
        this.json = json;
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    /** The lead of this number, made if there is none; empty if the team's lead procedure refuses it. */
    Optional<UUID> leadFor(UUID teamId, String digits, String profileName) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))")
                .param("key", "lead:" + teamId + ":" + digits)
                .query()
                .singleRow();
        String phone = "+" + digits;
        try {
            // A savepoint: a lead the procedure refuses must not undo the message that came with it.
            return savepoint.execute(status -> {
                var existing = processes.findLeadByPhone(teamId, phone);
                if (existing.isPresent()) {
                    return Optional.of(existing.get().id());
                }
                ObjectNode body = json.createObjectNode();
                ObjectNode data = body.putObject("data");
                data.put(LeadProcedure.PHONE, phone);
                if (profileName != null && !profileName.isBlank()) {
                    data.put("name", profileName);
                }
                return Optional.of(processes
                        .create(teamId, LeadProcedure.SHORT_ID, body)
                        .process()
                        .id());
            });
        } catch (ApiException e) {
            log.warn("No lead made for an inbound number of team {}: {}", teamId, e.getMessage());
            return Optional.empty();
        }
    }
}
