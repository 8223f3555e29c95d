package org.openchakra.process;

import java.util.Map;
import java.util.Optional;
import org.openchakra.procedure.LeadProcedure;
import org.openchakra.role.Privileges;
import org.openchakra.web.ApiException;
import org.openchakra.web.ApiResponse;
import org.openchakra.web.Caller;
import org.openchakra.web.JsonFields;
import org.openchakra.web.RequiresPrivilege;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** Update Lead By Phone Number (platform.md §9): the Update Process body, addressed by the lead's phone. */
@RestController
class LeadController {

    private final ProcessService processes;

    public LeadController(ProcessService processes) {
        this.processes = processes;
    }

    @PutMapping("/v1/ext/lead/phoneNumber/{phoneNumber}")
    @RequiresPrivilege(Privileges.PROCESS_WRITE)
    @Transactional
    public ApiResponse update(
            Caller caller,
            @PathVariable String phoneNumber,
            @RequestParam(defaultValue = "false") boolean upsert,
            @RequestBody JsonNode body) {
        JsonFields.of(body);
        Optional<Process> lead = processes.findLeadByPhone(caller.teamId(), phoneNumber);
        if (lead.isPresent()) {
            return ApiResponse.ok(ProcessViews.process(processes.update(
                    caller.teamId(),
                    LeadProcedure.SHORT_ID,
                    ProcessService.Locator.byId(lead.get().id()),
                    body)));
        }
        if (!upsert) {
            throw ApiException.notFound("No lead with phone number " + phoneNumber);
        }
        ObjectNode create = ((ObjectNode) body).deepCopy();
        ObjectNode data = create.has("data") && create.get("data").isObject()
                ? (ObjectNode) create.get("data")
                : JsonNodeFactory.instance.objectNode();
        data.put(LeadProcedure.PHONE, phoneNumber);
        create.set("data", data);
        ProcessService.Created created = processes.create(caller.teamId(), LeadProcedure.SHORT_ID, create);
        return ApiResponse.ok(ProcessViews.process(created.process()), Map.of("created", true));
    }
}
