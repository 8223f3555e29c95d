package org.openchakra.whatsapp.template;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.openchakra.web.ApiException;
import org.springframework.stereotype.Component;

/**
 * The approved template a send names (whatsapp.md §3), from the WABA's cache; a template the cache lacks
 * or holds as not approved is read again from Meta first (at most every few seconds per name), since it
 * may have been made or approved since the cache last heard of it.
 */
@Component
public class TemplateLookup {

    /** The rule's fallback language (whatsapp.md §3), before "the first approved". */
    static final String FALLBACK_LANGUAGE = "en_US";

    private final TemplateCache cache;
    private final TemplateRefresher refresher;

    public TemplateLookup(TemplateCache cache, TemplateRefresher refresher) {
        this.cache = cache;
        this.refresher = refresher;
    }

    /**
     * The template {@code name} in {@code language}; without a language, the only approved one, else
     * {@code en_US}, else the first approved by code. Not found, or not approved: 400 naming both.
     */
    public CachedTemplate approved(WabaAccess waba, String name, String language) {
        return language == null ? inDefaultLanguage(waba, name) : inLanguage(waba, name, normalized(language));
    }

    /**
     * The WABA's approved templates, for a person to choose from (the inbox's template picker). An empty
     * cache is read from Meta first (at most once per 10 s), as a send's miss is.
     */
    public List<CachedTemplate> approvedOf(WabaAccess waba) {
        List<CachedTemplate> approved = cache.approved(waba.teamId(), waba.wabaId());
        if (approved.isEmpty() && refresher.refreshWabaAfterMiss(waba)) {
            approved = cache.approved(waba.teamId(), waba.wabaId());
        }
        return approved;
    }

    /**
     * The template {@code name} (in {@code language}, or in any language when null) whatever its status: a
     * campaign may name a template still under review, and is checked again when it starts. Unknown: 400.
     */
    public CachedTemplate existing(WabaAccess waba, String name, String language) {
        if (language != null) {
            String code = normalized(language);
            Optional<CachedTemplate> found = cache.find(waba.teamId(), waba.wabaId(), name, code);
            if (found.isEmpty() && refresher.refreshNameAfterMiss(waba, name)) {
                found = cache.find(waba.teamId(), waba.wabaId(), name, code);
            }
            return found.orElseThrow(() -> ApiException.badRequest(
                    "language",
                    "Template '" + name + "' does not exist in language '" + code + "' in WABA " + waba.wabaId()));
        }
        List<CachedTemplate> languages = cache.languages(waba.teamId(), waba.wabaId(), name);
        if (languages.isEmpty() && refresher.refreshNameAfterMiss(waba, name)) {
            languages = cache.languages(waba.teamId(), waba.wabaId(), name);
        }
        if (languages.isEmpty()) {
            throw ApiException.badRequest(
                    "templateName", "Template '" + name + "' does not exist in WABA " + waba.wabaId());
        }
        return languages.stream().filter(CachedTemplate::approved).findFirst().orElse(languages.getFirst());
    }

    private CachedTemplate inLanguage(WabaAccess waba, String name, String language) {
        Optional<CachedTemplate> found = cache.find(waba.teamId(), waba.wabaId(), name, language);
        if (found.filter(CachedTemplate::approved).isEmpty() && refresher.refreshNameAfterMiss(waba, name)) {
            found = cache.find(waba.teamId(), waba.wabaId(), name, language);
        }
        CachedTemplate template = found.orElseThrow(() -> ApiException.badRequest(
                "templateName",
                "Template '" + name + "' does not exist in language '" + language + "' in WABA " + waba.wabaId()));
        if (!template.approved()) {
            throw ApiException.badRequest(
                    "templateName",
                    "Template '" + name + "' in language '" + language + "' is " + template.status()
                            + ", not APPROVED");
        }
        return template;
    }

    private CachedTemplate inDefaultLanguage(WabaAccess waba, String name) {
        List<CachedTemplate> languages = cache.languages(waba.teamId(), waba.wabaId(), name);
        if (languages.stream().noneMatch(CachedTemplate::approved) && refresher.refreshNameAfterMiss(waba, name)) {
            languages = cache.languages(waba.teamId(), waba.wabaId(), name);
        }
        List<CachedTemplate> approved =
                languages.stream().filter(CachedTemplate::approved).toList();
        if (approved.isEmpty()) {
            if (languages.isEmpty()) {
                throw ApiException.badRequest(
                        "templateName", "Template '" + name + "' does not exist in WABA " + waba.wabaId());
            }
            throw ApiException.badRequest(
                    "templateName",
                    "Template '" + name + "' has no APPROVED language ("
                            + languages.stream()
                                    .map(t -> t.language() + ": " + t.status())
                                    .collect(Collectors.joining(", "))
                            + ")");
        }
        if (approved.size() == 1) {
            return approved.getFirst();
        }
        // The team's default language would come next; teams have no such setting (docs/decisions.md).
        return approved.stream()
                .filter(t -> t.language().equals(FALLBACK_LANGUAGE))
                .findFirst()
                .orElse(approved.getFirst());
    }

    /** {@code en-US} and {@code en_US} are one language (meta-cloud-api.md §9 #17). */
    private static String normalized(String language) {
        return language.replace('-', '_');
    }
}
