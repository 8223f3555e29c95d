package org.openchakra.cluster;

/** Receives the notices of one topic, on the listening thread: keep it short, hand long work elsewhere. */
public interface NoticeListener {

    void onNotice(String payload);

    /**
     * The listening connection was (re)established: notices published while it was down are lost, so
     * whatever depends on them must assume anything changed (empty a cache, catch up from the database).
     * Also called once when listening first starts.
     */
    default void onGap() {}
}
