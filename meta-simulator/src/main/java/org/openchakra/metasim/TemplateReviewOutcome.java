package org.openchakra.metasim;

/** What the simulated review decides for templates created or edited over the API (spec 3.4). */
public enum TemplateReviewOutcome {
    APPROVE,
    REJECT,
    /** Leave templates in PENDING; a test moves them with {@link MetaSimulator#setTemplateStatus}. */
    STAY_PENDING
}
