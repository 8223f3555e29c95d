package org.openchakra.team;

/**
 * Published inside the transaction that creates a team, so that features can give every new team
 * its defaults (the CRM's lead procedure, the sandbox plugin) atomically with the team itself.
 */
public record TeamCreated(Team team) {}
