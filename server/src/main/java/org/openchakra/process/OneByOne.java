package org.openchakra.process;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.openchakra.web.ApiException;
import org.openchakra.web.ErrorDetail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs one item of a batch through the single endpoint's code, inside a savepoint of the batch's
 * transaction: an item that fails rolls back only itself and becomes an ERROR entry. The path for
 * items the batched writes do not cover, and for a whole batch when a batched write fails.
 */
@Component
class OneByOne {

    private static final Logger log = LoggerFactory.getLogger(OneByOne.class);

    private final TransactionTemplate savepoint;

    OneByOne(PlatformTransactionManager transactions) {
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    JobEntry.Outcome run(int index, Supplier<UUID> item) {
        try {
            return JobEntry.Outcome.success(index, savepoint.execute(status -> item.get()));
        } catch (ApiException refused) {
            return JobEntry.Outcome.error(
                    index, refused.details().stream().map(ErrorDetail::message).toList());
        } catch (DataAccessException failed) {
            log.warn("Bulk entry {} failed in the database", index, failed);
            return JobEntry.Outcome.error(index, List.of("The item could not be saved"));
        }
    }

    /**
     * Runs {@code work} in a savepoint; answers empty (and nothing of it written) if it failed in any way.
     * For a whole batch: one item that trips a defect, or a deadlock, must not fail the batch again and
     * again; its entries are then tried one at a time. (If the database itself is gone, recording the
     * outcomes fails too, and the batch is retried later.)
     */
    <T> Optional<T> attempt(Supplier<T> work) {
        try {
            return Optional.of(savepoint.execute(status -> work.get()));
        } catch (RuntimeException failed) {
            log.error("A bulk batch failed; its entries are retried one at a time", failed);
            return Optional.empty();
        }
    }

    /** Runs {@code write} in a savepoint; answers empty (and nothing written) if the database refused it. */
    <T> Optional<T> tryBatched(Supplier<T> write) {
        try {
            return Optional.of(savepoint.execute(status -> write.get()));
        } catch (DataAccessException failed) {
            log.info("A batched bulk write failed; its items are done one by one: {}", failed.getMessage());
            return Optional.empty();
        }
    }
}
