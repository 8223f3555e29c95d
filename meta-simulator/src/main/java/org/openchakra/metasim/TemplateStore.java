package org.openchakra.metasim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Templates of every WABA, newest first per WABA, plus the bookkeeping behind the creation limits. */
final class TemplateStore {

    private final Map<String, List<Template>> byWaba = new ConcurrentHashMap<>();
    private final Map<String, Template> byId = new ConcurrentHashMap<>();
    /** Approved names deleted recently cannot be reused for 30 days (spec 3.4): waba|name -> deletion time. */
    private final Map<String, Instant> deletedApprovedNames = new ConcurrentHashMap<>();

    private final Map<String, List<Instant>> creations = new ConcurrentHashMap<>();

    /** Adds a template; only API creations count toward the 100-per-hour limit, not direct seeds. */
    synchronized void add(Template template, boolean apiCreation) {
        byWaba.computeIfAbsent(template.wabaId, k -> new ArrayList<>()).addFirst(template);
        byId.put(template.id, template);
        if (apiCreation) {
            creations.computeIfAbsent(template.wabaId, k -> new ArrayList<>()).add(template.createdAt);
        }
    }

    synchronized void remove(Template template) {
        List<Template> list = byWaba.get(template.wabaId);
        if (list != null) {
            list.remove(template);
        }
        byId.remove(template.id);
    }

    Optional<Template> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    synchronized List<Template> list(String wabaId) {
        return List.copyOf(byWaba.getOrDefault(wabaId, List.of()));
    }

    synchronized Optional<Template> find(String wabaId, String name, String language) {
        return byWaba.getOrDefault(wabaId, List.of()).stream()
                .filter(t -> t.name.equals(name) && sameLanguage(t.language, language))
                .findFirst();
    }

    synchronized List<Template> named(String wabaId, String name) {
        return byWaba.getOrDefault(wabaId, List.of()).stream()
                .filter(t -> t.name.equals(name))
                .toList();
    }

    synchronized int count(String wabaId) {
        return byWaba.getOrDefault(wabaId, List.of()).size();
    }

    /** Creations in the hour before {@code now}, for the 100-per-hour limit. */
    synchronized long createdSince(String wabaId, Instant since) {
        return creations.getOrDefault(wabaId, List.of()).stream()
                .filter(t -> t.isAfter(since))
                .count();
    }

    void markDeletedApproved(String wabaId, String name, Instant at) {
        deletedApprovedNames.put(wabaId + "|" + name, at);
    }

    Optional<Instant> deletedApprovedAt(String wabaId, String name) {
        return Optional.ofNullable(deletedApprovedNames.get(wabaId + "|" + name));
    }

    /** Spec 9 #17: {@code en-US} and {@code en_US} name the same language. */
    static boolean sameLanguage(String a, String b) {
        return a != null && b != null && a.replace('-', '_').equalsIgnoreCase(b.replace('-', '_'));
    }
}
