package org.openchakra.process;

import java.util.Map;
import org.openchakra.role.Privileges;
import org.openchakra.web.ApiOperation;
import org.openchakra.web.ApiResponse;
import org.openchakra.web.Caller;
import org.openchakra.web.RequiresPrivilege;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Update Lead By Phone Number (platform.md §9): the Update Process body, addressed by the lead's phone. */
@RestController
class LeadController {

    private final ProcessService processes;

    public LeadController(ProcessService processes) {
        this.processes = processes;
    }

    @PutMapping("/v1/ext/lead/phoneNumber/{phoneNumber}")
    @RequiresPrivilege(Privileges.PROCESS_WRITE)
    @ApiOperation(
            id = "updateLeadByPhoneNumber",
            summary = "Change the lead with this phone number (or, with upsert, create it)",
            body = ProcessSchemas.ProcessChange.class,
            data = ProcessSchemas.ProcessAnswer.class,
            meta = ProcessSchemas.UpsertedMeta.class)
    public ApiResponse update(
            Caller caller,
            @PathVariable String phoneNumber,
            @RequestParam(defaultValue = "false") boolean upsert,
            @RequestBody JsonNode body) {
        ProcessService.LeadWrite written = processes.updateLeadByPhone(caller.teamId(), phoneNumber, upsert, body);
        return written.created()
                ? ApiResponse.ok(ProcessViews.process(written.lead()), Map.of("created", true))
                : ApiResponse.ok(ProcessViews.process(written.lead()));
    }
}
