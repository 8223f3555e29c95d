package org.openchakra.health;

import java.util.LinkedHashMap;
import java.util.Map;
import org.openchakra.web.AnyCaller;
import org.openchakra.web.ApiOperation;
import org.openchakra.web.ApiResponse;
import org.openchakra.web.Caller;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /v1/health}: clients call it to check their credentials, so it needs a valid token (401
 * without). Liveness of the process itself is {@code /actuator/health}, which needs none.
 */
@RestController
class HealthController {

    private final String version;

    public HealthController(ObjectProvider<BuildProperties> build) {
        BuildProperties properties = build.getIfAvailable();
        this.version = properties == null ? "dev" : properties.getVersion();
    }

    @GetMapping("/v1/health")
    @AnyCaller
    @ApiOperation(
            id = "getHealth",
            summary = "Check the token (401 without a valid one)",
            data = HealthSchemas.Health.class)
    public ApiResponse health(Caller caller) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("status", "OK");
        data.put("version", version);
        data.put("time", System.currentTimeMillis());
        data.put("team", caller.teamId());
        data.put("teamShortName", caller.teamShortName());
        data.put("apiKey", caller.apiKeyId());
        data.put("operator", caller.operator());
        return ApiResponse.ok(data);
    }
}
