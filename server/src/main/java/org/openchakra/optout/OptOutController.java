package org.openchakra.optout;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.openchakra.common.PhoneNumbers;
import org.openchakra.role.Privileges;
import org.openchakra.team.Team;
import org.openchakra.team.TeamService;
import org.openchakra.web.ApiException;
import org.openchakra.web.ApiOperation;
import org.openchakra.web.ApiResponse;
import org.openchakra.web.Caller;
import org.openchakra.web.JsonFields;
import org.openchakra.web.QueryParams;
import org.openchakra.web.RequiresPrivilege;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The team's opt-out list (campaigns.md §4). Numbers in paths take any format README §5 accepts. */
@RestController
class OptOutController {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;
    private static final int MAX_REASON = 500;

    private final OptOuts optOuts;
    private final TeamService teams;

    public OptOutController(OptOuts optOuts, TeamService teams) {
        this.optOuts = optOuts;
        this.teams = teams;
    }

    /** Newest first; {@code phoneNumber} filters on digits the number contains. */
    @GetMapping("/v1/admin/opt-outs")
    @RequiresPrivilege(Privileges.ADMIN)
    @ApiOperation(
            id = "listOptOuts",
            summary = "The team's opt-out list, newest first",
            data = OptOutSchemas.OptOutAnswer[].class,
            meta = OptOutSchemas.Page.class)
    public ApiResponse list(
            Caller caller,
            @RequestParam(required = false) String skip,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String phoneNumber) {
        int from = QueryParams.integer("skip", skip, 0, Integer.MAX_VALUE, 0);
        int size = QueryParams.integer("limit", limit, 1, MAX_LIMIT, DEFAULT_LIMIT);
        String digits = phoneNumber == null || phoneNumber.isBlank() ? null : PhoneNumbers.digits(phoneNumber);
        if (digits != null && digits.isEmpty()) {
            throw ApiException.badRequest("phoneNumber", "'phoneNumber' must contain digits");
        }
        OptOuts.Page page = optOuts.list(caller.teamId(), digits, from, size);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("total", page.total());
        meta.put("hasMore", from + page.items().size() < page.total());
        return ApiResponse.ok(page.items().stream().map(OptOut::view).toList(), meta);
    }

    @PutMapping("/v1/admin/opt-outs/{phoneNumber}")
    @RequiresPrivilege(Privileges.ADMIN)
    @ApiOperation(
            id = "optOut",
            summary = "Put a number on the opt-out list",
            body = OptOutSchemas.OptOutReason.class,
            data = OptOutSchemas.OptOutAnswer.class)
    public ApiResponse optOut(
            Caller caller, @PathVariable String phoneNumber, @RequestBody(required = false) JsonNode body) {
        String reason = null;
        if (body != null && !body.isNull()) {
            JsonFields f = JsonFields.of(body);
            reason = f.string("reason", MAX_REASON).orElse(null);
            f.check();
        }
        String phone = phone(caller.teamId(), phoneNumber);
        return ApiResponse.ok(optOuts.optOut(caller.teamId(), phone, reason, OptOut.Source.API)
                .view());
    }

    @DeleteMapping("/v1/admin/opt-outs/{phoneNumber}")
    @RequiresPrivilege(Privileges.ADMIN)
    @ApiOperation(
            id = "optIn",
            summary = "Take a number off the opt-out list (opted back in)",
            data = OptOutSchemas.OptedIn.class)
    public ApiResponse optIn(Caller caller, @PathVariable String phoneNumber) {
        String phone = phone(caller.teamId(), phoneNumber);
        if (!optOuts.optIn(caller.teamId(), phone, OptOut.Source.API)) {
            throw ApiException.notFound("The number " + phone + " is not on the opt-out list");
        }
        return ApiResponse.ok(Map.of("phoneNumber", phone, "optedOut", false));
    }

    private String phone(UUID teamId, String raw) {
        String countryCode = teams.find(teamId).map(Team::defaultCountryCode).orElse(null);
        return PhoneNumbers.normalize(raw, countryCode)
                .orElseThrow(() -> ApiException.badRequest("phoneNumber", "'" + raw + "' is not a phone number"));
    }
}
