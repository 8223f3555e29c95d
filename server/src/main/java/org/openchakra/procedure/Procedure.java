package org.openchakra.procedure;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * The schema of one kind of process (platform.md §3): its attributes, states and state tasks. Stored as
 * one JSONB document ({@link Definition}); removed attributes stay in it, flagged, so old values
 * remain readable.
 */
public record Procedure(
        UUID id,
        UUID teamId,
        String shortId,
        String name,
        Definition definition,
        Instant createdAt,
        Instant updatedAt) {

    public record Definition(
            List<Attribute> attributes,
            List<State> states,
            String startState,
            String completedState,
            String primaryIdentifier,
            String primaryKey,
            String primaryPhoneAttribute,
            String primaryEmailAttribute,
            List<StateTask> stateTasks) {

        public Definition withAttributes(List<Attribute> changed) {
            return new Definition(
                    changed,
                    states,
                    startState,
                    completedState,
                    primaryIdentifier,
                    primaryKey,
                    primaryPhoneAttribute,
                    primaryEmailAttribute,
                    stateTasks);
        }

        public Definition withStates(List<State> changed) {
            return new Definition(
                    attributes,
                    changed,
                    startState,
                    completedState,
                    primaryIdentifier,
                    primaryKey,
                    primaryPhoneAttribute,
                    primaryEmailAttribute,
                    stateTasks);
        }

        public Definition withStateTasks(List<StateTask> changed) {
            return new Definition(
                    attributes,
                    states,
                    startState,
                    completedState,
                    primaryIdentifier,
                    primaryKey,
                    primaryPhoneAttribute,
                    primaryEmailAttribute,
                    changed);
        }
    }

    public record Attribute(
            UUID id,
            String shortId,
            String name,
            String type,
            boolean required,
            List<JsonNode> options,
            AutoId autoId,
            JsonNode defaultValue,
            JsonNode schema,
            boolean removed) {}

    public record AutoId(String prefix, int padding) {}

    public record State(UUID id, String shortId, String name) {}

    public record StateTask(UUID id, String shortId, String name, List<Attribute> attributes) {}

    /** Live (not removed) attribute by shortId. */
    public Optional<Attribute> attribute(String shortId) {
        return definition.attributes().stream()
                .filter(a -> a.shortId().equals(shortId) && !a.removed())
                .findFirst();
    }

    public List<Attribute> liveAttributes() {
        return definition.attributes().stream().filter(a -> !a.removed()).toList();
    }

    public Optional<State> state(String shortId) {
        return definition.states().stream()
                .filter(s -> s.shortId().equals(shortId))
                .findFirst();
    }

    public Optional<StateTask> stateTask(String shortId) {
        return definition.stateTasks().stream()
                .filter(t -> t.shortId().equals(shortId))
                .findFirst();
    }

    public Optional<Attribute> primaryKeyAttribute() {
        return Optional.ofNullable(definition.primaryKey()).flatMap(this::attribute);
    }
}
