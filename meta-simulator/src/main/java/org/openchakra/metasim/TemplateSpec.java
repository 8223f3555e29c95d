package org.openchakra.metasim;

import java.util.Objects;

/**
 * A template to seed directly (no API call, no review), e.g. the sandbox's templates.
 *
 * @param name template name
 * @param language language code, e.g. {@code en_US}
 * @param category {@code MARKETING}, {@code UTILITY} or {@code AUTHENTICATION}
 * @param componentsJson the {@code components} array in Meta's creation format, as JSON text
 * @param status initial status, normally {@code APPROVED}; {@code PENDING} starts the async review
 * @param parameterFormat {@code POSITIONAL} or {@code NAMED}
 * @param paced whether sends answer {@code message_status: "accepted"} (template pacing, spec 1.2)
 */
public record TemplateSpec(
        String name,
        String language,
        String category,
        String componentsJson,
        String status,
        String parameterFormat,
        boolean paced) {

    public TemplateSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(language, "language");
        Objects.requireNonNull(category, "category");
        componentsJson = componentsJson == null ? "[]" : componentsJson;
        status = status == null ? "APPROVED" : status;
        parameterFormat = parameterFormat == null ? "POSITIONAL" : parameterFormat;
    }

    /** An approved, positional, unpaced template. */
    public static TemplateSpec approved(String name, String language, String category, String componentsJson) {
        return new TemplateSpec(name, language, category, componentsJson, "APPROVED", "POSITIONAL", false);
    }

    public TemplateSpec withStatus(String newStatus) {
        return new TemplateSpec(name, language, category, componentsJson, newStatus, parameterFormat, paced);
    }

    public TemplateSpec named() {
        return new TemplateSpec(name, language, category, componentsJson, status, "NAMED", paced);
    }

    public TemplateSpec pacedSends() {
        return new TemplateSpec(name, language, category, componentsJson, status, parameterFormat, true);
    }
}
