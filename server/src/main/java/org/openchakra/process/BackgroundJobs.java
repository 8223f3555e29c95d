package org.openchakra.process;

import java.util.UUID;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;

/**
 * Background jobs whose work another feature does (a campaign's big recipient list): they are listed and read
 * like the bulk jobs ({@code GET /v1/ext/background-job/{id}}, platform.md §5), have no entries, and end with a
 * {@code result} object saying what they did.
 */
@Service
public class BackgroundJobs {

    private final JobRepository jobs;

    BackgroundJobs(JobRepository jobs) {
        this.jobs = jobs;
    }

    /** A new job of {@code type}, NOT_STARTED, in the caller's transaction. */
    public BackgroundJob create(UUID teamId, String type) {
        return jobs.insertJob(teamId, type, null);
    }

    public void started(UUID jobId) {
        jobs.markStarted(jobId);
    }

    public void completed(UUID jobId, String message, JsonNode result) {
        jobs.complete(jobId, message, result);
    }

    public void failed(UUID jobId, String message) {
        jobs.markFailed(jobId, message);
    }
}
