package org.openchakra.common;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Values read at most once per key and transaction, then forgotten when the transaction ends: for a fact that a
 * batch asks about again and again (a plugin's settings, whether a team has a drip campaign) and that must not come
 * from a cache another process's change reaches late. Outside a transaction every call reads.
 */
public final class TransactionMemo<K, V> {

    /** Read once per key and transaction. */
    @SuppressWarnings("unchecked")
    public V get(K key, Supplier<V> load) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return load.get();
        }
        Map<K, V> read = (Map<K, V>) TransactionSynchronizationManager.getResource(this);
        if (read == null) {
            read = new HashMap<>();
            TransactionSynchronizationManager.bindResource(this, read);
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCompletion(int status) {
                    TransactionSynchronizationManager.unbindResourceIfPossible(TransactionMemo.this);
                }
            });
        }
        V known = read.get(key);
        if (known == null) {
            known = load.get();
            read.put(key, known);
        }
        return known;
    }
}
