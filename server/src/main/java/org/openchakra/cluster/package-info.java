/**
 * Notices between server processes over PostgreSQL {@code LISTEN}/{@code NOTIFY}: "this changed", so that
 * every instance drops a stale cache entry, wakes a worker or pushes a live update at once. A notice is
 * sent in the publisher's transaction and arrives only if it commits, on every instance, this one included.
 */
package org.openchakra.cluster;
