package org.openchakra.team;

/**
 * Published inside the transaction that changes a team's settings, so that features keeping a team's
 * settings in a short-lived cache can drop them once the change is committed.
 */
public record TeamUpdated(Team team) {}
