package org.openchakra.cluster;

import java.util.function.Consumer;

/** Receives the notices of one topic, on the listening thread: keep it short, hand long work elsewhere. */
public interface NoticeListener {

    void onNotice(String payload);

    /**
     * The listening connection was (re)established: notices published while it was down are lost, so
     * whatever depends on them must assume anything changed (empty a cache, catch up from the database).
     * Also called once when listening first starts.
     */
    default void onGap() {}

    /**
     * The listener of a cache: {@code forget} drops what one notice's payload names, {@code forgetAll} drops
     * everything after a gap (notices may have been missed).
     */
    static NoticeListener of(Consumer<String> forget, Runnable forgetAll) {
        return new NoticeListener() {
            @Override
            public void onNotice(String payload) {
                forget.accept(payload);
            }

            @Override
            public void onGap() {
                forgetAll.run();
            }
        };
    }
}
